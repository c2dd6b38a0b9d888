#include "app/store.h"

#include <filesystem>
#include <system_error>

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
  if (options.database.starts_with("postgresql://") || options.database.starts_with("postgres://")) {
    return Fail(ErrorCode::kInvalidArgument,
                "--database: PostgreSQL is not supported yet; use sqlite:FILE or leave it out");
  }
  return Fail(ErrorCode::kInvalidArgument,
              "--database '" + options.database + "': expected sqlite:FILE or postgresql://...");
}

core::Result<std::unique_ptr<storage::Database>> OpenStore(const StoreOptions& options) {
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
