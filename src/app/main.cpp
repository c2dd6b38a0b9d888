// callcenter: one binary, subcommands (serve, user, backup, restore, migrate,
// demo, staff, simulate). Parse errors print a clear message and exit 2.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/backup_command.h"
#include "app/demo.h"
#include "app/migrate_command.h"
#include "app/serve_command.h"
#include "app/user_command.h"
#include "core/clock.h"
#include "app/simulate_command.h"
#include "app/staff_command.h"
#include "core/log.h"

int main(int argc, char** argv) {
  CLI::App app{"callcenter — an open contact-centre platform"};
  app.set_version_flag("--version", std::string("callcenter 0.1.0"));
  app.require_subcommand(1);
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();

  cc::app::DemoOptions demo;
  bool quiet_commands = false;
  auto* demo_cmd = app.add_subcommand(
      "demo",
      "Drive the routing engine through a scripted morning and print events and statistics");
  demo_cmd
      ->add_option("--script", demo.script_file,
                   "Run this scenario file instead of the built-in morning (docs/scenarios.md)")
      ->check(CLI::ExistingFile);
  demo_cmd->add_flag("--events-only", quiet_commands,
                     "Print events only, not the engine's commands");
  cc::app::StaffOptions staff;
  auto* staff_cmd = cc::app::AddStaffCommand(app, staff);
  cc::app::SimulateOptions simulate;
  auto* simulate_cmd = cc::app::AddSimulateCommand(app, simulate);

  cc::app::UserCommandOptions user;
  auto* user_cmd = cc::app::AddUserCommand(app, user);
  cc::app::BackupOptions backup;
  cc::app::AddBackupCommands(app, backup);
  cc::app::MigrateOptions migrate;
  cc::app::AddMigrateCommand(app, migrate);
  cc::app::ServeOptions serve;
  auto* serve_cmd = cc::app::AddServeCommand(app, serve);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  if (auto status = cc::core::SetupLogging(log_level); !status) {
    std::cerr << "error: " << status.error().message << "\n";
    return 2;
  }
  if (demo_cmd->parsed()) {
    demo.show_commands = !quiet_commands;
    return cc::app::RunDemo(demo, std::cout, std::cerr);
  }
  if (user_cmd->parsed()) {
    cc::core::SystemClock clock;
    return cc::app::RunUserCommand(user, std::cin, std::cout, std::cerr, clock);
  }
  if (backup.backup_command->parsed()) return cc::app::RunBackup(backup, std::cout, std::cerr);
  if (backup.restore_command->parsed()) return cc::app::RunRestore(backup, std::cout, std::cerr);
  if (serve_cmd->parsed()) return cc::app::RunServe(serve, std::cout, std::cerr);
  if (migrate.command->parsed()) return cc::app::RunMigrate(migrate, std::cout, std::cerr);
  if (staff_cmd->parsed()) return cc::app::RunStaff(staff, std::cout, std::cerr);
  if (simulate_cmd->parsed()) return cc::app::RunSimulate(simulate, std::cout, std::cerr);
  return 0;
}
