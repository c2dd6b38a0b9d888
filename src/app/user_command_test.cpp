// `callcenter user add|passwd|disable` end to end on a temporary data dir:
// exit codes, messages, what a later login sees, and the audit trail.
#include "app/user_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <sstream>

#include "access/audit_log.h"
#include "access/directory.h"
#include "app/store.h"

namespace cc::app {
namespace {

const core::Timestamp kNow = core::FromMillis(1'800'000'000'000);

struct Outcome {
  int code;
  std::string out, err;
};

class UserCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "cc-user-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Parses `args` (after "callcenter") as main would, then runs with `stdin_text`.
  Outcome Run(std::vector<std::string> args, const std::string& stdin_text = "") {
    CLI::App app;
    UserCommandOptions options;
    options.password_cost = access::PasswordCost::kMinimum;
    AddUserCommand(app, options);
    args.push_back("--data-dir");
    args.push_back((dir_ / "var").string());
    std::reverse(args.begin(), args.end());  // CLI11 takes them back to front
    try {
      app.parse(args);
    } catch (const CLI::ParseError& e) {
      return {2, "", e.what()};
    }
    std::istringstream in(stdin_text);
    std::ostringstream out, err;
    int code = RunUserCommand(options, in, out, err, clock_);
    return {code, out.str(), err.str()};
  }

  // Opens the store as serve would and checks a login's password.
  bool PasswordWorks(const std::string& login, const std::string& password) {
    auto store = OpenStore(StoreOptions{(dir_ / "var").string(), ""});
    EXPECT_TRUE(store.has_value());
    access::Passwords passwords(access::PasswordCost::kMinimum);
    access::Directory directory(**store, passwords);
    auto credentials = directory.FindCredentials(login);
    return credentials && !credentials->disabled &&
           passwords.Verify(credentials->password_hash, password);
  }

  std::vector<access::AuditEntry> Audit() {
    auto store = OpenStore(StoreOptions{(dir_ / "var").string(), ""});
    EXPECT_TRUE(store.has_value());
    access::AuditLog audit(**store);
    return audit.Query({}).value();
  }

  std::filesystem::path dir_;
  core::SimulatedClock clock_{kNow};
};

TEST_F(UserCommandTest, AddsAUserWhoCanThenLogIn) {
  Outcome r =
      Run({"user", "add", "anna", "--role", "supervisor", "--name", "Anna P.", "--password-stdin"},
          "anna-secret-1\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created user anna (role supervisor"), std::string::npos) << r.out;
  EXPECT_TRUE(PasswordWorks("anna", "anna-secret-1"));
  auto audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor_login, "cli");
  EXPECT_EQ(audit[0].action, "user.create");
  EXPECT_EQ(audit[0].outcome, access::AuditOutcome::kOk);
  EXPECT_EQ(audit[0].detail["role"], "supervisor");
  EXPECT_EQ(audit[0].at, kNow);
}

TEST_F(UserCommandTest, DuplicateLoginFailsWithOne) {
  ASSERT_EQ(
      Run({"user", "add", "anna", "--role", "operator", "--password-stdin"}, "password-1\n").code,
      0);
  Outcome r = Run({"user", "add", "anna", "--role", "qa", "--password-stdin"}, "password-2\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "error: login 'anna' is taken\n");
  EXPECT_TRUE(PasswordWorks("anna", "password-1"));
  EXPECT_EQ(Audit().front().outcome, access::AuditOutcome::kFailed);
}

TEST_F(UserCommandTest, UsageErrorsExitWithTwo) {
  Outcome bad_role =
      Run({"user", "add", "anna", "--role", "boss", "--password-stdin"}, "pw-long-enough\n");
  EXPECT_EQ(bad_role.code, 2);
  EXPECT_NE(bad_role.err.find("unknown role 'boss'"), std::string::npos) << bad_role.err;
  Outcome no_stdin = Run({"user", "add", "anna", "--role", "operator"}, "pw-long-enough\n");
  EXPECT_EQ(no_stdin.code, 2);
  EXPECT_NE(no_stdin.err.find("--password-stdin is required"), std::string::npos);
  Outcome weak = Run({"user", "add", "anna", "--role", "operator", "--password-stdin"}, "short\n");
  EXPECT_EQ(weak.code, 2);
  EXPECT_NE(weak.err.find("too short"), std::string::npos) << weak.err;
  Outcome empty = Run({"user", "add", "anna", "--role", "operator", "--password-stdin"}, "");
  EXPECT_EQ(empty.code, 2);
  EXPECT_NE(empty.err.find("the password is empty"), std::string::npos) << empty.err;
  EXPECT_EQ(Run({"user", "add", "anna", "--password-stdin"}).code, 2);  // --role missing
  EXPECT_EQ(Run({"user", "add", "anna", "--role", "qa", "--password-stdin", "--config",
                 "/no/such/file.toml"})
                .code,
            2);
  EXPECT_FALSE(PasswordWorks("anna", "pw-long-enough"));
}

TEST_F(UserCommandTest, PasswdChangesThePassword) {
  ASSERT_EQ(
      Run({"user", "add", "anna", "--role", "operator", "--password-stdin"}, "password-1\r\n").code,
      0);
  EXPECT_TRUE(PasswordWorks("anna", "password-1"));  // the CR of a Windows line is not kept
  Outcome r = Run({"user", "passwd", "anna", "--password-stdin"}, "password-2\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "password changed for anna\n");
  EXPECT_TRUE(PasswordWorks("anna", "password-2"));
  EXPECT_FALSE(PasswordWorks("anna", "password-1"));
  Outcome unknown = Run({"user", "passwd", "bob", "--password-stdin"}, "password-2\n");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.err, "error: no user with login 'bob'\n");
}

TEST_F(UserCommandTest, DisableStopsLogins) {
  ASSERT_EQ(
      Run({"user", "add", "anna", "--role", "operator", "--password-stdin"}, "password-1\n").code,
      0);
  Outcome r = Run({"user", "disable", "anna"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("disabled user anna"), std::string::npos);
  EXPECT_FALSE(PasswordWorks("anna", "password-1"));
  EXPECT_EQ(Audit().front().action, "user.disable");
  EXPECT_EQ(Run({"user", "disable", "nobody"}).code, 1);
}

TEST_F(UserCommandTest, TeamAndTenantsByNameMustExist) {
  {
    auto store = OpenStore(StoreOptions{(dir_ / "var").string(), ""});
    ASSERT_TRUE(store.has_value());
    access::Passwords passwords(access::PasswordCost::kMinimum);
    access::Directory directory(**store, passwords);
    auto beta = directory.CreateTenant("beta");
    ASSERT_TRUE(directory.CreateTenant("gamma").has_value());
    ASSERT_TRUE(directory.CreateTeam("red", beta->id).has_value());
  }
  Outcome no_team =
      Run({"user", "add", "anna", "--role", "operator", "--team", "blue", "--password-stdin"},
          "password-1\n");
  EXPECT_EQ(no_team.code, 1);
  EXPECT_EQ(no_team.err, "error: no team named 'blue'\n");
  Outcome ok = Run({"user", "add", "anna", "--role", "operator", "--team", "red", "--tenant",
                    "beta", "--tenant", "2", "--password-stdin"},
                   "password-1\n");
  ASSERT_EQ(ok.code, 0) << ok.err;
  auto store = OpenStore(StoreOptions{(dir_ / "var").string(), ""});
  access::Passwords passwords(access::PasswordCost::kMinimum);
  access::Directory directory(**store, passwords);
  auto anna = directory.FindUser("anna");
  ASSERT_TRUE(anna.has_value());
  EXPECT_EQ(anna->tenants.size(), 2u);
  EXPECT_TRUE(anna->team.has_value());
}

TEST(EnsureAdmin, CreatesAdminOnceWithAGeneratedPassword) {
  std::string pattern = (std::filesystem::temp_directory_path() / "cc-admin-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  {
    auto store = OpenStore(StoreOptions{pattern, ""});
    ASSERT_TRUE(store.has_value()) << store.error().message;
    access::Passwords passwords(access::PasswordCost::kMinimum);
    access::Directory directory(**store, passwords);
    access::AuditLog audit(**store);
    auto first = EnsureAdmin(directory, audit, kNow);
    ASSERT_TRUE(first.has_value()) << first.error().message;
    ASSERT_TRUE(first->has_value());
    EXPECT_EQ((*first)->size(), 16u);
    auto credentials = directory.FindCredentials("admin");
    ASSERT_TRUE(credentials.has_value());
    EXPECT_TRUE(passwords.Verify(credentials->password_hash, **first));
    EXPECT_EQ(directory.FindUser("admin")->role, access::Role::kAdmin);
    EXPECT_EQ(directory.FindTenant("default")->name, "default");
    auto second = EnsureAdmin(directory, audit, kNow);
    ASSERT_TRUE(second.has_value());
    EXPECT_FALSE(second->has_value());
  }
  std::filesystem::remove_all(pattern);
}

}  // namespace
}  // namespace cc::app
