#include "crm/sql_util.h"

namespace cc::crm::sql {

std::string TenantFilter(const std::string& column, const TenantScope& scope,
                         std::vector<storage::Value>& params) {
  if (scope.all) return "";
  const auto& tenants = scope.tenants;
  if (tenants.empty()) return " AND 1 = 0";
  std::string out = " AND " + column + " IN (";
  for (std::size_t i = 0; i < tenants.size(); ++i) {
    out += i == 0 ? "?" : ", ?";
    params.emplace_back(std::in_place_type<std::int64_t>, tenants[i].value());
  }
  return out + ")";
}

std::vector<storage::Statement> Guard(std::string count_sql, std::vector<storage::Value> params) {
  return {{"INSERT INTO crm_guard (ok) " + std::move(count_sql), std::move(params)},
          {"DELETE FROM crm_guard", {}}};
}

}  // namespace cc::crm::sql
