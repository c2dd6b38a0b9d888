// Directory: tenants, teams (lead and members) and departments.
#include <fmt/format.h>

#include "access/directory.h"
#include "access/row_reader.h"

namespace cc::access {

using core::ErrorCode;
using core::Fail;
using detail::Malformed;
using detail::Nullable;
using detail::RowReader;
using storage::Statement;
using storage::Value;

namespace {

core::Status CheckName(std::string_view what, std::string_view name) {
  if (name.empty())
    return Fail(ErrorCode::kInvalidArgument, fmt::format("the {} name is empty", what));
  if (name.size() > 200) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the {} name is longer than 200 characters", what));
  }
  return {};
}

core::Result<std::vector<Tenant>> ToTenants(core::Result<std::vector<storage::Row>> rows) {
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Tenant> out;
  for (const auto& row : *rows) {
    RowReader r(row);
    Tenant t;
    t.id = core::TenantId(static_cast<std::uint32_t>(r.Int()));
    t.name = r.Text();
    t.time_zone = r.OptText();
    if (!r.ok()) return Malformed("tenants");
    out.push_back(std::move(t));
  }
  return out;
}

core::Result<std::vector<Team>> ToTeams(core::Result<std::vector<storage::Row>> rows) {
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Team> out;
  for (const auto& row : *rows) {
    RowReader r(row);
    Team t;
    t.id = core::TeamId(static_cast<std::uint32_t>(r.Int()));
    t.name = r.Text();
    if (auto lead = r.OptInt()) t.lead = core::UserId(static_cast<std::uint32_t>(*lead));
    t.tenant = core::TenantId(static_cast<std::uint32_t>(r.Int()));
    if (!r.ok()) return Malformed("teams");
    out.push_back(std::move(t));
  }
  return out;
}

template <typename T>
core::Result<T> One(core::Result<std::vector<T>> all, std::string not_found) {
  if (!all) return tl::unexpected(all.error());
  if (all->empty()) return Fail(ErrorCode::kNotFound, std::move(not_found));
  return std::move(all->front());
}

constexpr const char* kTenantColumns = "SELECT id, name, time_zone FROM tenants ";
constexpr const char* kTeamColumns = "SELECT id, name, lead_user_id, tenant_id FROM teams ";

}  // namespace

core::Result<Tenant> Directory::CreateTenant(std::string name,
                                             std::optional<std::string> time_zone) {
  if (auto ok = CheckName("tenant", name); !ok) return tl::unexpected(ok.error());
  auto written =
      Committed(db_.Write({Statement{"INSERT INTO tenants (id, name, time_zone) SELECT "
                                 "COALESCE(MAX(id), 0) + 1, ?, ? FROM tenants",
                                 {name, Nullable(time_zone)}}}));
  if (!written) {
    if (written.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, fmt::format("tenant '{}' exists already", name));
    }
    return tl::unexpected(written.error());
  }
  return FindTenant(name);
}

core::Result<Tenant> Directory::GetTenant(core::TenantId id) {
  return One(ToTenants(db_.Query(Statement{std::string(kTenantColumns) + "WHERE id = ?",
                                           {static_cast<std::int64_t>(id.value())}})),
             fmt::format("tenant {} does not exist", id.value()));
}

core::Result<Tenant> Directory::FindTenant(std::string_view name) {
  return One(ToTenants(db_.Query(
                 Statement{std::string(kTenantColumns) + "WHERE name = ?", {std::string(name)}})),
             fmt::format("no tenant named '{}'", name));
}

core::Result<std::vector<Tenant>> Directory::ListTenants() {
  return ToTenants(db_.Query(Statement{std::string(kTenantColumns) + "ORDER BY id", {}}));
}

core::Result<Team> Directory::CreateTeam(std::string name, core::TenantId tenant,
                                         std::optional<core::UserId> lead) {
  if (auto ok = CheckName("team", name); !ok) return tl::unexpected(ok.error());
  if (auto found = GetTenant(tenant); !found) return tl::unexpected(found.error());
  if (lead) {
    if (auto ok = CheckUserExists(*lead); !ok) return tl::unexpected(ok.error());
  }
  auto written = Committed(
      db_.Write({Statement{"INSERT INTO teams (id, name, lead_user_id, tenant_id) "
                           "SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ? FROM teams",
                           {name, Nullable(lead), static_cast<std::int64_t>(tenant.value())}}}));
  if (!written) {
    if (written.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, fmt::format("team '{}' exists already", name));
    }
    return tl::unexpected(written.error());
  }
  return FindTeam(name);
}

core::Result<Team> Directory::GetTeam(core::TeamId id) {
  return One(ToTeams(db_.Query(Statement{std::string(kTeamColumns) + "WHERE id = ?",
                                         {static_cast<std::int64_t>(id.value())}})),
             fmt::format("team {} does not exist", id.value()));
}

core::Result<Team> Directory::FindTeam(std::string_view name) {
  return One(ToTeams(db_.Query(
                 Statement{std::string(kTeamColumns) + "WHERE name = ?", {std::string(name)}})),
             fmt::format("no team named '{}'", name));
}

core::Result<std::vector<Team>> Directory::ListTeams() {
  return ToTeams(db_.Query(Statement{std::string(kTeamColumns) + "ORDER BY id", {}}));
}

core::Status Directory::SetTeamLead(core::TeamId team, std::optional<core::UserId> lead) {
  if (auto found = GetTeam(team); !found) return tl::unexpected(found.error());
  if (lead) {
    if (auto ok = CheckUserExists(*lead); !ok) return ok;
  }
  return Committed(db_.Write({Statement{"UPDATE teams SET lead_user_id = ? WHERE id = ?",
                                    {Nullable(lead), static_cast<std::int64_t>(team.value())}}}));
}

core::Status Directory::SetTeam(core::UserId user, std::optional<core::TeamId> team) {
  if (auto ok = CheckUserExists(user); !ok) return ok;
  if (team) {
    if (auto found = GetTeam(*team); !found) return tl::unexpected(found.error());
  }
  return Committed(db_.Write({Statement{"UPDATE users SET team_id = ? WHERE id = ?",
                                    {Nullable(team), static_cast<std::int64_t>(user.value())}}}));
}

core::Result<std::vector<core::UserId>> Directory::TeamMembers(core::TeamId team) {
  if (auto found = GetTeam(team); !found) return tl::unexpected(found.error());
  auto rows = db_.Query(Statement{"SELECT id FROM users WHERE team_id = ? ORDER BY id",
                                  {static_cast<std::int64_t>(team.value())}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<core::UserId> members;
  for (const auto& row : *rows) {
    auto id = row.Int(0);
    if (!id) return Malformed("users");
    members.push_back(core::UserId(static_cast<std::uint32_t>(*id)));
  }
  return members;
}

core::Result<Department> Directory::CreateDepartment(core::TenantId tenant, std::string name,
                                                     std::optional<std::string> email) {
  if (auto ok = CheckName("department", name); !ok) return tl::unexpected(ok.error());
  if (email && email->find('@') == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not an e-mail address", *email));
  }
  if (auto found = GetTenant(tenant); !found) return tl::unexpected(found.error());
  const std::int64_t tenant_key = tenant.value();
  auto written =
      Committed(db_.Write({Statement{"INSERT INTO departments (id, tenant_id, name, email) "
                                 "SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ? FROM departments",
                                 {tenant_key, name, Nullable(email)}}}));
  if (!written) {
    if (written.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists,
                  fmt::format("department '{}' exists already in tenant {}", name, tenant_key));
    }
    return tl::unexpected(written.error());
  }
  auto all = ListDepartments(tenant);
  if (!all) return tl::unexpected(all.error());
  for (auto& d : *all) {
    if (d.name == name) return std::move(d);
  }
  return Fail(ErrorCode::kInternal, "the new department is missing");
}

core::Result<std::vector<Department>> Directory::ListDepartments(core::TenantId tenant) {
  auto rows = db_.Query(Statement{
      "SELECT id, tenant_id, name, email FROM departments WHERE tenant_id = ? ORDER BY id",
      {static_cast<std::int64_t>(tenant.value())}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Department> out;
  for (const auto& row : *rows) {
    RowReader r(row);
    Department d;
    d.id = core::DepartmentId(static_cast<std::uint32_t>(r.Int()));
    d.tenant = core::TenantId(static_cast<std::uint32_t>(r.Int()));
    d.name = r.Text();
    d.email = r.OptText();
    if (!r.ok()) return Malformed("departments");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace cc::access
