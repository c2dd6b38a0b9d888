// `callcenter user add|passwd|disable`: manage logins from the command line,
// on the same store `serve` uses (--config, --data-dir, --database). Each
// change is written to the audit log with actor "cli". Also EnsureAdmin, which
// `serve` calls at first start to create the one-time admin login.
// Thread-safety: functions; call them from one thread.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "access/audit_log.h"
#include "access/directory.h"
#include "access/passwords.h"
#include "core/clock.h"
#include "core/result.h"

namespace CLI {
class App;
}

namespace cc::app {

enum class UserAction { kNone, kAdd, kPasswd, kDisable };

struct UserCommandOptions {
  UserAction action = UserAction::kNone;  // set by the subcommand that was parsed
  std::string login;
  std::string role;                  // add: --role
  std::string team;                  // add: --team, a name or an id
  std::vector<std::string> tenants;  // add: --tenant, names or ids, repeatable
  std::string name;                  // add: --name, the display name
  bool password_stdin = false;       // add, passwd: the password is the first line of stdin
  std::string config;                // checked to exist; read by serve
  std::string data_dir = "var";
  std::string database;
  // Not a flag: tests use PasswordCost::kMinimum.
  access::PasswordCost password_cost = access::PasswordCost::kInteractive;
};

// Adds `user` with its subcommands to `app`; parsing fills `options`.
CLI::App* AddUserCommand(CLI::App& app, UserCommandOptions& options);

// Returns the exit code: 0 done; 1 refused (unknown login, login taken,
// unknown team or tenant, storage failure); 2 a usage error (bad role, weak
// or missing password, bad --database). Messages go to `err`.
int RunUserCommand(const UserCommandOptions& options, std::istream& in, std::ostream& out,
                   std::ostream& err, const core::Clock& clock);

// When the directory has no user yet: creates tenant "default" (if there is
// no tenant) and user "admin" (role admin) with a generated password, audits
// it (actor "system"), and returns the password so `serve` can print it once.
// Returns nullopt when users exist already.
core::Result<std::optional<std::string>> EnsureAdmin(access::Directory& directory,
                                                     access::AuditLog& audit, core::Timestamp now);

}  // namespace cc::app
