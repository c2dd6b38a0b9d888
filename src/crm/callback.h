// Scheduled callbacks: a number to call back at a due time for a reason
// (a promise made on a call, e.g. after the operator's computer failed,
// S-10), into a queue or for one agent. The callback desk keeps them and
// hands each to the ACD once, when it falls due.
// Thread-safety: value types and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "crm/ids.h"

namespace cc::crm {

enum class CallbackStatus { kScheduled, kDispatched, kCancelled, kFailed };

std::string_view ToString(CallbackStatus status);
core::Result<CallbackStatus> CallbackStatusFromString(std::string_view text);

struct CallbackInput {
  core::TenantId tenant;
  std::string number;  // E.164
  std::optional<CustomerId> customer;
  std::string reason;
  core::Timestamp due_at;
  core::QueueId queue;
  std::optional<core::UserId> agent;  // the agent who promised it, if it must be them
};

struct Callback {
  CallbackId id;
  CallbackInput input;
  CallbackStatus status = CallbackStatus::kScheduled;
  core::UserId created_by;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::optional<core::CallId> call;  // the call it became
  std::string note;                  // why it was cancelled or failed
};

// {"tenant_id","number","customer_id","reason","due_at":"2026-11-27T15:00:00+03:00",
//  "queue_id","agent_user_id"}; a due time more than a minute in the past is refused.
core::Result<CallbackInput> CallbackInputFromJson(const nlohmann::json& body, core::Timestamp now);
nlohmann::json ToJson(const Callback& callback);

}  // namespace cc::crm
