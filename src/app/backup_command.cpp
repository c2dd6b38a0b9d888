#include "app/backup_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "app/data_dir_lock.h"
#include "app/exit_codes.h"
#include "app/server_config.h"
#include "app/store.h"
#include "storage/sqlite_database.h"

namespace cc::app {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::Fail;

namespace {


void AddStoreFlags(CLI::App* cmd, BackupOptions& o) {
  cmd->add_option("--config", o.config, "The server's configuration file (data_dir, database.url)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--data-dir", o.data_dir, "The server's data dir (default: config, else ./var)");
  cmd->add_option("--database", o.database, "sqlite:FILE (default: DATA_DIR/callcenter.db)");
}

// The store the flags and the config file point at. kInvalidArgument: usage.
core::Result<StoreOptions> Store(const BackupOptions& o) {
  StoreOptions store;
  if (!o.config.empty()) {
    auto config = LoadServerConfig(o.config);
    if (!config) return tl::unexpected(config.error());
    store.data_dir = config->data_dir;
    store.database = config->database_url;
  }
  if (!o.data_dir.empty()) store.data_dir = o.data_dir;
  if (!o.database.empty()) store.database = o.database;
  return store;
}

bool FsyncPath(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// FILE must be a sound callcenter database this program can open.
core::Status Verify(const std::string& file) {
  auto integrity = storage::QuerySqliteFile(file, {"PRAGMA integrity_check", {}});
  if (!integrity) {
    return Fail(integrity.error().code,
                file + " is not a callcenter database: " + integrity.error().message);
  }
  if (integrity->size() != 1 || integrity->front().Text(0).value_or("") != "ok") {
    return Fail(ErrorCode::kInvalidArgument,
                file + " is damaged: PRAGMA integrity_check did not answer ok");
  }
  auto versions = storage::QuerySqliteFile(file, {"SELECT MAX(version) FROM schema_migrations", {}});
  if (!versions || versions->empty() || versions->front().IsNull(0)) {
    return Fail(ErrorCode::kInvalidArgument,
                file + " is not a callcenter database: it has no schema_migrations");
  }
  const auto latest = versions->front().Int(0).value_or(0);
  const auto known = Schema().back().version;
  if (latest > known) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("{} has schema version {}, newer than this program's {}; restore it "
                            "with a newer callcenter",
                            file, latest, known));
  }
  return {};
}

// Moves `db` (with its WAL, if any) aside as `kept`, leaving no -wal/-shm
// beside `db` that could be applied to the restored file.
core::Status KeepPrevious(const fs::path& db, const fs::path& kept) {
  std::error_code ec;
  if (!fs::exists(db, ec)) return {};
  {
    // Checkpoint the old WAL into the file (we hold the lock: nobody else writes).
    auto old = storage::SqliteDatabase::Open(db.string());
    (void)old;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(kept.string() + suffix, ec);
  fs::copy_file(db, kept, fs::copy_options::overwrite_existing, ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "cannot keep " + kept.string() + ": " + ec.message());
  if (fs::exists(db.string() + "-wal", ec)) {
    fs::rename(db.string() + "-wal", kept.string() + "-wal", ec);
    if (ec) return Fail(ErrorCode::kUnavailable, "cannot move the old WAL aside: " + ec.message());
  }
  fs::remove(db.string() + "-shm", ec);
  return {};
}

}  // namespace

void AddBackupCommands(CLI::App& app, BackupOptions& o) {
  o.backup_command = app.add_subcommand(
      "backup", "Write a consistent copy of the database to FILE (the server may keep running)");
  o.backup_command->add_option("FILE", o.file, "The backup file to write")->required();
  o.backup_command->add_flag("--force", o.force, "Overwrite FILE if it exists");
  AddStoreFlags(o.backup_command, o);

  o.restore_command = app.add_subcommand(
      "restore", "Replace the database with a backup FILE (stop the server first)");
  o.restore_command->add_option("FILE", o.file, "The backup file to restore")
      ->required()
      ->check(CLI::ExistingFile);
  AddStoreFlags(o.restore_command, o);
}

int RunBackup(const BackupOptions& o, std::ostream& out, std::ostream& err) {
  auto store = Store(o);
  if (!store) {
    err << "error: " << store.error().message << "\n";
    return kExitUsage;
  }
  auto path = SqlitePath(*store);
  if (!path) {
    err << "error: " << path.error().message << "\n";
    return kExitUsage;
  }
  std::error_code ec;
  if (!fs::is_regular_file(*path, ec)) {
    err << "error: there is no database at " << *path << "\n";
    return kExitFailed;
  }
  if (fs::exists(o.file, ec) && !o.force) {
    err << "error: " << o.file << " exists; use --force to overwrite it\n";
    return kExitFailed;
  }
  auto db = storage::SqliteDatabase::Open(*path);
  if (!db) {
    err << "error: " << db.error().message << "\n";
    return kExitFailed;
  }
  // Written beside FILE first, then renamed over it: FILE is never half-written.
  const fs::path target = fs::absolute(o.file, ec);
  const fs::path temp = target.string() + ".partial";
  fs::remove(temp, ec);
  if (auto done = (*db)->Backup(temp.string()); !done) {
    err << "error: " << done.error().message << "\n";
    return kExitFailed;
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    err << "error: cannot write " << o.file << ": " << ec.message() << "\n";
    return kExitFailed;
  }
  FsyncPath(target.parent_path(), /*directory=*/true);
  out << "backup of " << *path << " written to " << o.file << "\n";
  return kExitOk;
}

int RunRestore(const BackupOptions& o, std::ostream& out, std::ostream& err) {
  auto store = Store(o);
  if (!store) {
    err << "error: " << store.error().message << "\n";
    return kExitUsage;
  }
  auto path = SqlitePath(*store);
  if (!path) {
    err << "error: " << path.error().message << "\n";
    return kExitUsage;
  }
  std::error_code ec;
  fs::create_directories(store->data_dir, ec);
  auto lock = DataDirLock::Acquire(store->data_dir);
  if (!lock) {
    err << "error: " << lock.error().message << "; stop the server first\n";
    return kExitFailed;
  }
  const fs::path db = fs::absolute(*path, ec);
  if (fs::equivalent(o.file, db, ec)) {
    err << "error: " << o.file << " is the database itself\n";
    return kExitFailed;
  }
  if (auto verified = Verify(o.file); !verified) {
    err << "error: " << verified.error().message << "\n";
    return kExitFailed;
  }
  fs::create_directories(db.parent_path(), ec);
  const fs::path temp = db.string() + ".restoring";
  const fs::path kept = db.string() + ".before-restore";
  fs::copy_file(o.file, temp, fs::copy_options::overwrite_existing, ec);
  if (ec || !FsyncPath(temp, /*directory=*/false)) {
    fs::remove(temp, ec);
    err << "error: cannot copy " << o.file << " into " << db.parent_path().string() << "\n";
    return kExitFailed;
  }
  if (auto kept_ok = KeepPrevious(db, kept); !kept_ok) {
    fs::remove(temp, ec);
    err << "error: " << kept_ok.error().message << "\n";
    return kExitFailed;
  }
  fs::rename(temp, db, ec);
  if (ec) {
    err << "error: cannot move the restored file into place: " << ec.message() << "\n";
    return kExitFailed;
  }
  FsyncPath(db.parent_path(), /*directory=*/true);
  out << "restored " << o.file << " into " << db.string();
  if (fs::exists(kept)) out << "; the previous database is kept as " << kept.string();
  out << "\n";
  return kExitOk;
}

}  // namespace cc::app
