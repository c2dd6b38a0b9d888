#include "access/audit_log.h"

#include <fmt/format.h>

#include "access/row_reader.h"

namespace cc::access {

using core::ErrorCode;
using core::Fail;
using detail::RowReader;
using storage::Statement;
using storage::Value;

namespace {

std::future<core::Status> Ready(core::Status status) {
  std::promise<core::Status> promise;
  promise.set_value(std::move(status));
  return promise.get_future();
}

core::Result<AuditOutcome> ParseOutcome(std::string_view text) {
  for (auto outcome : {AuditOutcome::kOk, AuditOutcome::kDenied, AuditOutcome::kFailed}) {
    if (ToString(outcome) == text) return outcome;
  }
  return Fail(ErrorCode::kInternal, "audit_log holds an unknown outcome");
}

}  // namespace

std::string_view ToString(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kOk:
      return "ok";
    case AuditOutcome::kDenied:
      return "denied";
    case AuditOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

std::future<core::Status> AuditLog::Append(AuditEntry entry) {
  if (entry.action.empty() || entry.actor_login.empty()) {
    return Ready(Fail(ErrorCode::kInvalidArgument, "an audit entry needs an action and an actor"));
  }
  if (!entry.detail.is_object()) {
    return Ready(
        Fail(ErrorCode::kInvalidArgument, "an audit entry's detail must be a JSON object"));
  }
  return db_.Write({Statement{
      "INSERT INTO audit_log (id, at_ms, actor_user_id, actor_login, action, object_type, "
      "object_id, outcome, remote_address, detail) "
      "SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM audit_log",
      {core::ToMillis(entry.at), detail::Nullable(entry.actor_user), std::move(entry.actor_login),
       std::move(entry.action), std::move(entry.object_type), std::move(entry.object_id),
       std::string(ToString(entry.outcome)), std::move(entry.remote_address),
       entry.detail.dump()}}});
}

core::Result<std::vector<AuditEntry>> AuditLog::Query(const AuditFilter& filter) {
  if (filter.limit < 1 || filter.limit > kMaxAuditPage) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("limit must be between 1 and {}, got {}", kMaxAuditPage, filter.limit));
  }
  std::string sql =
      "SELECT id, at_ms, actor_user_id, actor_login, action, object_type, object_id, outcome, "
      "remote_address, detail FROM audit_log WHERE 1 = 1";
  std::vector<Value> params;
  auto where = [&](const char* clause, Value value) {
    sql += clause;
    params.push_back(std::move(value));
  };
  if (filter.from) where(" AND at_ms >= ?", core::ToMillis(*filter.from));
  if (filter.to) where(" AND at_ms < ?", core::ToMillis(*filter.to));
  if (filter.actor_login) where(" AND actor_login = ?", *filter.actor_login);
  if (filter.action) where(" AND action = ?", *filter.action);
  if (filter.object_type) where(" AND object_type = ?", *filter.object_type);
  if (filter.before_id) where(" AND id < ?", *filter.before_id);
  sql += " ORDER BY id DESC LIMIT ?";
  params.push_back(std::int64_t{filter.limit});

  auto rows = db_.Query(Statement{std::move(sql), std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<AuditEntry> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    RowReader r(row);
    AuditEntry e;
    e.id = r.Int();
    e.at = core::FromMillis(r.Int());
    if (auto actor = r.OptInt()) e.actor_user = core::UserId(static_cast<std::uint32_t>(*actor));
    e.actor_login = r.Text();
    e.action = r.Text();
    e.object_type = r.Text();
    e.object_id = r.Text();
    auto outcome = ParseOutcome(r.Text());
    e.remote_address = r.Text();
    auto detail = nlohmann::json::parse(r.Text(), nullptr, false);
    if (!r.ok() || !outcome || detail.is_discarded()) return detail::Malformed("audit_log");
    e.outcome = *outcome;
    e.detail = std::move(detail);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace cc::access
