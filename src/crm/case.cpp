#include "crm/case.h"

#include <fmt/format.h>

#include <array>

#include "crm/json_fields.h"

namespace cc::crm {

namespace jf = json_fields;
using nlohmann::json;

namespace {

constexpr std::array<std::pair<CaseKind, std::string_view>, 4> kKinds = {{
    {CaseKind::kComplaint, "complaint"},
    {CaseKind::kRemark, "remark"},
    {CaseKind::kSuggestion, "suggestion"},
    {CaseKind::kRequest, "request"},
}};
constexpr std::array<std::pair<CaseStatus, std::string_view>, 4> kStatuses = {{
    {CaseStatus::kOpen, "open"},
    {CaseStatus::kInProgress, "in_progress"},
    {CaseStatus::kResolved, "resolved"},
    {CaseStatus::kClosed, "closed"},
}};

template <typename T, std::size_t N>
std::string_view NameOf(const std::array<std::pair<T, std::string_view>, N>& table, T value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table[0].second;
}

template <typename T, std::size_t N>
core::Result<T> ValueOf(const std::array<std::pair<T, std::string_view>, N>& table, std::string_view text,
                        const char* what) {
  std::string names;
  for (const auto& [v, name] : table) {
    if (name == text) return v;
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  return tl::unexpected(jf::Invalid(fmt::format("unknown {} \"{}\"; expected one of {}", what, text, names)));
}

}  // namespace

std::string_view ToString(CaseKind kind) { return NameOf(kKinds, kind); }
std::string_view ToString(CaseStatus status) { return NameOf(kStatuses, status); }
core::Result<CaseKind> CaseKindFromString(std::string_view text) { return ValueOf(kKinds, text, "case kind"); }
core::Result<CaseStatus> CaseStatusFromString(std::string_view text) {
  return ValueOf(kStatuses, text, "case status");
}

bool CanMove(CaseStatus from, CaseStatus to) {
  switch (to) {
    case CaseStatus::kInProgress:
      return from == CaseStatus::kOpen || from == CaseStatus::kResolved;
    case CaseStatus::kResolved:
      return from == CaseStatus::kOpen || from == CaseStatus::kInProgress;
    case CaseStatus::kClosed:
      return from == CaseStatus::kResolved;
    case CaseStatus::kOpen:
      return false;
  }
  return false;
}

core::Result<CaseRoute> RouteCase(const std::vector<CaseCategory>& categories, const CaseInput& input,
                                  core::Timestamp now) {
  std::string known;
  for (const CaseCategory& c : categories) {
    if (c.tenant != input.tenant) continue;
    if (c.code == input.category) {
      return CaseRoute{c.department, now + std::chrono::minutes(c.sla_minutes), c.label};
    }
    known += (known.empty() ? "" : ", ") + c.code;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    fmt::format("unknown case category \"{}\"; this tenant has: {}", input.category,
                                known.empty() ? "(none; an administrator must add categories)" : known));
}

bool NeedsEscalation(const Case& c, core::Timestamp now) {
  return (c.status == CaseStatus::kOpen || c.status == CaseStatus::kInProgress) && now > c.due_at &&
         !c.escalated_at;
}

core::Result<CaseInput> CaseInputFromJson(const json& body) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("a case must be a JSON object"));
  CaseInput in;
  auto tenant = jf::Int(body, "tenant_id", 1, 0xFFFFFFFF);
  if (!tenant) return tl::unexpected(tenant.error());
  in.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto kind = jf::Text(body, "kind", 20);
  if (!kind) return tl::unexpected(kind.error());
  auto parsed = CaseKindFromString(*kind);
  if (!parsed) return tl::unexpected(parsed.error());
  in.kind = *parsed;
  auto category = jf::Text(body, "category", 64);
  if (!category) return tl::unexpected(category.error());
  in.category = *category;
  auto customer = jf::OptionalInt(body, "customer_id", 1, INT64_MAX);
  if (!customer) return tl::unexpected(customer.error());
  if (*customer) in.customer = CustomerId(static_cast<std::uint64_t>(**customer));
  auto call = jf::OptionalInt(body, "call_id", 1, INT64_MAX);
  if (!call) return tl::unexpected(call.error());
  if (*call) in.call = core::CallId(static_cast<std::uint64_t>(**call));
  auto order = jf::OptionalInt(body, "order_id", 1, INT64_MAX);
  if (!order) return tl::unexpected(order.error());
  if (*order) in.order = OrderId(static_cast<std::uint64_t>(**order));
  auto summary = jf::Text(body, "summary", 300);
  if (!summary) return tl::unexpected(summary.error());
  in.summary = *summary;
  auto details = jf::OptionalText(body, "details", 8000);
  if (!details) return tl::unexpected(details.error());
  in.details = *details;
  return in;
}

core::Result<CaseCategory> CaseCategoryFromJson(const json& body) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("a case category must be a JSON object"));
  CaseCategory c;
  auto tenant = jf::Int(body, "tenant_id", 1, 0xFFFFFFFF);
  if (!tenant) return tl::unexpected(tenant.error());
  c.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto code = jf::Text(body, "code", 64);
  if (!code) return tl::unexpected(code.error());
  for (char ch : *code) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
      return tl::unexpected(jf::Invalid("code may hold only a-z, 0-9 and _"));
    }
  }
  c.code = *code;
  auto label = jf::Text(body, "label", 200);
  if (!label) return tl::unexpected(label.error());
  c.label = *label;
  auto department = jf::Int(body, "department_id", 1, 0xFFFFFFFF);
  if (!department) return tl::unexpected(department.error());
  c.department = core::DepartmentId(static_cast<std::uint32_t>(*department));
  auto sla = jf::Int(body, "sla_minutes", 1, 60 * 24 * 90);
  if (!sla) return tl::unexpected(sla.error());
  c.sla_minutes = static_cast<int>(*sla);
  return c;
}

json ToJson(const CaseCategory& c) {
  return {{"tenant_id", c.tenant.value()},
          {"code", c.code},
          {"label", c.label},
          {"department_id", c.department.value()},
          {"sla_minutes", c.sla_minutes}};
}

json ToJson(const Case& c) {
  json history = json::array();
  for (const CaseChange& h : c.history) {
    history.push_back({{"at", core::FormatUtc(h.at)},
                       {"by", h.by ? json(h.by->value()) : json(nullptr)},
                       {"status", ToString(h.status)},
                       {"comment", h.comment}});
  }
  return {{"id", c.id.value()},
          {"tenant_id", c.input.tenant.value()},
          {"kind", ToString(c.input.kind)},
          {"category", c.input.category},
          {"customer_id", c.input.customer ? json(c.input.customer->value()) : json(nullptr)},
          {"call_id", c.input.call ? json(c.input.call->value()) : json(nullptr)},
          {"order_id", c.input.order ? json(c.input.order->value()) : json(nullptr)},
          {"summary", c.input.summary},
          {"details", c.input.details},
          {"department_id", c.department.value()},
          {"status", ToString(c.status)},
          {"created_by", c.created_by.value()},
          {"created_at", core::FormatUtc(c.created_at)},
          {"due_at", core::FormatUtc(c.due_at)},
          {"escalated_at", c.escalated_at ? json(core::FormatUtc(*c.escalated_at)) : json(nullptr)},
          {"updated_at", core::FormatUtc(c.updated_at)},
          {"history", history}};
}

}  // namespace cc::crm
