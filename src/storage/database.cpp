#include "storage/database.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace cc::storage {
namespace {

using core::ErrorCode;
using core::Fail;

const char* TypeName(const Value& value) {
  switch (value.index()) {
    case 0:
      return "NULL";
    case 1:
      return "integer";
    case 2:
      return "real";
    default:
      return "text";
  }
}

core::Result<const Value*> Column(const Row& row, std::size_t column) {
  if (column >= row.values.size()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("column {} out of range (row has {})", column, row.values.size()));
  }
  return &row.values[column];
}

tl::unexpected<core::Error> Mismatch(std::size_t column, const Value& value, const char* wanted) {
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("column {} is {}, not {}", column, TypeName(value), wanted));
}

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, "
    "applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";

}  // namespace

bool Row::IsNull(std::size_t column) const {
  return column < values.size() && std::holds_alternative<std::nullptr_t>(values[column]);
}

core::Result<std::int64_t> Row::Int(std::size_t column) const {
  auto value = Column(*this, column);
  if (!value) return tl::unexpected(value.error());
  if (const auto* i = std::get_if<std::int64_t>(*value)) return *i;
  return Mismatch(column, **value, "integer");
}

core::Result<double> Row::Real(std::size_t column) const {
  auto value = Column(*this, column);
  if (!value) return tl::unexpected(value.error());
  if (const auto* d = std::get_if<double>(*value)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(*value)) return static_cast<double>(*i);
  return Mismatch(column, **value, "real");
}

core::Result<std::string> Row::Text(std::size_t column) const {
  auto value = Column(*this, column);
  if (!value) return tl::unexpected(value.error());
  if (const auto* s = std::get_if<std::string>(*value)) return *s;
  return Mismatch(column, **value, "text");
}

core::Status Database::Migrate(const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const Migration& m = migrations[i];
    if (m.version < 1 || m.name.empty() || (i > 0 && m.version <= migrations[i - 1].version)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("migration {} ('{}'): versions must start at 1 and increase, "
                              "and every migration needs a name",
                              m.version, m.name));
    }
  }
  if (auto created = Write({Statement{kCreateMigrationsTable, {}}}).get(); !created) {
    return Fail(created.error().code,
                "cannot create schema_migrations: " + created.error().message);
  }
  auto rows = Query({"SELECT version, name FROM schema_migrations ORDER BY version", {}});
  if (!rows) {
    return Fail(rows.error().code, "cannot read schema_migrations: " + rows.error().message);
  }
  std::map<int, std::string> recorded;
  for (const Row& row : *rows) {
    auto version = row.Int(0);
    auto name = row.Text(1);
    if (!version || !name) {
      return Fail(ErrorCode::kFailedPrecondition, "schema_migrations holds a malformed row");
    }
    recorded.emplace(static_cast<int>(*version), *name);
  }

  const int latest_known = migrations.empty() ? 0 : migrations.back().version;
  for (const auto& [version, name] : recorded) {
    if (version > latest_known) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("the database schema is at version {} ('{}') but this program "
                              "knows migrations only up to version {}; run a newer program",
                              version, name, latest_known));
    }
    auto known = std::find_if(migrations.begin(), migrations.end(),
                              [v = version](const Migration& m) { return m.version == v; });
    if (known == migrations.end()) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("the database records schema migration {} ('{}') which this "
                              "program does not know",
                              version, name));
    }
    if (known->name != name) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("schema migration {} is recorded as '{}' but this program calls it "
                              "'{}'; the database was migrated by a different build",
                              version, name, known->name));
    }
  }

  const int latest_recorded = recorded.empty() ? 0 : recorded.rbegin()->first;
  for (const Migration& m : migrations) {
    if (recorded.contains(m.version)) continue;
    if (m.version < latest_recorded) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("schema migration {} ('{}') is missing but the later version {} "
                              "is recorded; refusing to apply it out of order",
                              m.version, m.name, latest_recorded));
    }
    std::vector<Statement> batch;
    batch.reserve(m.statements.size() + 1);
    for (const std::string& sql : m.statements) batch.push_back(Statement{sql, {}});
    batch.push_back(Statement{"INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                              {std::int64_t{m.version}, m.name}});
    if (auto applied = Write(std::move(batch)).get(); !applied) {
      // Another process (a second node starting at the same time) may have
      // applied this very migration first: then there is nothing left to do.
      auto now = Query({"SELECT name FROM schema_migrations WHERE version = ?",
                        {std::int64_t{m.version}}});
      if (now && now->size() == 1 && now->front().Text(0).value_or("") == m.name) continue;
      return Fail(applied.error().code, fmt::format("schema migration {} ('{}') failed: {}",
                                                    m.version, m.name, applied.error().message));
    }
  }
  return {};
}

}  // namespace cc::storage
