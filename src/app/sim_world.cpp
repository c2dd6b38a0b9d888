#include "app/sim_world.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

namespace cc::app {

namespace {

telephony::SimulatedTelephonyOptions TelephonyOptions(const SimWorldOptions& o) {
  telephony::SimulatedTelephonyOptions t;
  t.seed = o.seed;
  t.first_call_id = o.first_call_id;
  return t;
}

centre::BotOptions BotOptionsFor(const SimWorldOptions& o) {
  centre::BotOptions b;
  b.seed = o.seed + 1;
  b.break_chance = 0.05;
  return b;
}

}  // namespace

SimWorld::SimWorld(centre::Centre& centre, core::Clock& clock, SimWorldOptions options)
    : centre_(centre),
      options_(std::move(options)),
      telephony_(centre.loop(), clock, options_.local_hour, TelephonyOptions(options_)),
      bots_([this](core::Duration delay, acd::Input input) { Schedule(delay, std::move(input)); },
            BotOptionsFor(options_)) {}

SimWorld::~SimWorld() = default;

void SimWorld::Attach() {
  centre_.SetTelephony(&telephony_);
  centre_.SetBots(&bots_);
}

void SimWorld::Begin(const std::vector<core::AgentId>& agents) {
  OnLoop([this, agents] {
    bots_.SetEnabled(options_.bots);
    for (auto a : agents) bots_.Drive(a);
    if (auto s = telephony_.SetRateMultiplier(options_.rate_multiplier); !s) {
      spdlog::error("traffic multiplier: {}", s.error().message);
    }
    if (auto s = telephony_.SetTraffic(options_.streams); !s) {
      spdlog::error("demo traffic refused: {}", s.error().message);
    }
    if (!options_.traffic) telephony_.Pause();
    return 0;
  });
}

void SimWorld::Stop() {
  OnLoop([this] {
    stopped_ = true;
    telephony_.Stop();
    return 0;
  });
}

void SimWorld::Schedule(core::Duration delay, acd::Input input) {
  auto apply = [this, input = std::move(input)] {
    if (stopped_ || !bots_.ShouldApply(input)) return;
    if (auto s = centre_.ApplyOnLoop(input); !s) {
      spdlog::debug("bot input refused: {}", s.error().message);
    }
  };
  if (delay <= core::Duration::zero()) {
    boost::asio::post(centre_.loop(), std::move(apply));
    return;
  }
  auto timer = std::make_shared<boost::asio::steady_timer>(centre_.loop());
  timer->expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(delay));
  timer->async_wait([timer, apply = std::move(apply)](const boost::system::error_code& ec) {
    if (!ec) apply();
  });
}

core::Result<core::CallId> SimWorld::InjectCall(core::QueueId queue, std::string caller) {
  return OnLoop([this, queue, caller = std::move(caller)]() -> core::Result<core::CallId> {
    const centre::QueueSetup* q = centre_.setup().FindQueue(queue);
    if (!q) return core::Fail(core::ErrorCode::kNotFound, "no queue with id " + std::to_string(queue.value()));
    if (q->numbers.empty()) {
      return core::Fail(core::ErrorCode::kFailedPrecondition,
                        "queue '" + q->config.name + "' has no number callers can dial");
    }
    std::optional<std::string> number;
    if (!caller.empty()) number = caller;
    return telephony_.InjectCall(q->numbers.front(), number);
  });
}

core::Result<core::CallId> SimWorld::PlacePracticeCall(core::AgentId agent, core::QueueId queue,
                                                       core::TenantId tenant, std::string number) {
  const core::CallId call = OnLoop([this] {
    const core::CallId id = telephony_.ReserveCallId();
    telephony_.ExpectPractice(id, core::Seconds(20 * 60));
    return id;
  });
  acd::OriginateCall input;
  input.call = call;
  input.agent = agent;
  input.queue = queue;
  input.number = number;
  input.attributes.tenant = tenant;
  input.attributes.caller_number = number;
  input.attributes.tags.push_back("training");
  centre::Ack ack = centre_.Submit(std::move(input)).get();
  if (!ack.applied) {
    OnLoop([this, call] {
      telephony_.ForgetPractice(call);
      return 0;
    });
    return tl::unexpected(ack.applied.error());
  }
  if (auto durable = ack.durable.get(); !durable) return tl::unexpected(durable.error());
  return call;
}

core::Result<core::CallId> SimWorld::Dispatch(const crm::Callback& callback) {
  const core::CallId call = OnLoop([this] { return telephony_.ReserveCallId(); });
  acd::ScheduleCallback input;
  input.call = call;
  input.queue = callback.input.queue;
  input.number = callback.input.number;
  input.due = callback.input.due_at;
  input.attributes.tenant = callback.input.tenant;
  input.attributes.caller_number = callback.input.number;
  input.attributes.tags.push_back("crm_callback:" + std::to_string(callback.id.value()));
  centre::Ack ack = centre_.Submit(std::move(input)).get();
  if (!ack.applied) return tl::unexpected(ack.applied.error());
  if (auto durable = ack.durable.get(); !durable) return tl::unexpected(durable.error());
  return call;
}

void SimWorld::SetTrafficPaused(bool paused) {
  OnLoop([this, paused] {
    if (paused) {
      telephony_.Pause();
    } else {
      telephony_.Resume();
    }
    return 0;
  });
}

void SimWorld::SetBotsEnabled(bool enabled) {
  OnLoop([this, enabled] {
    bots_.SetEnabled(enabled);
    return 0;
  });
}

void SimWorld::ReleaseSeat(core::AgentId agent) {
  OnLoop([this, agent] {
    if (bots_.Drives(agent)) bots_.Release(agent);
    return 0;
  });
}

nlohmann::json SimWorld::Status() {
  return OnLoop([this] {
    const auto& c = telephony_.counts();
    nlohmann::json bots = nlohmann::json::array();
    for (auto a : bots_.Driven()) bots.push_back(a.value());
    return nlohmann::json{{"traffic_paused", telephony_.paused()},
                          {"rate_multiplier", telephony_.rate_multiplier()},
                          {"bots_enabled", bots_.enabled()},
                          {"bot_agents", bots},
                          {"active_lines", telephony_.active_lines()},
                          {"arrived", c.arrived},
                          {"abandoned", c.abandoned},
                          {"completed", c.completed}};
  });
}

}  // namespace cc::app
