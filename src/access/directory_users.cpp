// Directory: users, their tenants, passwords and the principal built from them.
#include <fmt/format.h>

#include <algorithm>
#include <map>

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

constexpr const char* kUserColumns =
    "SELECT id, login, display_name, role, team_id, disabled, created_at_ms FROM users ";

core::Result<User> ToUser(const storage::Row& row) {
  RowReader r(row);
  User u;
  u.id = core::UserId(static_cast<std::uint32_t>(r.Int()));
  u.login = r.Text();
  u.display_name = r.Text();
  auto role = ParseRole(r.Text());
  if (auto team = r.OptInt()) u.team = core::TeamId(static_cast<std::uint32_t>(*team));
  u.disabled = r.Int() != 0;
  u.created_at = core::FromMillis(r.Int());
  if (!r.ok() || !role) return Malformed("users");
  u.role = *role;
  return u;
}

std::string NotFoundUser(core::UserId id) {
  return fmt::format("user {} does not exist", id.value());
}

}  // namespace

core::Status CheckLogin(std::string_view login) {
  if (login.empty()) return Fail(ErrorCode::kInvalidArgument, "the login is empty");
  if (login.size() > 64)
    return Fail(ErrorCode::kInvalidArgument, "the login is longer than 64 characters");
  for (char c : login) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("login '{}': use only letters, digits, '.', '_', '-' and '@'", login));
    }
  }
  return {};
}

core::Result<std::vector<User>> Directory::QueryUsers(const char* where,
                                                      std::vector<Value> params) {
  auto rows = db_.Query(Statement{std::string(kUserColumns) + where + " ORDER BY id", params});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<User> users;
  std::map<std::uint32_t, std::size_t> index;
  for (const auto& row : *rows) {
    auto user = ToUser(row);
    if (!user) return tl::unexpected(user.error());
    index[user->id.value()] = users.size();
    users.push_back(std::move(*user));
  }
  if (users.empty()) return users;
  std::string tenant_sql =
      "SELECT user_id, tenant_id FROM user_tenants WHERE user_id IN (SELECT id FROM users " +
      std::string(where) + ") ORDER BY user_id, tenant_id";
  auto tenants = db_.Query(Statement{tenant_sql, std::move(params)});
  if (!tenants) return tl::unexpected(tenants.error());
  for (const auto& row : *tenants) {
    RowReader r(row);
    auto user = static_cast<std::uint32_t>(r.Int());
    auto tenant = static_cast<std::uint32_t>(r.Int());
    if (!r.ok()) return Malformed("user_tenants");
    if (auto it = index.find(user); it != index.end()) {
      users[it->second].tenants.push_back(core::TenantId(tenant));
    }
  }
  return users;
}

core::Status Directory::CheckUserExists(core::UserId id) {
  auto rows = db_.Query(
      Statement{"SELECT id FROM users WHERE id = ?", {static_cast<std::int64_t>(id.value())}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, NotFoundUser(id));
  return {};
}

core::Status Directory::CheckTenantsExist(const std::vector<core::TenantId>& tenants) {
  for (auto tenant : tenants) {
    auto found = GetTenant(tenant);
    if (!found) return tl::unexpected(found.error());
  }
  return {};
}

core::Result<User> Directory::CreateUser(const NewUser& user, core::Timestamp now) {
  if (auto ok = CheckLogin(user.login); !ok) return tl::unexpected(ok.error());
  std::string display_name = user.display_name.empty() ? user.login : user.display_name;
  if (display_name.size() > 200) {
    return Fail(ErrorCode::kInvalidArgument, "the display name is longer than 200 characters");
  }
  if (auto existing = FindUser(user.login); existing) {
    return Fail(ErrorCode::kAlreadyExists, fmt::format("login '{}' is taken", user.login));
  } else if (existing.error().code != ErrorCode::kNotFound) {
    return tl::unexpected(existing.error());
  }
  if (user.team) {
    if (auto team = GetTeam(*user.team); !team) return tl::unexpected(team.error());
  }
  if (auto ok = CheckTenantsExist(user.tenants); !ok) return tl::unexpected(ok.error());
  auto hash = passwords_.Hash(user.password);
  if (!hash) return tl::unexpected(hash.error());

  std::vector<Statement> batch;
  batch.push_back(Statement{
      "INSERT INTO users (id, login, display_name, role, team_id, password_hash, disabled, "
      "created_at_ms) SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ?, 0, ? FROM users",
      {user.login, display_name, std::string(ToString(user.role)), Nullable(user.team), *hash,
       core::ToMillis(now)}});
  std::vector<core::TenantId> tenants = user.tenants;
  std::sort(tenants.begin(), tenants.end());
  tenants.erase(std::unique(tenants.begin(), tenants.end()), tenants.end());
  for (auto tenant : tenants) {
    batch.push_back(Statement{
        "INSERT INTO user_tenants (user_id, tenant_id) SELECT id, ? FROM users WHERE login = ?",
        {static_cast<std::int64_t>(tenant.value()), user.login}});
  }
  if (auto written = Committed(db_.Write(std::move(batch))); !written) {
    if (written.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, fmt::format("login '{}' is taken", user.login));
    }
    return tl::unexpected(written.error());
  }
  return FindUser(user.login);
}

core::Result<User> Directory::GetUser(core::UserId id) {
  auto users = QueryUsers("WHERE id = ?", {static_cast<std::int64_t>(id.value())});
  if (!users) return tl::unexpected(users.error());
  if (users->empty()) return Fail(ErrorCode::kNotFound, NotFoundUser(id));
  return std::move(users->front());
}

core::Result<User> Directory::FindUser(std::string_view login) {
  auto users = QueryUsers("WHERE login = ?", {std::string(login)});
  if (!users) return tl::unexpected(users.error());
  if (users->empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no user with login '{}'", login));
  }
  return std::move(users->front());
}

core::Result<std::vector<User>> Directory::ListUsers() {
  return QueryUsers("", {});
}

core::Result<std::int64_t> Directory::CountUsers() {
  auto rows = db_.Query(Statement{"SELECT COUNT(*) FROM users", {}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->size() != 1) return Malformed("users");
  auto count = rows->front().Int(0);
  if (!count) return Malformed("users");
  return *count;
}

core::Result<User> Directory::UpdateUser(core::UserId id, const UserUpdate& update) {
  if (auto ok = CheckUserExists(id); !ok) return tl::unexpected(ok.error());
  std::vector<Statement> batch;
  const std::int64_t key = id.value();
  if (update.display_name) {
    if (update.display_name->empty() || update.display_name->size() > 200) {
      return Fail(ErrorCode::kInvalidArgument, "the display name must have 1-200 characters");
    }
    batch.push_back(
        Statement{"UPDATE users SET display_name = ? WHERE id = ?", {*update.display_name, key}});
  }
  if (update.role) {
    batch.push_back(Statement{"UPDATE users SET role = ? WHERE id = ?",
                              {std::string(ToString(*update.role)), key}});
  }
  if (!batch.empty()) {
    if (auto written = Committed(db_.Write(std::move(batch))); !written) {
      return tl::unexpected(written.error());
    }
  }
  return GetUser(id);
}

core::Status Directory::SetDisabled(core::UserId id, bool disabled) {
  if (auto ok = CheckUserExists(id); !ok) return ok;
  return Committed(db_.Write(
      {Statement{"UPDATE users SET disabled = ? WHERE id = ?",
                 {std::int64_t{disabled ? 1 : 0}, static_cast<std::int64_t>(id.value())}}}));
}

core::Status Directory::SetPassword(core::UserId id, std::string_view password) {
  if (auto ok = CheckUserExists(id); !ok) return ok;
  auto hash = passwords_.Hash(password);
  if (!hash) return tl::unexpected(hash.error());
  return Committed(db_.Write({Statement{"UPDATE users SET password_hash = ? WHERE id = ?",
                                    {*hash, static_cast<std::int64_t>(id.value())}}}));
}

core::Status Directory::SetUserTenants(core::UserId id,
                                       const std::vector<core::TenantId>& tenants) {
  if (auto ok = CheckUserExists(id); !ok) return ok;
  if (auto ok = CheckTenantsExist(tenants); !ok) return ok;
  const std::int64_t key = id.value();
  std::vector<Statement> batch{Statement{"DELETE FROM user_tenants WHERE user_id = ?", {key}}};
  std::vector<core::TenantId> unique = tenants;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (auto tenant : unique) {
    batch.push_back(Statement{"INSERT INTO user_tenants (user_id, tenant_id) VALUES (?, ?)",
                              {key, static_cast<std::int64_t>(tenant.value())}});
  }
  return Committed(db_.Write(std::move(batch)));
}

core::Result<Credentials> Directory::FindCredentials(std::string_view login) {
  auto rows = db_.Query(Statement{"SELECT id, password_hash, disabled FROM users WHERE login = ?",
                                  {std::string(login)}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty())
    return Fail(ErrorCode::kNotFound, fmt::format("no user with login '{}'", login));
  RowReader r(rows->front());
  Credentials c;
  c.user = core::UserId(static_cast<std::uint32_t>(r.Int()));
  c.password_hash = r.Text();
  c.disabled = r.Int() != 0;
  if (!r.ok()) return Malformed("users");
  return c;
}

core::Status Directory::Committed(std::future<core::Status> write) {
  core::Status status = write.get();
  Touch();
  return status;
}

core::Result<Principal> Directory::LoadPrincipal(core::UserId id) {
  const std::uint64_t generation = this->generation();
  {
    std::lock_guard lock(principals_mutex_);
    auto it = principals_.find(id);
    if (it != principals_.end() && it->second.first == generation) return it->second.second;
  }
  auto loaded = LoadPrincipalUncached(id);
  if (loaded) {
    std::lock_guard lock(principals_mutex_);
    principals_[id] = {generation, *loaded};
  }
  return loaded;
}

core::Result<Principal> Directory::LoadPrincipalUncached(core::UserId id) {
  auto user = GetUser(id);
  if (!user) return tl::unexpected(user.error());
  auto led = db_.Query(Statement{"SELECT id FROM teams WHERE lead_user_id = ? ORDER BY id",
                                 {static_cast<std::int64_t>(id.value())}});
  if (!led) return tl::unexpected(led.error());
  Principal p;
  p.user = user->id;
  p.login = std::move(user->login);
  p.display_name = std::move(user->display_name);
  p.role = user->role;
  p.team = user->team;
  p.tenants = std::move(user->tenants);
  for (const auto& row : *led) {
    auto team = row.Int(0);
    if (!team) return Malformed("teams");
    p.led_teams.push_back(core::TeamId(static_cast<std::uint32_t>(*team)));
  }
  return p;
}

}  // namespace cc::access
