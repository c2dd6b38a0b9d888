#include "app/user_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <istream>
#include <ostream>

#include "access/secrets.h"
#include "app/store.h"

namespace cc::app {

namespace {

using core::ErrorCode;
using core::Fail;

bool IsNumber(const std::string& text) {
  return !text.empty() && text.size() < 10 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

core::Result<core::TeamId> ResolveTeam(access::Directory& directory, const std::string& team) {
  auto found =
      IsNumber(team) ? directory.GetTeam(core::TeamId(std::stoul(team))) : directory.FindTeam(team);
  if (!found) return tl::unexpected(found.error());
  return found->id;
}

core::Result<std::vector<core::TenantId>> ResolveTenants(access::Directory& directory,
                                                         const std::vector<std::string>& names) {
  std::vector<core::TenantId> out;
  if (names.empty()) {
    // One tenant only (a centre working for itself): everyone belongs to it.
    auto all = directory.ListTenants();
    if (!all) return tl::unexpected(all.error());
    if (all->size() == 1) out.push_back(all->front().id);
    return out;
  }
  for (const auto& name : names) {
    auto found = IsNumber(name) ? directory.GetTenant(core::TenantId(std::stoul(name)))
                                : directory.FindTenant(name);
    if (!found) return tl::unexpected(found.error());
    out.push_back(found->id);
  }
  return out;
}

core::Result<std::string> ReadPassword(const UserCommandOptions& o, std::istream& in) {
  if (!o.password_stdin) {
    return Fail(ErrorCode::kInvalidArgument,
                "--password-stdin is required: the password is read from the first line of "
                "standard input, never taken from the command line");
  }
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (auto ok = access::Passwords::CheckStrength(line); !ok) return tl::unexpected(ok.error());
  return line;
}

struct Done {
  std::string message;       // printed on success
  access::AuditEntry audit;  // action, object and detail filled in
};

core::Result<Done> Add(const UserCommandOptions& o, const std::string& password,
                       access::Directory& directory, core::Timestamp now) {
  auto role = access::ParseRole(o.role);
  if (!role) return tl::unexpected(role.error());
  access::NewUser n;
  n.login = o.login;
  n.display_name = o.name;
  n.role = *role;
  n.password = password;
  if (!o.team.empty()) {
    auto team = ResolveTeam(directory, o.team);
    if (!team) return tl::unexpected(team.error());
    n.team = *team;
  }
  auto tenants = ResolveTenants(directory, o.tenants);
  if (!tenants) return tl::unexpected(tenants.error());
  n.tenants = *tenants;
  auto user = directory.CreateUser(n, now);
  if (!user) return tl::unexpected(user.error());
  Done done;
  done.message =
      fmt::format("created user {} (role {}, id {})", user->login, o.role, user->id.value());
  done.audit.object_id = std::to_string(user->id.value());
  std::vector<std::uint32_t> tenant_ids;
  for (auto t : user->tenants) tenant_ids.push_back(t.value());
  done.audit.detail = {{"role", o.role}, {"tenants", tenant_ids}};
  if (user->team) done.audit.detail["team"] = user->team->value();
  return done;
}

core::Result<Done> Passwd(const UserCommandOptions& o, const std::string& password,
                          access::Directory& directory) {
  auto user = directory.FindUser(o.login);
  if (!user) return tl::unexpected(user.error());
  if (auto set = directory.SetPassword(user->id, password); !set) {
    return tl::unexpected(set.error());
  }
  Done done;
  done.message = fmt::format("password changed for {}", user->login);
  done.audit.object_id = std::to_string(user->id.value());
  return done;
}

core::Result<Done> Disable(const UserCommandOptions& o, access::Directory& directory) {
  auto user = directory.FindUser(o.login);
  if (!user) return tl::unexpected(user.error());
  if (auto set = directory.SetDisabled(user->id, true); !set) return tl::unexpected(set.error());
  Done done;
  done.message =
      fmt::format("disabled user {}: their sessions and tokens no longer work", user->login);
  done.audit.object_id = std::to_string(user->id.value());
  return done;
}

const char* AuditAction(UserAction action) {
  switch (action) {
    case UserAction::kAdd:
      return "user.create";
    case UserAction::kPasswd:
      return "user.password";
    case UserAction::kDisable:
      return "user.disable";
    case UserAction::kNone:
      break;
  }
  return "user";
}

int ExitCode(const core::Error& error) {
  return error.code == ErrorCode::kInvalidArgument ? 2 : 1;
}

void AddStoreOptions(CLI::App* cmd, UserCommandOptions& o) {
  cmd->add_option("--config", o.config, "The server's configuration file")
      ->check(CLI::ExistingFile);
  cmd->add_option("--data-dir", o.data_dir, "Directory of the database, recordings and logs")
      ->capture_default_str();
  cmd->add_option("--database", o.database,
                  "sqlite:FILE (default DATA_DIR/callcenter.db) or postgresql://...");
}

}  // namespace

CLI::App* AddUserCommand(CLI::App& app, UserCommandOptions& o) {
  auto* user = app.add_subcommand("user", "Add users, set their passwords, disable them");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Create a login (password from the first line of stdin)");
  add->add_option("LOGIN", o.login, "Letters, digits, '.', '_', '-', '@'")->required();
  add->add_option("--role", o.role,
                  "operator, team_lead, supervisor, qa, manager, office_manager, admin or director")
      ->required();
  add->add_option("--team", o.team, "The user's team, by name or id");
  add->add_option("--tenant", o.tenants,
                  "A tenant the user may see, by name or id; repeat for several (default: the "
                  "only tenant, if there is one)")
      ->allow_extra_args(false);
  add->add_option("--name", o.name, "Display name (default: the login)");
  add->add_flag("--password-stdin", o.password_stdin, "Read the password from standard input");
  AddStoreOptions(add, o);
  add->callback([&o] { o.action = UserAction::kAdd; });

  auto* passwd = user->add_subcommand("passwd", "Set a user's password (first line of stdin)");
  passwd->add_option("LOGIN", o.login)->required();
  passwd->add_flag("--password-stdin", o.password_stdin, "Read the password from standard input");
  AddStoreOptions(passwd, o);
  passwd->callback([&o] { o.action = UserAction::kPasswd; });

  auto* disable = user->add_subcommand("disable", "Stop a user logging in; ends their sessions");
  disable->add_option("LOGIN", o.login)->required();
  AddStoreOptions(disable, o);
  disable->callback([&o] { o.action = UserAction::kDisable; });
  return user;
}

int RunUserCommand(const UserCommandOptions& o, std::istream& in, std::ostream& out,
                   std::ostream& err, const core::Clock& clock) {
  if (o.action == UserAction::kNone) {
    fmt::print(err, "error: say what to do: user add, user passwd or user disable\n");
    return 2;
  }
  if (o.action == UserAction::kAdd) {
    if (auto role = access::ParseRole(o.role); !role) {
      fmt::print(err, "error: --role: {}\n", role.error().message);
      return 2;
    }
  }
  std::string password;
  if (o.action != UserAction::kDisable) {
    auto read = ReadPassword(o, in);
    if (!read) {
      fmt::print(err, "error: {}\n", read.error().message);
      return 2;
    }
    password = std::move(*read);
  }
  auto store = OpenStore(StoreOptions{o.data_dir, o.database});
  if (!store) {
    fmt::print(err, "error: {}\n", store.error().message);
    return ExitCode(store.error());
  }
  access::Passwords passwords(o.password_cost);
  access::Directory directory(**store, passwords);
  access::AuditLog audit(**store);
  const core::Timestamp now = clock.Now();

  core::Result<Done> done = o.action == UserAction::kAdd      ? Add(o, password, directory, now)
                            : o.action == UserAction::kPasswd ? Passwd(o, password, directory)
                                                              : Disable(o, directory);
  access::AuditEntry entry = done ? std::move(done->audit) : access::AuditEntry{};
  entry.at = now;
  entry.actor_login = "cli";
  entry.action = AuditAction(o.action);
  entry.object_type = "user";
  if (entry.object_id.empty()) entry.object_id = o.login;
  entry.remote_address = "local";
  if (!done) {
    entry.outcome = access::AuditOutcome::kFailed;
    entry.detail = {{"login", o.login}, {"reason", done.error().message}};
  }
  auto audited = audit.Append(std::move(entry)).get();
  if (!done) {
    fmt::print(err, "error: {}\n", done.error().message);
    return ExitCode(done.error());
  }
  if (!audited) {
    fmt::print(err, "error: {} but the audit log refused the entry: {}\n", done->message,
               audited.error().message);
    return 1;
  }
  fmt::print(out, "{}\n", done->message);
  return 0;
}

core::Result<std::optional<std::string>> EnsureAdmin(access::Directory& directory,
                                                     access::AuditLog& audit, core::Timestamp now) {
  auto users = directory.CountUsers();
  if (!users) return tl::unexpected(users.error());
  if (*users > 0) return std::optional<std::string>();
  auto tenants = directory.ListTenants();
  if (!tenants) return tl::unexpected(tenants.error());
  if (tenants->empty()) {
    auto created = directory.CreateTenant("default");
    if (!created) return tl::unexpected(created.error());
    tenants->push_back(*created);
  }
  access::NewUser admin;
  admin.login = "admin";
  admin.display_name = "Administrator";
  admin.role = access::Role::kAdmin;
  admin.tenants = {tenants->front().id};
  admin.password = access::GeneratePassword();
  auto user = directory.CreateUser(admin, now);
  if (!user) return tl::unexpected(user.error());
  access::AuditEntry entry;
  entry.at = now;
  entry.actor_login = "system";
  entry.action = "user.create";
  entry.object_type = "user";
  entry.object_id = std::to_string(user->id.value());
  entry.remote_address = "local";
  entry.detail = {{"role", "admin"}, {"reason", "first start"}};
  if (auto audited = audit.Append(std::move(entry)).get(); !audited) {
    return tl::unexpected(audited.error());
  }
  return std::optional<std::string>(std::move(admin.password));
}

}  // namespace cc::app
