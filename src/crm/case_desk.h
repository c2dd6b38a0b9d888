// Cases on storage and their work flow: categories (department and SLA per
// code), opening a case (routed at once, the department notified), status
// changes with comments, and the escalation of overdue cases, which the
// server runs periodically with its clock (tests with a simulated one).
// Every change commits with its history row and interaction-log record.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "crm/case.h"
#include "crm/notifier.h"
#include "crm/tenant_scope.h"
#include "storage/database.h"
#include "storage/id_allocator.h"

namespace cc::crm {

struct CaseFilter {
  TenantScope scope;
  std::optional<CaseStatus> status;
  std::optional<core::DepartmentId> department;
  std::optional<CustomerId> customer;
  bool overdue_only = false;
  core::Timestamp now;  // for overdue_only
  int limit = 50;
  int offset = 0;
};

class CaseDesk {
 public:
  CaseDesk(storage::Database& db, Notifier& notifier);

  core::Status SaveCategory(const CaseCategory& category);
  core::Result<std::vector<CaseCategory>> Categories(const TenantScope& scope);

  core::Result<Case> Open(CaseInput input, core::UserId by, core::Timestamp now);
  core::Result<Case> Move(CaseId id, CaseStatus to, core::UserId by, std::string comment, core::Timestamp now);
  core::Result<std::optional<Case>> Get(CaseId id);
  core::Result<std::vector<Case>> List(const CaseFilter& filter);

  // Marks every case overdue at `now` as escalated (once), notifies its
  // department and returns how many were escalated.
  core::Result<int> EscalateOverdue(core::Timestamp now);

 private:
  core::Result<std::vector<Case>> Read(const std::string& where, std::vector<storage::Value> params);
  storage::Database& db_;
  Notifier& notifier_;
  storage::IdAllocator ids_;
};

}  // namespace cc::crm
