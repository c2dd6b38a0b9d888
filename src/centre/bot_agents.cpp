#include "centre/bot_agents.h"

#include <algorithm>
#include <utility>

#include "core/overloaded.h"

namespace cc::centre {

using acd::AgentState;

namespace {

bool Idle(AgentState s) {
  return s == AgentState::kReady || s == AgentState::kNotReady;
}

bool InCall(AgentState s) {
  return s == AgentState::kOnCall || s == AgentState::kOnHold || s == AgentState::kWrapUp;
}

// The agent a bot's input is about; nullopt for inputs bots never schedule.
std::optional<AgentId> AgentOf(const acd::Input& input) {
  return std::visit(
      core::Overloaded{
          [](const acd::AgentLogin& in) -> std::optional<AgentId> { return in.agent; },
          [](const acd::AgentReady& in) -> std::optional<AgentId> { return in.agent; },
          [](const acd::AgentNotReady& in) -> std::optional<AgentId> { return in.agent; },
          [](const acd::AgentLogout& in) -> std::optional<AgentId> { return in.agent; },
          [](const acd::WrapUpDone& in) -> std::optional<AgentId> { return in.agent; },
          [](const acd::OfferAccepted& in) -> std::optional<AgentId> { return in.agent; },
          [](const acd::OfferRejected& in) -> std::optional<AgentId> { return in.agent; },
          [](const auto&) -> std::optional<AgentId> { return std::nullopt; },
      },
      input);
}

}  // namespace

BotAgents::BotAgents(Schedule schedule, BotOptions options)
    : schedule_(std::move(schedule)), options_(options), rng_(options.seed) {
  options_.answer_max = std::max(options_.answer_max, options_.answer_min);
  options_.wrap_up_max = std::max(options_.wrap_up_max, options_.wrap_up_min);
  options_.break_max = std::max(options_.break_max, options_.break_min);
}

Duration BotAgents::Uniform(Duration low, Duration high) {
  return Duration(std::uniform_int_distribution<Duration::rep>(low.count(), high.count())(rng_));
}

bool BotAgents::Chance(double probability) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < probability;
}

void BotAgents::LogIn(AgentId agent) {
  schedule_(Duration::zero(), acd::AgentLogin{agent});
  schedule_(Duration::zero(), acd::AgentReady{agent});
}

void BotAgents::Drive(AgentId agent) {
  if (!bots_.emplace(agent, Bot{}).second) return;
  if (enabled_) LogIn(agent);
}

void BotAgents::Release(AgentId agent) {
  bots_.erase(agent);
}

std::vector<AgentId> BotAgents::Driven() const {
  std::vector<AgentId> out;
  for (const auto& [id, bot] : bots_) out.push_back(id);
  return out;
}

bool BotAgents::ShouldApply(const acd::Input& input) const {
  const auto agent = AgentOf(input);
  if (!agent || !Drives(*agent)) return false;
  if (enabled_) return true;
  // Switched off: finish what is under way and log out, but take no new work.
  return !std::holds_alternative<acd::AgentLogin>(input) &&
         !std::holds_alternative<acd::AgentReady>(input) &&
         !std::holds_alternative<acd::AgentNotReady>(input);
}

void BotAgents::OnCommand(const acd::Command& command) {
  if (const auto* offer = std::get_if<acd::OfferCall>(&command)) {
    if (!Drives(offer->agent)) return;
    const Duration delay = Uniform(options_.answer_min, options_.answer_max);
    if (Chance(options_.reject_chance))
      schedule_(delay, acd::OfferRejected{offer->call, offer->agent});
    else
      schedule_(delay, acd::OfferAccepted{offer->call, offer->agent});
  } else if (const auto* wrap = std::get_if<acd::StartWrapUp>(&command)) {
    if (!Drives(wrap->agent)) return;
    const Duration delay = Uniform(options_.wrap_up_min, options_.wrap_up_max);
    // A longer wrap-up than the queue allows would be ended by the engine anyway.
    if (wrap->duration.count() <= 0 || delay < wrap->duration)
      schedule_(delay, acd::WrapUpDone{wrap->agent});
  }
}

void BotAgents::OnEvent(const acd::Event& event) {
  const auto* change = std::get_if<acd::AgentStateChanged>(&event.body);
  if (change == nullptr) return;
  auto it = bots_.find(change->agent);
  if (it == bots_.end()) return;
  Bot& bot = it->second;
  const AgentId agent = change->agent;
  bot.state = change->to;
  if (!enabled_) {
    if (Idle(change->to)) schedule_(Duration::zero(), acd::AgentLogout{agent});
    return;
  }
  switch (change->to) {
    case AgentState::kLoggedOut:
      // Logged out by the bots being switched off earlier; a supervisor's logout stands.
      if (!change->forced) LogIn(agent);
      break;
    case AgentState::kNotReady:
      if (change->forced) break;  // a supervisor's decision stands
      if (change->reason == acd::NotReadyReason::kMissedOffers) {
        schedule_(options_.missed_offers_pause, acd::AgentReady{agent});
      } else if (change->reason == acd::NotReadyReason::kBreak && bot.break_asked) {
        bot.break_asked = false;
        schedule_(Uniform(options_.break_min, options_.break_max), acd::AgentReady{agent});
      }
      break;
    case AgentState::kReady:
      if (InCall(change->from) && Chance(options_.break_chance)) {
        bot.break_asked = true;
        schedule_(Duration::zero(), acd::AgentNotReady{agent, acd::NotReadyReason::kBreak});
      }
      break;
    default:
      break;
  }
}

void BotAgents::SetEnabled(bool enabled) {
  if (enabled == enabled_) return;
  enabled_ = enabled;
  for (const auto& [agent, bot] : bots_) {
    if (!enabled_) {
      // Busy bots log out when their state next turns idle (OnEvent).
      if (!bot.state || Idle(*bot.state)) schedule_(Duration::zero(), acd::AgentLogout{agent});
    } else if (!bot.state || *bot.state == AgentState::kLoggedOut) {
      LogIn(agent);
    }
  }
}

}  // namespace cc::centre
