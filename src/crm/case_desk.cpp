#include "crm/case_desk.h"

#include <fmt/format.h>

#include "crm/sql_util.h"
#include "storage/interaction_log.h"

namespace cc::crm {

using nlohmann::json;
using storage::Statement;
using storage::Value;

namespace {

constexpr const char* kCaseColumns =
    "SELECT id, tenant_id, kind, category, department_id, customer_id, call_id, order_id, status, summary, "
    "details, created_by, created_at_ms, due_at_ms, escalated_at_ms, updated_at_ms FROM crm_cases c WHERE 1 = 1";

Statement HistoryStatement(CaseId id, const CaseChange& change) {
  return {"INSERT INTO crm_case_history (case_id, seq, at_ms, user_id, status, comment) "
          "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, CAST(? AS BIGINT), ?, ? FROM crm_case_history WHERE case_id = ?",
          {sql::Id(id.value()), core::ToMillis(change.at), sql::OptionalId(change.by),
           std::string(ToString(change.status)), change.comment, sql::Id(id.value())}};
}

std::vector<Statement> LogStatements(const Case& c, const std::string& type, core::Timestamp now,
                                     std::optional<core::UserId> by) {
  json payload = {{"case", c.id.value()},
                  {"tenant", c.input.tenant.value()},
                  {"kind", ToString(c.input.kind)},
                  {"category", c.input.category},
                  {"department", c.department.value()},
                  {"status", ToString(c.status)}};
  if (c.input.customer) payload["customer"] = c.input.customer->value();
  if (c.input.call) payload["call"] = c.input.call->value();
  if (c.input.order) payload["order"] = c.input.order->value();
  if (by) payload["by"] = by->value();
  storage::LogRecord r;
  r.at_ms = core::ToMillis(now);
  r.type = type;
  r.payload = payload.dump();
  return storage::InteractionLog::AppendStatements({std::move(r)});
}

json Notification(const Case& c, const char* type) {
  return {{"type", type},
          {"case", {{"id", c.id.value()},
                    {"tenant_id", c.input.tenant.value()},
                    {"kind", ToString(c.input.kind)},
                    {"category", c.input.category},
                    {"summary", c.input.summary},
                    {"department_id", c.department.value()},
                    {"due_at", core::FormatUtc(c.due_at)}}}};
}

}  // namespace

CaseDesk::CaseDesk(storage::Database& db, Notifier& notifier) : db_(db), notifier_(notifier), ids_(db, "case") {}

core::Status CaseDesk::SaveCategory(const CaseCategory& c) {
  const Value tenant = static_cast<std::int64_t>(c.tenant.value());
  return db_.Write({{"DELETE FROM crm_case_categories WHERE tenant_id = ? AND code = ?", {tenant, c.code}},
                    {"INSERT INTO crm_case_categories (tenant_id, code, label, department_id, sla_minutes) "
                     "VALUES (?, ?, ?, ?, ?)",
                     {tenant, c.code, c.label, static_cast<std::int64_t>(c.department.value()),
                      std::int64_t{c.sla_minutes}}}})
      .get();
}

core::Result<std::vector<CaseCategory>> CaseDesk::Categories(const TenantScope& scope) {
  std::vector<Value> params;
  const std::string where = sql::TenantFilter("tenant_id", scope, params);
  auto rows = db_.Query({"SELECT tenant_id, code, label, department_id, sla_minutes FROM crm_case_categories "
                         "WHERE 1 = 1" + where + " ORDER BY tenant_id, code",
                         std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<CaseCategory> out;
  for (const storage::Row& r : *rows) {
    out.push_back({core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(r, 0))), r.Text(1).value_or(""),
                   r.Text(2).value_or(""), core::DepartmentId(static_cast<std::uint32_t>(sql::IntOr0(r, 3))),
                   static_cast<int>(sql::IntOr0(r, 4))});
  }
  return out;
}

core::Result<Case> CaseDesk::Open(CaseInput input, core::UserId by, core::Timestamp now) {
  auto categories = Categories(TenantScope::Only({input.tenant}));
  if (!categories) return tl::unexpected(categories.error());
  auto route = RouteCase(*categories, input, now);
  if (!route) return tl::unexpected(route.error());
  auto id = ids_.Next();
  if (!id) return tl::unexpected(id.error());
  Case c;
  c.id = CaseId(*id);
  c.input = std::move(input);
  c.department = route->department;
  c.status = CaseStatus::kOpen;
  c.created_by = by;
  c.created_at = c.updated_at = now;
  c.due_at = route->due_at;
  c.history.push_back({now, by, CaseStatus::kOpen, fmt::format("routed to {} ({})", route->label, c.input.category)});
  std::vector<Statement> batch = {
      {"INSERT INTO crm_cases (id, tenant_id, kind, category, department_id, customer_id, call_id, order_id, "
       "status, summary, details, created_by, created_at_ms, due_at_ms, escalated_at_ms, updated_at_ms) "
       "VALUES (?, ?, ?, ?, ?, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), ?, ?, ?, ?, ?, ?, "
       "CAST(NULL AS BIGINT), ?)",
       {sql::Id(*id), static_cast<std::int64_t>(c.input.tenant.value()), std::string(ToString(c.input.kind)),
        c.input.category, static_cast<std::int64_t>(c.department.value()), sql::OptionalId(c.input.customer),
        sql::OptionalId(c.input.call), sql::OptionalId(c.input.order), std::string(ToString(c.status)),
        c.input.summary, c.input.details, static_cast<std::int64_t>(by.value()), core::ToMillis(now),
        core::ToMillis(c.due_at), core::ToMillis(now)}},
      HistoryStatement(c.id, c.history.back())};
  for (Statement& s : LogStatements(c, "case.opened", now, by)) batch.push_back(std::move(s));
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  notifier_.NotifyDepartment(c.input.tenant, c.department, Notification(c, "case.opened"));
  return c;
}

core::Result<Case> CaseDesk::Move(CaseId id, CaseStatus to, core::UserId by, std::string comment,
                                  core::Timestamp now) {
  auto found = Get(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return core::Fail(core::ErrorCode::kNotFound, fmt::format("case {} does not exist", id.value()));
  Case c = std::move(**found);
  const CaseStatus from = c.status;
  if (!CanMove(from, to)) {
    return core::Fail(core::ErrorCode::kFailedPrecondition,
                      fmt::format("case {} is {} and cannot become {}", id.value(), ToString(from), ToString(to)));
  }
  if ((to == CaseStatus::kResolved || (to == CaseStatus::kInProgress && from == CaseStatus::kResolved)) &&
      comment.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      to == CaseStatus::kResolved ? "resolving a case needs a comment saying how"
                                                  : "reopening a case needs a comment saying why");
  }
  c.status = to;
  c.updated_at = now;
  c.history.push_back({now, by, to, comment});
  std::vector<Statement> batch = sql::Guard("SELECT COUNT(*) FROM crm_cases WHERE id = ? AND status = ?",
                                            {sql::Id(id.value()), std::string(ToString(from))});
  batch.push_back({"UPDATE crm_cases SET status = ?, updated_at_ms = ? WHERE id = ?",
                   {std::string(ToString(to)), core::ToMillis(now), sql::Id(id.value())}});
  batch.push_back(HistoryStatement(id, c.history.back()));
  for (Statement& s : LogStatements(c, "case.status", now, by)) batch.push_back(std::move(s));
  if (auto done = db_.Write(std::move(batch)).get(); !done) {
    auto current = Get(id);
    if (current && *current && (*current)->status != from) {
      return core::Fail(core::ErrorCode::kFailedPrecondition,
                        fmt::format("case {} was changed meanwhile: it is {} now", id.value(),
                                    ToString((*current)->status)));
    }
    return tl::unexpected(done.error());
  }
  return c;
}

core::Result<std::vector<Case>> CaseDesk::Read(const std::string& where, std::vector<Value> params) {
  auto rows = db_.Query({std::string(kCaseColumns) + where, std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Case> out;
  for (const storage::Row& r : *rows) {
    Case c;
    c.id = CaseId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    c.input.tenant = core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(r, 1)));
    c.input.kind = CaseKindFromString(r.Text(2).value_or("")).value_or(CaseKind::kComplaint);
    c.input.category = r.Text(3).value_or("");
    c.department = core::DepartmentId(static_cast<std::uint32_t>(sql::IntOr0(r, 4)));
    if (!r.IsNull(5)) c.input.customer = CustomerId(static_cast<std::uint64_t>(sql::IntOr0(r, 5)));
    if (!r.IsNull(6)) c.input.call = core::CallId(static_cast<std::uint64_t>(sql::IntOr0(r, 6)));
    if (!r.IsNull(7)) c.input.order = OrderId(static_cast<std::uint64_t>(sql::IntOr0(r, 7)));
    c.status = CaseStatusFromString(r.Text(8).value_or("")).value_or(CaseStatus::kOpen);
    c.input.summary = r.Text(9).value_or("");
    c.input.details = r.Text(10).value_or("");
    c.created_by = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 11)));
    c.created_at = core::FromMillis(sql::IntOr0(r, 12));
    c.due_at = core::FromMillis(sql::IntOr0(r, 13));
    if (!r.IsNull(14)) c.escalated_at = core::FromMillis(sql::IntOr0(r, 14));
    c.updated_at = core::FromMillis(sql::IntOr0(r, 15));
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<std::optional<Case>> CaseDesk::Get(CaseId id) {
  auto found = Read(" AND c.id = ?", {sql::Id(id.value())});
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<Case>();
  Case c = std::move(found->front());
  auto history = db_.Query({"SELECT at_ms, user_id, status, comment FROM crm_case_history WHERE case_id = ? "
                            "ORDER BY seq",
                            {sql::Id(id.value())}});
  if (!history) return tl::unexpected(history.error());
  for (const storage::Row& r : *history) {
    CaseChange h;
    h.at = core::FromMillis(sql::IntOr0(r, 0));
    if (!r.IsNull(1)) h.by = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 1)));
    h.status = CaseStatusFromString(r.Text(2).value_or("")).value_or(CaseStatus::kOpen);
    h.comment = r.Text(3).value_or("");
    c.history.push_back(std::move(h));
  }
  return std::optional<Case>(std::move(c));
}

core::Result<std::vector<Case>> CaseDesk::List(const CaseFilter& f) {
  std::vector<Value> params;
  std::string where = sql::TenantFilter("c.tenant_id", f.scope, params);
  if (f.status) {
    where += " AND c.status = ?";
    params.emplace_back(std::in_place_type<std::string>, ToString(*f.status));
  }
  if (f.department) {
    where += " AND c.department_id = ?";
    params.push_back(static_cast<std::int64_t>(f.department->value()));
  }
  if (f.customer) {
    where += " AND c.customer_id = ?";
    params.push_back(sql::Id(f.customer->value()));
  }
  if (f.overdue_only) {
    where += " AND c.status IN ('open', 'in_progress') AND c.due_at_ms < ?";
    params.push_back(core::ToMillis(f.now));
  }
  where += " ORDER BY c.due_at_ms, c.id LIMIT ? OFFSET ?";
  params.push_back(std::int64_t{f.limit});
  params.push_back(std::int64_t{f.offset});
  return Read(where, std::move(params));
}

core::Result<int> CaseDesk::EscalateOverdue(core::Timestamp now) {
  auto due = Read(" AND c.status IN ('open', 'in_progress') AND c.due_at_ms < ? AND c.escalated_at_ms IS NULL "
                  "ORDER BY c.due_at_ms LIMIT 200",
                  {core::ToMillis(now)});
  if (!due) return tl::unexpected(due.error());
  int escalated = 0;
  for (Case& c : *due) {
    if (!NeedsEscalation(c, now)) continue;
    c.escalated_at = now;
    const CaseChange change{now, std::nullopt, c.status,
                            fmt::format("overdue since {}: escalated", core::FormatUtc(c.due_at))};
    // Another node may escalate the same case at the same moment: the guard
    // lets only one of them write it.
    std::vector<Statement> batch = sql::Guard(
        "SELECT COUNT(*) FROM crm_cases WHERE id = ? AND escalated_at_ms IS NULL", {sql::Id(c.id.value())});
    batch.push_back({"UPDATE crm_cases SET escalated_at_ms = ? WHERE id = ?",
                     {core::ToMillis(now), sql::Id(c.id.value())}});
    batch.push_back(HistoryStatement(c.id, change));
    for (Statement& s : LogStatements(c, "case.escalated", now, std::nullopt)) batch.push_back(std::move(s));
    if (auto done = db_.Write(std::move(batch)).get(); !done) continue;
    ++escalated;
    notifier_.NotifyDepartment(c.input.tenant, c.department, Notification(c, "case.escalated"));
  }
  return escalated;
}

}  // namespace cc::crm
