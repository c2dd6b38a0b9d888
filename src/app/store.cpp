#include "app/store.h"

#include <filesystem>
#include <system_error>

#include "storage/postgres_database.h"
#include "storage/sqlite_database.h"

namespace cc::app {

using core::ErrorCode;
using core::Fail;

core::Result<std::string> SqlitePath(const StoreOptions& options) {
  if (options.database.empty()) {
    return (std::filesystem::path(options.data_dir) / "callcenter.db").string();
  }
  if (options.database.starts_with("sqlite:")) {
    std::string path = options.database.substr(7);
    if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "--database sqlite: needs a file");
    return path;
  }
  if (IsPostgresUrl(options.database)) {
    return Fail(ErrorCode::kInvalidArgument,
                "--database names a PostgreSQL server, not an SQLite file: back it up and "
                "restore it with PostgreSQL's own tools (pg_dump, pg_restore; docs/deployment.md)");
  }
  return Fail(ErrorCode::kInvalidArgument,
              "--database '" + options.database +
                  "': expected sqlite:FILE or postgresql://USER@HOST:PORT/DATABASE");
}

bool IsPostgresUrl(const std::string& database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

core::Result<std::unique_ptr<storage::Database>> OpenStore(const StoreOptions& options) {
  if (IsPostgresUrl(options.database)) {
    auto db = storage::PostgresDatabase::Open(options.database);
    if (!db) return tl::unexpected(db.error());
    if (auto migrated = (*db)->Migrate(Schema()); !migrated) {
      return Fail(migrated.error().code, "PostgreSQL: " + migrated.error().message);
    }
    return std::unique_ptr<storage::Database>(std::move(*db));
  }
  auto path = SqlitePath(options);
  if (!path) return tl::unexpected(path.error());
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                "cannot create data dir '" + options.data_dir + "': " + ec.message());
  }
  auto parent = std::filesystem::path(*path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto db = storage::SqliteDatabase::Open(*path);
  if (!db) return tl::unexpected(db.error());
  if (auto migrated = (*db)->Migrate(Schema()); !migrated) {
    return Fail(migrated.error().code, *path + ": " + migrated.error().message);
  }
  return std::unique_ptr<storage::Database>(std::move(*db));
}

}  // namespace cc::app
