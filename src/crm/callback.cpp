#include "crm/callback.h"

#include <fmt/format.h>

#include "crm/json_fields.h"
#include "crm/phone.h"

namespace cc::crm {

namespace jf = json_fields;
using nlohmann::json;

std::string_view ToString(CallbackStatus status) {
  switch (status) {
    case CallbackStatus::kScheduled:
      return "scheduled";
    case CallbackStatus::kDispatched:
      return "dispatched";
    case CallbackStatus::kCancelled:
      return "cancelled";
    case CallbackStatus::kFailed:
      return "failed";
  }
  return "scheduled";
}

core::Result<CallbackStatus> CallbackStatusFromString(std::string_view text) {
  for (auto s : {CallbackStatus::kScheduled, CallbackStatus::kDispatched, CallbackStatus::kCancelled,
                 CallbackStatus::kFailed}) {
    if (ToString(s) == text) return s;
  }
  return tl::unexpected(jf::Invalid(fmt::format(
      "unknown callback status \"{}\"; expected scheduled, dispatched, cancelled or failed", text)));
}

core::Result<CallbackInput> CallbackInputFromJson(const json& body, core::Timestamp now) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("a callback must be a JSON object"));
  CallbackInput in;
  auto tenant = jf::Int(body, "tenant_id", 1, 0xFFFFFFFF);
  if (!tenant) return tl::unexpected(tenant.error());
  in.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto number = jf::Text(body, "number", 40);
  if (!number) return tl::unexpected(number.error());
  auto normalised = NormalizePhone(*number);
  if (!normalised) return tl::unexpected(jf::Invalid("number: " + normalised.error().message));
  in.number = *normalised;
  auto customer = jf::OptionalInt(body, "customer_id", 1, INT64_MAX);
  if (!customer) return tl::unexpected(customer.error());
  if (*customer) in.customer = CustomerId(static_cast<std::uint64_t>(**customer));
  auto reason = jf::Text(body, "reason", 1000);
  if (!reason) return tl::unexpected(reason.error());
  in.reason = *reason;
  auto due = jf::Text(body, "due_at", 40);
  if (!due) return tl::unexpected(due.error());
  auto due_at = core::ParseUtc(*due);
  if (!due_at) return tl::unexpected(jf::Invalid("due_at: " + due_at.error().message));
  if (*due_at < now - std::chrono::minutes(1)) {
    return tl::unexpected(jf::Invalid(fmt::format("due_at {} is in the past (it is {} now)",
                                                  core::FormatUtc(*due_at), core::FormatUtc(now))));
  }
  if (*due_at > now + std::chrono::days(366)) {
    return tl::unexpected(jf::Invalid("due_at is more than a year ahead"));
  }
  in.due_at = *due_at;
  auto queue = jf::Int(body, "queue_id", 1, 0xFFFFFFFF);
  if (!queue) return tl::unexpected(queue.error());
  in.queue = core::QueueId(static_cast<std::uint32_t>(*queue));
  auto agent = jf::OptionalInt(body, "agent_user_id", 1, 0xFFFFFFFF);
  if (!agent) return tl::unexpected(agent.error());
  if (*agent) in.agent = core::UserId(static_cast<std::uint32_t>(**agent));
  return in;
}

json ToJson(const Callback& c) {
  return {{"id", c.id.value()},
          {"tenant_id", c.input.tenant.value()},
          {"number", c.input.number},
          {"customer_id", c.input.customer ? json(c.input.customer->value()) : json(nullptr)},
          {"reason", c.input.reason},
          {"due_at", core::FormatUtc(c.input.due_at)},
          {"queue_id", c.input.queue.value()},
          {"agent_user_id", c.input.agent ? json(c.input.agent->value()) : json(nullptr)},
          {"status", ToString(c.status)},
          {"created_by", c.created_by.value()},
          {"created_at", core::FormatUtc(c.created_at)},
          {"updated_at", core::FormatUtc(c.updated_at)},
          {"call_id", c.call ? json(c.call->value()) : json(nullptr)},
          {"note", c.note}};
}

}  // namespace cc::crm
