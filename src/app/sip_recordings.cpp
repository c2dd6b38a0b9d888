#include "app/sip_recordings.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/time.h"

namespace cc::app {

std::optional<recordings::RecordingPolicy> SipRecordings::PolicyOf(core::QueueId queue) {
  constexpr auto kFreshFor = std::chrono::seconds(5);
  const core::Timestamp now = clock_.Now();
  auto cached = policies_.find(queue);
  if (cached != policies_.end() && now - cached->second.read_at < kFreshFor) return cached->second.policy;
  auto policy = store_.Policy(queue);
  if (!policy) {
    spdlog::error("recordings: no policy for queue {}: {}; its calls are not recorded", queue.value(),
                  policy.error().message);
    return std::nullopt;
  }
  policies_[queue] = CachedPolicy{*policy, now};
  return *policy;
}

std::optional<core::QueueId> SipRecordings::QueueOf(core::CallId call, std::optional<core::QueueId> queue) const {
  // A call offered at once never had queue music: its queue comes from the engine.
  if (!queue) {
    if (auto view = centre_.engine().Call(call)) queue = view->queue;
  }
  return queue;
}

bool SipRecordings::WillRecord(core::CallId call, std::optional<core::QueueId> queue) {
  queue = QueueOf(call, queue);
  if (!queue) return false;
  auto policy = PolicyOf(*queue);
  return policy && policy->record;
}

std::optional<std::filesystem::path> SipRecordings::Begin(core::CallId call, std::optional<core::QueueId> queue,
                                                          core::AgentId agent) {
  queue = QueueOf(call, queue);
  if (!queue) return std::nullopt;
  auto policy = PolicyOf(*queue);
  if (!policy || !policy->record) return std::nullopt;
  // Inbound calls know their tenant; a call the centre dialled (a callback)
  // belongs to its queue's.
  std::optional<core::TenantId> tenant;
  if (const centre::CallInfo* info = centre_.Call(call)) tenant = info->tenant;
  else if (const centre::QueueSetup* q = centre_.setup().FindQueue(*queue)) tenant = q->config.tenant;
  if (!tenant) return std::nullopt;
  const core::Timestamp now = clock_.Now();
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{day};
  // A call transferred to another agent is recorded again, in a file of its
  // own: call-ID.wav, then call-ID-2.wav, ...
  const std::string folder = fmt::format("recordings/{:04}/{:02}/{:02}/", static_cast<int>(ymd.year()),
                                         static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  std::string relative = folder + fmt::format("call-{}.wav", call.value());
  for (int part = 2; std::filesystem::exists(data_dir_ / relative) && part < 100; ++part) {
    relative = folder + fmt::format("call-{}-{}.wav", call.value(), part);
  }
  auto id = store_.Begin({call, *tenant, *queue, agent, relative, now});
  if (!id) {
    spdlog::error("recordings: call {} not recorded: {}", call.value(), id.error().message);
    return std::nullopt;
  }
  std::lock_guard lock(mutex_);
  open_[call] = Open{*id, call, *queue, agent, std::nullopt};
  return data_dir_ / relative;
}

void SipRecordings::Finish(core::CallId call, std::uint64_t frames) {
  Open open;
  {
    std::lock_guard lock(mutex_);
    auto it = open_.find(call);
    if (it == open_.end()) return;
    open = it->second;
    open_.erase(it);
  }
  const core::Timestamp now = clock_.Now();
  if (open.paused_since) {
    if (auto s = store_.AddPause(open.id, now - *open.paused_since); !s) {
      spdlog::warn("recordings: pause of call {} not kept: {}", call.value(), s.error().message);
    }
  }
  if (auto s = store_.Finish(open.id, now, frames); !s) {
    spdlog::error("recordings: call {} not finished: {}", call.value(), s.error().message);
  }
}

core::Result<recordings::PauseChange> SipRecordings::SetPaused(core::AgentId agent, bool paused) {
  if (!telephony_) return core::Fail(core::ErrorCode::kFailedPrecondition, "this call is not recorded");
  auto applied = centre_.Ask([this, agent, paused] { return telephony_->SetRecordingPaused(agent, paused); }).get();
  if (!applied) return tl::unexpected(applied.error());
  std::lock_guard lock(mutex_);
  for (auto& [call, open] : open_) {
    if (open.agent != agent) continue;
    const core::Timestamp now = clock_.Now();
    if (paused && !open.paused_since) {
      open.paused_since = now;
    } else if (!paused && open.paused_since) {
      if (auto s = store_.AddPause(open.id, now - *open.paused_since); !s) {
        spdlog::warn("recordings: pause of call {} not kept: {}", call.value(), s.error().message);
      }
      open.paused_since.reset();
    }
    return recordings::PauseChange{open.id, call, open.queue, paused};
  }
  return core::Fail(core::ErrorCode::kFailedPrecondition, "this call is not recorded");
}

}  // namespace cc::app
