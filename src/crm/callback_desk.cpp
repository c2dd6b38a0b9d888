#include "crm/callback_desk.h"

#include <fmt/format.h>

#include "crm/sql_util.h"
#include "storage/interaction_log.h"

namespace cc::crm {

using nlohmann::json;
using storage::Statement;
using storage::Value;

namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, number, customer_id, reason, due_at_ms, queue_id, agent_user_id, status, created_by, "
    "created_at_ms, call_id, updated_at_ms, note FROM crm_callbacks b WHERE 1 = 1";

}  // namespace

CallbackDesk::CallbackDesk(storage::Database& db) : db_(db), ids_(db, "callback") {}

core::Result<Callback> CallbackDesk::Schedule(CallbackInput input, core::UserId by, core::Timestamp now) {
  auto id = ids_.Next();
  if (!id) return tl::unexpected(id.error());
  Callback c;
  c.id = CallbackId(*id);
  c.input = std::move(input);
  c.created_by = by;
  c.created_at = c.updated_at = now;
  json payload = {{"callback", c.id.value()},
                  {"tenant", c.input.tenant.value()},
                  {"due_at", core::FormatUtc(c.input.due_at)},
                  {"queue", c.input.queue.value()},
                  {"by", by.value()}};
  if (c.input.customer) payload["customer"] = c.input.customer->value();
  storage::LogRecord record;
  record.at_ms = core::ToMillis(now);
  record.type = "crm_callback.scheduled";
  record.payload = payload.dump();
  std::vector<Statement> batch = {
      {"INSERT INTO crm_callbacks (id, tenant_id, number, customer_id, reason, due_at_ms, queue_id, agent_user_id, "
       "status, created_by, created_at_ms, call_id, note, updated_at_ms) VALUES (?, ?, ?, CAST(? AS BIGINT), ?, ?, ?, "
       "CAST(? AS BIGINT), ?, ?, ?, CAST(NULL AS BIGINT), '', ?)",
       {sql::Id(*id), static_cast<std::int64_t>(c.input.tenant.value()), c.input.number,
        sql::OptionalId(c.input.customer), c.input.reason, core::ToMillis(c.input.due_at),
        static_cast<std::int64_t>(c.input.queue.value()), sql::OptionalId(c.input.agent),
        std::string(ToString(c.status)), static_cast<std::int64_t>(by.value()), core::ToMillis(now),
        core::ToMillis(now)}}};
  for (Statement& s : storage::InteractionLog::AppendStatements({std::move(record)})) batch.push_back(std::move(s));
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  return c;
}

core::Status CallbackDesk::SetStatus(const Callback& c, CallbackStatus from, const char* log_type,
                                     core::Timestamp now, std::optional<core::UserId> by) {
  json payload = {{"callback", c.id.value()}, {"tenant", c.input.tenant.value()}, {"status", ToString(c.status)}};
  if (c.call) payload["call"] = c.call->value();
  if (by) payload["by"] = by->value();
  if (!c.note.empty()) payload["note"] = c.note;
  storage::LogRecord record;
  record.at_ms = core::ToMillis(now);
  record.type = log_type;
  record.payload = payload.dump();
  std::vector<Statement> batch = sql::Guard("SELECT COUNT(*) FROM crm_callbacks WHERE id = ? AND status = ?",
                                            {sql::Id(c.id.value()), std::string(ToString(from))});
  batch.push_back({"UPDATE crm_callbacks SET status = ?, call_id = CAST(? AS BIGINT), note = ?, updated_at_ms = ? "
                   "WHERE id = ?",
                   {std::string(ToString(c.status)), sql::OptionalId(c.call), c.note, core::ToMillis(now),
                    sql::Id(c.id.value())}});
  for (Statement& s : storage::InteractionLog::AppendStatements({std::move(record)})) batch.push_back(std::move(s));
  return db_.Write(std::move(batch)).get();
}

core::Result<Callback> CallbackDesk::Cancel(CallbackId id, core::UserId by, std::string note, core::Timestamp now) {
  auto found = Get(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return core::Fail(core::ErrorCode::kNotFound, fmt::format("callback {} does not exist", id.value()));
  Callback c = std::move(**found);
  if (c.status != CallbackStatus::kScheduled) {
    return core::Fail(core::ErrorCode::kFailedPrecondition,
                      fmt::format("callback {} is {}; only a scheduled one can be cancelled", id.value(),
                                  ToString(c.status)));
  }
  c.status = CallbackStatus::kCancelled;
  c.note = std::move(note);
  c.updated_at = now;
  if (auto done = SetStatus(c, CallbackStatus::kScheduled, "crm_callback.cancelled", now, by); !done) {
    return core::Fail(core::ErrorCode::kFailedPrecondition,
                      fmt::format("callback {} was dispatched or cancelled meanwhile", id.value()));
  }
  return c;
}

core::Result<std::vector<Callback>> CallbackDesk::Read(const std::string& where, std::vector<Value> params) {
  auto rows = db_.Query({std::string(kColumns) + where, std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Callback> out;
  for (const storage::Row& r : *rows) {
    Callback c;
    c.id = CallbackId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    c.input.tenant = core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(r, 1)));
    c.input.number = r.Text(2).value_or("");
    if (!r.IsNull(3)) c.input.customer = CustomerId(static_cast<std::uint64_t>(sql::IntOr0(r, 3)));
    c.input.reason = r.Text(4).value_or("");
    c.input.due_at = core::FromMillis(sql::IntOr0(r, 5));
    c.input.queue = core::QueueId(static_cast<std::uint32_t>(sql::IntOr0(r, 6)));
    if (!r.IsNull(7)) c.input.agent = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 7)));
    c.status = CallbackStatusFromString(r.Text(8).value_or("")).value_or(CallbackStatus::kScheduled);
    c.created_by = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 9)));
    c.created_at = core::FromMillis(sql::IntOr0(r, 10));
    if (!r.IsNull(11)) c.call = core::CallId(static_cast<std::uint64_t>(sql::IntOr0(r, 11)));
    c.updated_at = core::FromMillis(sql::IntOr0(r, 12));
    c.note = sql::TextOr(r, 13);
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<std::optional<Callback>> CallbackDesk::Get(CallbackId id) {
  auto found = Read(" AND b.id = ?", {sql::Id(id.value())});
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<Callback>();
  return std::optional<Callback>(std::move(found->front()));
}

core::Result<std::vector<Callback>> CallbackDesk::List(const CallbackFilter& f) {
  std::vector<Value> params;
  std::string where = sql::TenantFilter("b.tenant_id", f.scope, params);
  if (f.status) {
    where += " AND b.status = ?";
    params.emplace_back(std::in_place_type<std::string>, ToString(*f.status));
  }
  if (f.customer) {
    where += " AND b.customer_id = ?";
    params.push_back(sql::Id(f.customer->value()));
  }
  if (f.agent) {
    where += " AND b.agent_user_id = ?";
    params.push_back(static_cast<std::int64_t>(f.agent->value()));
  }
  where += " ORDER BY b.due_at_ms, b.id LIMIT ? OFFSET ?";
  params.push_back(std::int64_t{f.limit});
  params.push_back(std::int64_t{f.offset});
  return Read(where, std::move(params));
}

core::Result<int> CallbackDesk::DispatchDue(core::Timestamp now, CallbackSink& sink) {
  auto due = Read(" AND b.status = 'scheduled' AND b.due_at_ms <= ? ORDER BY b.due_at_ms, b.id LIMIT 100",
                  {core::ToMillis(now)});
  if (!due) return tl::unexpected(due.error());
  int dispatched = 0;
  for (Callback& c : *due) {
    // Claim first: the guard lets only one dispatcher move it off "scheduled".
    c.status = CallbackStatus::kDispatched;
    c.updated_at = now;
    if (!SetStatus(c, CallbackStatus::kScheduled, "crm_callback.claimed", now, std::nullopt)) continue;
    auto call = sink.Dispatch(c);
    if (call) {
      c.call = *call;
      (void)SetStatus(c, CallbackStatus::kDispatched, "crm_callback.dispatched", now, std::nullopt);
      ++dispatched;
    } else {
      c.status = CallbackStatus::kFailed;
      c.note = call.error().message;
      (void)SetStatus(c, CallbackStatus::kDispatched, "crm_callback.failed", now, std::nullopt);
    }
  }
  return dispatched;
}

}  // namespace cc::crm
