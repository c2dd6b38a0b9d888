// The simulated world around a live centre: simulated telephony (callers on
// the demo numbers) and bot agents in the seats no person has taken. It is
// the api::SimControl of `serve` when telephony is simulated.
// Thread-safety: the SimControl methods may be called from any thread (they
// run their work on the centre's loop); everything else is loop-only.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>

#include "api/api.h"
#include "centre/bot_agents.h"
#include "centre/centre.h"
#include "crm/callback_desk.h"
#include "telephony/simulated_telephony.h"

namespace cc::app {

struct SimWorldOptions {
  std::uint64_t seed = 42;
  std::uint64_t first_call_id = 1;
  bool bots = true;
  bool traffic = true;
  double rate_multiplier = 1.0;
  telephony::LocalHour local_hour;
  std::vector<telephony::TrafficStream> streams;
};

class SimWorld final : public api::SimControl, public crm::CallbackSink {
 public:
  SimWorld(centre::Centre& centre, core::Clock& clock, SimWorldOptions options);
  ~SimWorld() override;

  // Before Centre::Start: hands the telephony and bots to the centre.
  void Attach();
  // After Centre::Start: bots take `agents`' seats, traffic starts.
  void Begin(const std::vector<core::AgentId>& agents);
  // Stops traffic and timers; call before Centre::Stop.
  void Stop();

  core::Result<core::CallId> InjectCall(core::QueueId queue, std::string caller) override;
  core::Result<core::CallId> PlacePracticeCall(core::AgentId agent, core::QueueId queue, core::TenantId tenant,
                                               std::string number) override;
  void SetTrafficPaused(bool paused) override;
  void SetBotsEnabled(bool enabled) override;
  void ReleaseSeat(core::AgentId agent) override;
  nlohmann::json Status() override;
  // Loop only: the simulated telephony (for a CallRouter) and a seat a bot
  // must leave at once (an agent's phone registered).
  telephony::SimulatedTelephony& telephony() { return telephony_; }
  void ReleaseSeatOnLoop(core::AgentId agent) {
    if (bots_.Drives(agent)) bots_.Release(agent);
  }
  // A callback that fell due: scheduled in the engine now, under a new call id.
  core::Result<core::CallId> Dispatch(const crm::Callback& callback) override;

 private:
  void Schedule(core::Duration delay, acd::Input input);
  template <typename Fn>
  auto OnLoop(Fn fn) {
    return centre_.Ask(std::move(fn)).get();
  }

  centre::Centre& centre_;
  SimWorldOptions options_;
  telephony::SimulatedTelephony telephony_;
  centre::BotAgents bots_;
  bool stopped_ = false;  // loop only
};

}  // namespace cc::app
