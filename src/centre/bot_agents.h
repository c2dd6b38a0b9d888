// BotAgents: simulated operators for the seats no person has taken in the
// live centre. A bot reacts to the engine's commands and events the way a
// steady operator would: answers offers after a short delay (rarely rejects
// one), finishes wrap-up, comes back after missed offers, takes the odd break.
// Bots never hang up calls; simulated callers end their own calls.
//
// Time: BotAgents owns no timers. Every reaction goes through `schedule`
// (run this input after this delay); the owner applies it to the engine when
// due, but only if ShouldApply(input) still holds then, so inputs scheduled
// for an agent a person has since taken are dropped. Inputs scheduled with
// the same delay must be applied in the order they were scheduled.
//
// Thread-safety: none; one owner thread (the core loop) calls everything.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <random>
#include <vector>

#include "acd/commands.h"
#include "acd/events.h"
#include "acd/inputs.h"

namespace cc::centre {

using core::AgentId;
using core::Duration;

struct BotOptions {
  std::uint64_t seed = 1;
  Duration answer_min = core::Seconds(1);  // from offer to answer
  Duration answer_max = core::Seconds(4);
  double reject_chance = 0.02;
  Duration wrap_up_min = core::Seconds(5);
  Duration wrap_up_max = core::Seconds(20);
  Duration missed_offers_pause = core::Seconds(30);  // not-ready after missed offers, then ready
  double break_chance = 0.0;                         // after each handled call
  Duration break_min = core::Seconds(180);
  Duration break_max = core::Seconds(420);
};

class BotAgents {
 public:
  using Schedule = std::function<void(Duration, acd::Input)>;

  explicit BotAgents(Schedule schedule, BotOptions options = {});

  // A bot takes the seat: logs the agent in and makes it ready (when enabled).
  void Drive(AgentId agent);
  // A person took the seat: the bot stops reacting, and its pending inputs lapse.
  void Release(AgentId agent);
  bool Drives(AgentId agent) const { return bots_.contains(agent); }
  std::vector<AgentId> Driven() const;
  // Asked by the owner when a scheduled input is due: false once it has lapsed.
  bool ShouldApply(const acd::Input& input) const;

  void OnCommand(const acd::Command& command);
  void OnEvent(const acd::Event& event);

  // Off: idle bots log out at once, busy ones after their call and wrap-up.
  // On: bots that are logged out log in and get ready.
  void SetEnabled(bool enabled);
  bool enabled() const { return enabled_; }

 private:
  struct Bot {
    std::optional<acd::AgentState> state;  // as the engine last reported it
    bool break_asked = false;              // the bot itself went on a break
  };

  void LogIn(AgentId agent);
  Duration Uniform(Duration low, Duration high);
  bool Chance(double probability);

  Schedule schedule_;
  BotOptions options_;
  std::mt19937_64 rng_;
  bool enabled_ = true;
  std::map<AgentId, Bot> bots_;  // ordered: reactions to SetEnabled are deterministic
};

}  // namespace cc::centre
