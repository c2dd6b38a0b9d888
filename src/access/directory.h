// The directory of people and organisation: tenants (client companies),
// users with role, team and tenants, teams with a lead and members, and
// departments per tenant. A Repository over storage::Database; plain queries,
// no cache, so every process sharing the database sees the same directory.
// Each change is one atomic write batch, acknowledged once durable.
// Thread-safety: all methods may be called from any thread at the same time
// (as Database allows). The Database and Passwords must outlive the Directory.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/passwords.h"
#include "access/principal.h"
#include "access/role.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/database.h"

namespace cc::access {

struct Tenant {
  core::TenantId id;
  std::string name;
  std::optional<std::string> time_zone;  // IANA name; empty: the centre's
  friend bool operator==(const Tenant&, const Tenant&) = default;
};

struct User {
  core::UserId id;
  std::string login;
  std::string display_name;
  Role role = Role::kOperator;
  std::optional<core::TeamId> team;
  bool disabled = false;
  core::Timestamp created_at;
  std::vector<core::TenantId> tenants;  // ascending
  friend bool operator==(const User&, const User&) = default;
};

struct NewUser {
  std::string login;         // 1-64 characters: letters, digits, . _ - @
  std::string display_name;  // empty: the login
  Role role = Role::kOperator;
  std::optional<core::TeamId> team;
  std::vector<core::TenantId> tenants;
  std::string password;  // plain; hashed here, never stored
};

// Fields left empty keep their value.
struct UserUpdate {
  std::optional<std::string> display_name = {};
  std::optional<Role> role = {};
};

struct Team {
  core::TeamId id;
  std::string name;  // unique in the centre
  std::optional<core::UserId> lead;
  core::TenantId tenant;
  friend bool operator==(const Team&, const Team&) = default;
};

struct Department {
  core::DepartmentId id;
  core::TenantId tenant;
  std::string name;  // unique within its tenant
  std::optional<std::string> email;
  friend bool operator==(const Department&, const Department&) = default;
};

// What a login check needs; never leaves the access module's services.
struct Credentials {
  core::UserId user;
  std::string password_hash;
  bool disabled = false;
};

class Directory {
 public:
  Directory(storage::Database& db, const Passwords& passwords) : db_(db), passwords_(passwords) {}

  core::Result<Tenant> CreateTenant(std::string name, std::optional<std::string> time_zone = {});
  core::Result<Tenant> GetTenant(core::TenantId id);
  core::Result<Tenant> FindTenant(std::string_view name);
  core::Result<std::vector<Tenant>> ListTenants();

  // kAlreadyExists if the login is taken, kNotFound for an unknown team or
  // tenant, kInvalidArgument for a bad login or a weak password.
  core::Result<User> CreateUser(const NewUser& user, core::Timestamp now);
  core::Result<User> GetUser(core::UserId id);
  core::Result<User> FindUser(std::string_view login);
  core::Result<std::vector<User>> ListUsers();  // by id
  core::Result<std::int64_t> CountUsers();
  core::Result<User> UpdateUser(core::UserId id, const UserUpdate& update);
  // A disabled user cannot log in and their sessions and tokens stop working.
  core::Status SetDisabled(core::UserId id, bool disabled);
  core::Status SetPassword(core::UserId id, std::string_view password);
  // Replaces the user's tenants.
  core::Status SetUserTenants(core::UserId id, const std::vector<core::TenantId>& tenants);
  core::Result<Credentials> FindCredentials(std::string_view login);
  // The user as authorization sees them, with the teams they lead.
  core::Result<Principal> LoadPrincipal(core::UserId id);

  core::Result<Team> CreateTeam(std::string name, core::TenantId tenant,
                                std::optional<core::UserId> lead = {});
  core::Result<Team> GetTeam(core::TeamId id);
  core::Result<Team> FindTeam(std::string_view name);
  core::Result<std::vector<Team>> ListTeams();
  core::Status SetTeamLead(core::TeamId team, std::optional<core::UserId> lead);
  // Moves the user into `team` (out of any other: a user has at most one team),
  // or out of every team when `team` is empty.
  core::Status SetTeam(core::UserId user, std::optional<core::TeamId> team);
  core::Result<std::vector<core::UserId>> TeamMembers(core::TeamId team);

  core::Result<Department> CreateDepartment(core::TenantId tenant, std::string name,
                                            std::optional<std::string> email = {});
  core::Result<std::vector<Department>> ListDepartments(core::TenantId tenant);

  // Grows after every committed change to the directory, and when sessions or
  // tokens are revoked (Touch). Caches of authentication data keep the value
  // they were filled under and are valid only while it has not moved.
  // With a cache lifetime set (several nodes share the database, so changes
  // made by another node do not move this counter), the value also moves
  // once per lifetime: a logout, revocation or disable on another node
  // takes effect here within that time.
  std::uint64_t generation() const {
    const std::uint64_t local = generation_.load(std::memory_order_acquire);
    const auto lifetime = cache_lifetime_ms_.load(std::memory_order_relaxed);
    if (lifetime <= 0) return local;
    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now().time_since_epoch())
                            .count();
    return (local << 32) ^ static_cast<std::uint64_t>(now_ms / lifetime);
  }
  void Touch() { generation_.fetch_add(1, std::memory_order_acq_rel); }
  // Zero (the default): caches live until a local change.
  void SetCacheLifetime(std::chrono::milliseconds lifetime) {
    cache_lifetime_ms_.store(lifetime.count(), std::memory_order_relaxed);
  }

 private:
  core::Result<std::vector<User>> QueryUsers(const char* where, std::vector<storage::Value> params);
  core::Status CheckUserExists(core::UserId id);
  core::Status CheckTenantsExist(const std::vector<core::TenantId>& tenants);

  // Waits for a write, then moves the generation (after the commit, so a
  // reader can never cache the old rows under the new generation).
  core::Status Committed(std::future<core::Status> write);
  core::Result<Principal> LoadPrincipalUncached(core::UserId id);

  storage::Database& db_;
  const Passwords& passwords_;
  std::atomic<std::uint64_t> generation_{1};
  std::atomic<std::int64_t> cache_lifetime_ms_{0};
  std::mutex principals_mutex_;
  std::unordered_map<core::UserId, std::pair<std::uint64_t, Principal>>
      principals_;  // guarded by principals_mutex_
};

// kInvalidArgument unless `login` has 1-64 letters, digits, '.', '_', '-' or '@'.
core::Status CheckLogin(std::string_view login);

}  // namespace cc::access
