#include "reporting/cdr_builder.h"

#include <array>
#include <string_view>

#include "reporting/server_records.h"

namespace cc::reporting {

using core::ErrorCode;
using core::Fail;
using nlohmann::json;

namespace {

std::optional<std::int64_t> Int(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

std::optional<std::string> Text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

core::Duration Ms(const json& j, const char* key) {
  return core::Duration(Int(j, key).value_or(0));
}

// Record types that may be the first one of a call.
bool Opens(std::string_view type) {
  constexpr std::array<std::string_view, 8> kOpening = {
      kCallReceived,  "call.queued",    "callback.queued", "callback.scheduled",
      "call.offered", "call.connected", "call.ended",      kIvrEnded};
  for (std::string_view t : kOpening) {
    if (t == type) return true;
  }
  return false;
}

template <typename Id>
json IdOrNull(Id id) {
  if (!id.valid()) return nullptr;
  return static_cast<std::int64_t>(id.value());
}

template <typename Id>
Id IdFrom(const json& j, const char* key) {
  auto v = Int(j, key);
  if (!v || *v <= 0) return Id();
  return Id(static_cast<typename Id::rep_type>(*v));
}

}  // namespace

void CdrBuilder::Consume(const storage::LogRecord& record) {
  ReleaseOverdue(record.at_ms);
  if (!record.call_id) return;
  const json j = json::parse(record.payload, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    ++skipped_;
    return;
  }
  const std::int64_t id = *record.call_id;
  auto it = calls_.find(id);
  if (it == calls_.end()) {
    if (record.type == "call.handled" || record.type == kCallDisposition) {
      Late(id, record, j);
      return;
    }
    if (!Opens(record.type)) return;  // after the call was let go: nothing to add
    Call call;
    call.cdr.call = core::CallId(static_cast<std::uint64_t>(id));
    call.cdr.arrived_at = core::FromMillis(record.at_ms);
    it = calls_.emplace(id, std::move(call)).first;
  }
  Apply(it->second, record, j);
  Touch(it->second);
  MaybeRelease(id);
}

void CdrBuilder::Apply(Call& call, const storage::LogRecord& record, const json& j) {
  Cdr& c = call.cdr;
  const std::string& type = record.type;
  const core::Timestamp at = core::FromMillis(record.at_ms);
  auto set_queue = [&] {
    if (auto q = IdFrom<core::QueueId>(j, "queue"); q.valid()) c.queue = q;
  };
  if (type == kCallReceived) {
    if (auto t = IdFrom<core::TenantId>(j, "tenant"); t.valid()) c.tenant = t;
    c.dialled = Text(j, "dialled").value_or("");
    c.caller = Text(j, "caller");
    if (auto d = ParseDirection(Text(j, "direction").value_or("inbound"))) c.direction = *d;
    if (j.contains("ivr") && j["ivr"].is_object()) c.topic = Text(j["ivr"], "topic").value_or("");
  } else if (type == "call.queued") {
    set_queue();
    if (!c.tenant.valid()) c.tenant = IdFrom<core::TenantId>(j, "tenant");
  } else if (type == "callback.queued") {
    set_queue();
    const std::string via = Text(j, "via").value_or("");
    c.direction = via == "originate" ? Direction::kOutbound : Direction::kCallback;
    if (auto number = Text(j, "number"); number && !number->empty()) c.dialled = *number;
  } else if (type == "call.offered") {
    set_queue();
    const std::string kind = Text(j, "kind").value_or("");
    if (kind == "outbound") c.direction = Direction::kOutbound;
    if (kind == "callback") c.direction = Direction::kCallback;
  } else if (type == "callback.scheduled" || type == "call.rejected" ||
             type == "call.requeued") {
    set_queue();
  } else if (type == "call.answered" || type == "call.connected") {
    set_queue();
    if (auto a = IdFrom<core::AgentId>(j, "agent"); a.valid()) c.agent = a;
    if (!c.answered_at) c.answered_at = at;
    c.wait += Ms(j, "wait_ms");
  } else if (type == "call.abandoned" || type == "callback.chosen" ||
             type == "call.overflowed") {
    c.wait += Ms(j, "wait_ms");
  } else if (type == "call.transferred") {
    ++c.transfers;
  } else if (type == "agent.left_call") {
    const core::Duration talk = Ms(j, "talk_ms");
    c.talk += talk;
    c.hold += Ms(j, "hold_ms");
    if (auto a = IdFrom<core::AgentId>(j, "agent"); a.valid()) {
      if (talk.count() > 0) c.agent = a;
      call.pending_wrap_up.insert(static_cast<std::int64_t>(a.value()));
    }
  } else if (type == "call.handled") {
    c.wrap_up += Ms(j, "wrap_up_ms");
    if (auto a = Int(j, "agent")) call.pending_wrap_up.erase(*a);
  } else if (type == kCallDisposition) {
    // The disposition of the agent who talked last wins; another agent's
    // (after a transfer) fills it only while it is empty.
    const auto by = IdFrom<core::AgentId>(j, "agent");
    if (c.disposition.empty() || !c.agent.valid() || by == c.agent) {
      c.disposition = Text(j, "code").value_or("");
      c.note = Text(j, "note").value_or("");
    }
  } else if (type == "call.ended") {
    set_queue();
    if (!call.ended) {
      call.ended = true;
      c.ended_at = at;
      ended_by_time_.emplace(record.at_ms, static_cast<std::int64_t>(c.call.value()));
    }
    c.outcome = Text(j, "outcome").value_or("");
  } else if (type == kIvrEnded) {
    // A caller who left an IVR menu without reaching a queue: the only record of the call.
    if (auto t = IdFrom<core::TenantId>(j, "tenant"); t.valid()) c.tenant = t;
    c.dialled = Text(j, "dialled").value_or("");
    c.caller = Text(j, "caller");
    c.direction = Direction::kInbound;
    c.arrived_at = at - Ms(j, "ivr_ms");
    if (!call.ended) {
      call.ended = true;
      c.ended_at = at;
      ended_by_time_.emplace(record.at_ms, static_cast<std::int64_t>(c.call.value()));
    }
    c.outcome = "ivr-" + Text(j, "outcome").value_or("ended");
  } else if (type == kCallInterrupted) {
    if (!call.ended) {
      call.ended = true;
      c.ended_at = at;
      c.outcome = std::string(kOutcomeInterrupted);
      ended_by_time_.emplace(record.at_ms, static_cast<std::int64_t>(c.call.value()));
    }
    call.pending_wrap_up.clear();  // nobody will finish wrap-up for it now
  }
}

void CdrBuilder::Late(std::int64_t call_id, const storage::LogRecord& record, const json& j) {
  CdrPatch patch;
  patch.call = core::CallId(static_cast<std::uint64_t>(call_id));
  if (record.type == "call.handled") {
    patch.add_wrap_up = Ms(j, "wrap_up_ms");
    if (patch.add_wrap_up.count() == 0) return;
  } else {
    patch.disposition = Text(j, "code").value_or("");
    patch.note = Text(j, "note").value_or("");
    patch.agent = IdFrom<core::AgentId>(j, "agent");
  }
  patches_.push_back(std::move(patch));
}

void CdrBuilder::Touch(const Call& call) {
  const auto id = static_cast<std::int64_t>(call.cdr.call.value());
  dirty_.insert(id);
  if (call.ended) changed_cdrs_[id] = call.cdr;
}

void CdrBuilder::MaybeRelease(std::int64_t call_id) {
  auto it = calls_.find(call_id);
  if (it != calls_.end() && it->second.ended && it->second.pending_wrap_up.empty()) {
    Release(call_id);
  }
}

void CdrBuilder::Release(std::int64_t call_id) {
  auto it = calls_.find(call_id);
  if (it == calls_.end()) return;
  if (it->second.ended) {
    ended_by_time_.erase({core::ToMillis(it->second.cdr.ended_at), call_id});
  }
  calls_.erase(it);
  released_.insert(call_id);
}

void CdrBuilder::ReleaseOverdue(std::int64_t now_ms) {
  const std::int64_t wait_ms = kMaxWrapUpWait.count();
  while (!ended_by_time_.empty() && ended_by_time_.begin()->first + wait_ms <= now_ms) {
    Release(ended_by_time_.begin()->second);
  }
}

void CdrBuilder::ReleaseEnded() {
  std::vector<std::int64_t> ended;
  for (const auto& [id, call] : calls_) {
    if (call.ended) ended.push_back(id);
  }
  for (std::int64_t id : ended) Release(id);
}

std::vector<core::CallId> CdrBuilder::OpenCalls() const {
  std::vector<core::CallId> open;
  for (const auto& [id, call] : calls_) {
    if (!call.ended) open.push_back(call.cdr.call);
  }
  return open;
}

CdrChanges CdrBuilder::TakeChanges() {
  CdrChanges out;
  for (auto& [id, cdr] : changed_cdrs_) out.cdrs.push_back(std::move(cdr));
  out.patches = std::move(patches_);
  for (std::int64_t id : dirty_) {
    if (auto it = calls_.find(id); it != calls_.end()) {
      out.saved.emplace_back(it->second.cdr.call, Save(it->second));
    }
  }
  for (std::int64_t id : released_) out.released.push_back(core::CallId(static_cast<std::uint64_t>(id)));
  changed_cdrs_.clear();
  patches_.clear();
  dirty_.clear();
  released_.clear();
  return out;
}

std::string CdrBuilder::Save(const Call& call) {
  const Cdr& c = call.cdr;
  json j = {{"call", static_cast<std::int64_t>(c.call.value())},
            {"tenant", IdOrNull(c.tenant)},
            {"direction", ToString(c.direction)},
            {"dialled", c.dialled},
            {"caller", c.caller ? json(*c.caller) : json(nullptr)},
            {"topic", c.topic},
            {"queue", IdOrNull(c.queue)},
            {"agent", IdOrNull(c.agent)},
            {"arrived_ms", core::ToMillis(c.arrived_at)},
            {"answered_ms", c.answered_at ? json(core::ToMillis(*c.answered_at)) : json(nullptr)},
            {"ended_ms", core::ToMillis(c.ended_at)},
            {"wait_ms", c.wait.count()},
            {"talk_ms", c.talk.count()},
            {"hold_ms", c.hold.count()},
            {"wrap_up_ms", c.wrap_up.count()},
            {"transfers", c.transfers},
            {"outcome", c.outcome},
            {"disposition", c.disposition},
            {"note", c.note},
            {"ended", call.ended},
            {"pending_wrap_up", call.pending_wrap_up}};
  return j.dump();
}

core::Status CdrBuilder::Restore(const std::string& saved_state) {
  const json j = json::parse(saved_state, nullptr, /*allow_exceptions=*/false);
  auto call_id = j.is_object() ? Int(j, "call") : std::nullopt;
  auto arrived = j.is_object() ? Int(j, "arrived_ms") : std::nullopt;
  if (!call_id || *call_id <= 0 || !arrived || !j.contains("ended") || !j["ended"].is_boolean()) {
    return Fail(ErrorCode::kInternal, "a saved open call is malformed: " + saved_state);
  }
  Call call;
  Cdr& c = call.cdr;
  c.call = core::CallId(static_cast<std::uint64_t>(*call_id));
  c.tenant = IdFrom<core::TenantId>(j, "tenant");
  c.direction = ParseDirection(Text(j, "direction").value_or("inbound")).value_or(Direction::kInbound);
  c.dialled = Text(j, "dialled").value_or("");
  c.caller = Text(j, "caller");
  c.topic = Text(j, "topic").value_or("");
  c.queue = IdFrom<core::QueueId>(j, "queue");
  c.agent = IdFrom<core::AgentId>(j, "agent");
  c.arrived_at = core::FromMillis(*arrived);
  if (auto answered = Int(j, "answered_ms")) c.answered_at = core::FromMillis(*answered);
  c.ended_at = core::FromMillis(Int(j, "ended_ms").value_or(0));
  c.wait = Ms(j, "wait_ms");
  c.talk = Ms(j, "talk_ms");
  c.hold = Ms(j, "hold_ms");
  c.wrap_up = Ms(j, "wrap_up_ms");
  c.transfers = static_cast<int>(Int(j, "transfers").value_or(0));
  c.outcome = Text(j, "outcome").value_or("");
  c.disposition = Text(j, "disposition").value_or("");
  c.note = Text(j, "note").value_or("");
  call.ended = j["ended"].get<bool>();
  if (auto it = j.find("pending_wrap_up"); it != j.end() && it->is_array()) {
    for (const json& a : *it) {
      if (a.is_number_integer()) call.pending_wrap_up.insert(a.get<std::int64_t>());
    }
  }
  if (call.ended) ended_by_time_.emplace(core::ToMillis(c.ended_at), *call_id);
  calls_[*call_id] = std::move(call);
  return {};
}

}  // namespace cc::reporting
