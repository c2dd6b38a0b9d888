// Cases: complaints, remarks, suggestions and requests, linked to a
// customer, a call and an order, routed by category to a department with a
// due time from the category's SLA, and worked open -> in progress ->
// resolved -> closed with comments. Overdue cases escalate once.
// Thread-safety: value types and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "crm/ids.h"

namespace cc::crm {

enum class CaseKind { kComplaint, kRemark, kSuggestion, kRequest };
enum class CaseStatus { kOpen, kInProgress, kResolved, kClosed };

std::string_view ToString(CaseKind kind);
std::string_view ToString(CaseStatus status);
core::Result<CaseKind> CaseKindFromString(std::string_view text);
core::Result<CaseStatus> CaseStatusFromString(std::string_view text);
// Open -> in progress -> resolved -> closed; resolved may be reopened (in progress).
bool CanMove(CaseStatus from, CaseStatus to);

// Where a category of case goes and how soon it must be dealt with.
struct CaseCategory {
  core::TenantId tenant;
  std::string code;   // "quality", "management_request", "delivery_late", ...
  std::string label;
  core::DepartmentId department;
  int sla_minutes = 24 * 60;
};

struct CaseInput {
  core::TenantId tenant;
  CaseKind kind = CaseKind::kComplaint;
  std::string category;  // a CaseCategory code of the tenant
  std::optional<CustomerId> customer;
  std::optional<core::CallId> call;
  std::optional<OrderId> order;
  std::string summary;   // one line
  std::string details;   // what happened: situation, date and time, what was promised
};

struct CaseChange {
  core::Timestamp at;
  std::optional<core::UserId> by;
  CaseStatus status = CaseStatus::kOpen;
  std::string comment;
};

struct Case {
  CaseId id;
  CaseInput input;
  core::DepartmentId department;
  CaseStatus status = CaseStatus::kOpen;
  core::UserId created_by;
  core::Timestamp created_at;
  core::Timestamp due_at;
  std::optional<core::Timestamp> escalated_at;
  core::Timestamp updated_at;
  std::vector<CaseChange> history;
};

struct CaseRoute {
  core::DepartmentId department;
  core::Timestamp due_at;
  std::string label;
};

// The category's department and due time, or kInvalidArgument listing the
// tenant's categories when the code is unknown.
core::Result<CaseRoute> RouteCase(const std::vector<CaseCategory>& categories, const CaseInput& input,
                                  core::Timestamp now);

// Open or in progress past its due time and not escalated yet.
bool NeedsEscalation(const Case& c, core::Timestamp now);

core::Result<CaseInput> CaseInputFromJson(const nlohmann::json& body);
core::Result<CaseCategory> CaseCategoryFromJson(const nlohmann::json& body);
nlohmann::json ToJson(const Case& c);
nlohmann::json ToJson(const CaseCategory& c);

}  // namespace cc::crm
