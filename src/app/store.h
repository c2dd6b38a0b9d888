// Opening the centre's database for `serve` and the admin commands (user,
// backup, restore): the same options everywhere, the whole schema applied.
// Thread-safety: functions, no shared state.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/database.h"

namespace cc::app {

struct StoreOptions {
  std::string data_dir = "var";  // database, recordings and logs live here
  // Empty: the SQLite file DATA_DIR/callcenter.db. "sqlite:PATH" names another
  // file. "postgresql://USER@HOST:PORT/DB" (libpq URL): a PostgreSQL server.
  std::string database;
};

// Whether `database` is a PostgreSQL URL (postgresql:// or postgres://).
bool IsPostgresUrl(const std::string& database);

// The SQLite file the options point at (DATA_DIR/callcenter.db by default).
core::Result<std::string> SqlitePath(const StoreOptions& options);

// Creates the data dir if needed, opens the database and applies Schema().
core::Result<std::unique_ptr<storage::Database>> OpenStore(const StoreOptions& options);

// Every module's tables in release order (schema.cpp). Versions never change
// once released; a new table is a new version at the end.
std::vector<storage::Migration> Schema();

}  // namespace cc::app
