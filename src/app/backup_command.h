// `callcenter backup FILE` and `callcenter restore FILE`.
//
// backup: a consistent copy of the database while the server runs (SQLite's
// online backup API); refuses to overwrite FILE unless --force.
// restore: refuses while the data dir is locked by a running server; checks
// that FILE is a callcenter database (integrity_check ok, schema_migrations
// present and not newer than this program); then replaces the database
// atomically (copy into the data dir, fsync, rename) and keeps the previous
// one as callcenter.db.before-restore.
//
// Both take --config, --data-dir and --database like `serve` (the flags win
// over the config file).
// Thread-safety: functions; call them from one thread.
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace cc::app {

struct BackupOptions {
  std::string config;    // the server's TOML file: data_dir and database.url
  std::string data_dir;  // empty: from the config, else "var"
  std::string database;  // empty: from the config, else DATA_DIR/callcenter.db
  std::string file;      // the backup file to write or to restore from
  bool force = false;    // backup: overwrite FILE
  CLI::App* backup_command = nullptr;   // set by AddBackupCommands
  CLI::App* restore_command = nullptr;  // set by AddBackupCommands
};

// Adds `backup` and `restore` to `app`; parsing fills `options`.
void AddBackupCommands(CLI::App& app, BackupOptions& options);

// Exit codes: 0 done; 1 refused or failed (message on `err`); 2 usage error.
int RunBackup(const BackupOptions& options, std::ostream& out, std::ostream& err);
int RunRestore(const BackupOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cc::app
