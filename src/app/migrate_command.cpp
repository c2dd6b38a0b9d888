#include "app/migrate_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <limits>
#include <ostream>
#include <vector>

#include "app/exit_codes.h"
#include "app/store.h"
#include "storage/postgres_database.h"
#include "storage/sqlite_database.h"

namespace cc::app {

namespace {

constexpr std::size_t kStatementsPerWrite = 20;

struct Table {
  std::string name;
  std::vector<std::string> columns;
};

// The source's tables in creation order, with their columns.
core::Result<std::vector<Table>> SourceTables(storage::Database& source) {
  auto names = source.Query(
      {"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
       "AND name <> 'schema_migrations' ORDER BY rowid",
       {}});
  if (!names) return tl::unexpected(names.error());
  std::vector<Table> tables;
  for (const storage::Row& row : *names) {
    Table table{row.Text(0).value_or(""), {}};
    auto columns = source.Query({"SELECT name FROM pragma_table_info(?) ORDER BY cid", {table.name}});
    if (!columns) return tl::unexpected(columns.error());
    for (const storage::Row& column : *columns) table.columns.push_back(column.Text(0).value_or(""));
    tables.push_back(std::move(table));
  }
  return tables;
}

core::Result<std::int64_t> Count(storage::Database& db, const std::string& table) {
  auto rows = db.Query({"SELECT COUNT(*) FROM " + table, {}});
  if (!rows) return tl::unexpected(rows.error());
  return rows->front().Int(0);
}

// Copies one table in rowid order, `batch_rows` rows per INSERT.
core::Status CopyTable(storage::Database& source, storage::Database& target, const Table& table,
                       std::size_t batch_rows) {
  std::string column_list;
  for (const std::string& c : table.columns) column_list += (column_list.empty() ? "" : ", ") + c;
  std::string one_row = "(";
  for (std::size_t i = 0; i < table.columns.size(); ++i) one_row += i == 0 ? "?" : ", ?";
  one_row += ")";
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  std::vector<storage::Statement> pending;
  auto flush = [&]() -> core::Status {
    if (pending.empty()) return {};
    auto written = target.Write(std::move(pending)).get();
    pending.clear();
    return written;
  };
  for (;;) {
    auto rows = source.Query({fmt::format("SELECT rowid, {} FROM {} WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                          column_list, table.name),
                              {after, static_cast<std::int64_t>(batch_rows)}});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) break;
    storage::Statement insert{fmt::format("INSERT INTO {} ({}) VALUES ", table.name, column_list), {}};
    for (std::size_t r = 0; r < rows->size(); ++r) {
      storage::Row& row = (*rows)[r];
      after = row.Int(0).value_or(after);
      insert.sql += (r == 0 ? "" : ", ") + one_row;
      for (std::size_t c = 1; c < row.values.size(); ++c) insert.params.push_back(std::move(row.values[c]));
    }
    pending.push_back(std::move(insert));
    if (pending.size() >= kStatementsPerWrite) {
      if (auto written = flush(); !written) return written;
    }
  }
  return flush();
}

}  // namespace

void AddMigrateCommand(CLI::App& app, MigrateOptions& o) {
  o.command = app.add_subcommand(
      "migrate", "Copy a centre's data from its SQLite file into an empty PostgreSQL database");
  o.command->add_option("--from", o.from, "sqlite:FILE, the centre's database")->required();
  o.command->add_option("--to", o.to, "postgresql://USER@HOST:PORT/DATABASE, empty")->required();
  o.command->add_option("--batch-rows", o.batch_rows, "Rows per INSERT")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
}

int RunMigrate(const MigrateOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.from.starts_with("sqlite:") || o.from.size() <= 7) {
    err << "error: --from must be sqlite:FILE, got '" << o.from << "'\n";
    return kExitUsage;
  }
  if (!IsPostgresUrl(o.to)) {
    err << "error: --to must be a postgresql:// URL, got '" << o.to << "'\n";
    return kExitUsage;
  }
  const std::string file = o.from.substr(7);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    err << "error: no such file: " << file << "\n";
    return kExitFailed;
  }
  auto version = storage::QuerySqliteFile(file, {"SELECT MAX(version) FROM schema_migrations", {}});
  if (!version || version->empty() || version->front().IsNull(0)) {
    err << "error: " << file << " is not a callcenter database"
        << (version ? "" : ": " + version.error().message) << "\n";
    return kExitFailed;
  }
  if (version->front().Int(0).value_or(0) > Schema().back().version) {
    err << "error: " << file << " has a newer schema than this program; use a newer callcenter\n";
    return kExitFailed;
  }
  auto source = storage::SqliteDatabase::Open(file);
  if (!source) {
    err << "error: " << source.error().message << "\n";
    return kExitFailed;
  }
  // The source must be at this program's schema too, as `serve` would leave it.
  if (auto migrated = (*source)->Migrate(Schema()); !migrated) {
    err << "error: " << file << ": " << migrated.error().message << "\n";
    return kExitFailed;
  }
  auto target = storage::PostgresDatabase::Open(o.to);
  if (!target) {
    err << "error: " << target.error().message << "\n";
    return kExitFailed;
  }
  if (auto migrated = (*target)->Migrate(Schema()); !migrated) {
    err << "error: PostgreSQL: " << migrated.error().message << "\n";
    return kExitFailed;
  }
  auto tables = SourceTables(**source);
  if (!tables) {
    err << "error: " << tables.error().message << "\n";
    return kExitFailed;
  }
  for (const Table& table : *tables) {
    auto existing = Count(**target, table.name);
    if (!existing) {
      err << "error: PostgreSQL has no table " << table.name << ": " << existing.error().message << "\n";
      return kExitFailed;
    }
    if (*existing != 0) {
      err << fmt::format("error: the target already holds data ({} has {} rows); migrate into an "
                         "empty database\n",
                         table.name, *existing);
      return kExitFailed;
    }
  }
  bool all_equal = true;
  for (const Table& table : *tables) {
    if (auto copied = CopyTable(**source, **target, table, o.batch_rows); !copied) {
      err << "error: copying " << table.name << ": " << copied.error().message << "\n";
      return kExitFailed;
    }
    auto from = Count(**source, table.name);
    auto to = Count(**target, table.name);
    const bool equal = from && to && *from == *to;
    all_equal = all_equal && equal;
    out << fmt::format("{:<24} {:>10} -> {:>10}  {}\n", table.name, from.value_or(-1), to.value_or(-1),
                       equal ? "ok" : "MISMATCH");
  }
  if (!all_equal) {
    err << "error: row counts differ after the copy (see above)\n";
    return kExitFailed;
  }
  out << fmt::format("migrated {} tables from {} to PostgreSQL; every count matches\n", tables->size(),
                     file);
  return kExitOk;
}

}  // namespace cc::app
