// Small helpers the CRM repositories share for building portable SQL.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "crm/tenant_scope.h"
#include "storage/database.h"

namespace cc::crm::sql {

// " AND <column> IN (?, ?)" with the tenants appended to `params`; "" for a
// scope of every tenant; a condition nothing meets for a scope of none.
std::string TenantFilter(const std::string& column, const TenantScope& scope,
                         std::vector<storage::Value>& params);

inline storage::Value Id(std::uint64_t id) {
  return static_cast<std::int64_t>(id);
}
template <typename T>
storage::Value OptionalId(const std::optional<T>& id) {
  return id ? storage::Value(static_cast<std::int64_t>(id->value())) : storage::Value(nullptr);
}

// Two statements that make a write batch roll back unless `count_sql` (a
// SELECT COUNT(*) ...) counts exactly one row when the batch runs.
std::vector<storage::Statement> Guard(std::string count_sql, std::vector<storage::Value> params);

// An integer column that may be NULL (0 when NULL).
inline std::int64_t IntOr0(const storage::Row& row, std::size_t column) {
  return row.IsNull(column) ? 0 : row.Int(column).value_or(0);
}
inline std::string TextOr(const storage::Row& row, std::size_t column) {
  return row.IsNull(column) ? std::string() : row.Text(column).value_or("");
}

}  // namespace cc::crm::sql
