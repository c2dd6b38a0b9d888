#include "api/training.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

namespace cc::api {

void TrainingCalls::Begin(Practice practice) {
  const core::CallId call = practice.call;
  {
    std::lock_guard lock(mutex_);
    // Practice calls are remembered for a day (their record stays in script_uses).
    std::erase_if(calls_, [&practice](const auto& entry) {
      return entry.second.placed < practice.placed - std::chrono::hours(24);
    });
    calls_[call] = std::move(practice);
  }
  boost::asio::post(centre_.loop(), [this, call] { Tick(call, 0); });
}

std::optional<Practice> TrainingCalls::Find(core::CallId call) const {
  std::lock_guard lock(mutex_);
  auto it = calls_.find(call);
  if (it == calls_.end()) return std::nullopt;
  return it->second;
}

// Core loop: sends the next line while the operator is talking to the
// practice caller; gives up when the call is gone (a minute without it).
void TrainingCalls::Tick(core::CallId call, int idle_ticks) {
  const auto desk_agent = [&]() -> std::optional<core::AgentId> {
    std::lock_guard lock(mutex_);
    auto it = calls_.find(call);
    if (it == calls_.end()) return std::nullopt;
    return it->second.agent;
  }();
  if (!desk_agent) return;
  auto desk = centre_.DeskOf(*desk_agent);
  const bool talking = desk && desk->call && desk->call->call == call && !desk->call->on_hold;
  std::optional<nlohmann::json> message;
  bool more = true;
  {
    std::lock_guard lock(mutex_);
    Practice& p = calls_[call];
    if (talking && p.said.size() < p.lines.size()) {
      const std::string& text = p.lines[p.said.size()];
      p.said.emplace_back(centre_.Now(), text);
      message = nlohmann::json{{"type", "training.line"},
                               {"call", call.value()},
                               {"situation", p.situation},
                               {"index", p.said.size() - 1},
                               {"text", text},
                               {"at", core::FormatUtc(centre_.Now())}};
    }
    more = p.said.size() < p.lines.size();
  }
  if (message) {
    hub_.Publish("agent:" + std::to_string(desk_agent->value()), std::make_shared<const std::string>(message->dump()));
  }
  const bool present = desk && ((desk->call && desk->call->call == call) || (desk->offer && desk->offer->call == call));
  idle_ticks = present ? 0 : idle_ticks + 1;
  if (!more || idle_ticks * line_every_ > std::chrono::minutes(1)) return;
  auto timer = std::make_shared<boost::asio::steady_timer>(centre_.loop(), line_every_);
  timer->async_wait([this, call, idle_ticks, timer](const boost::system::error_code& ec) {
    if (!ec) Tick(call, idle_ticks);
  });
}

}  // namespace cc::api
