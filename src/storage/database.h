// The storage interface: SQL statements with `?` placeholders, reads that see
// committed data, and write batches that are acknowledged only once durably
// committed. SQLite (sqlite_database.h) is the embedded default; a PostgreSQL
// implementation sits behind the same interface, so callers keep their SQL
// portable and leave dialect details to the implementation.
//
// Thread-safety: Query() and Write() may be called from any thread at the same
// time. Migrate() is meant to run once at start, before the database is shared.
// Destroying a Database while another thread still calls it is a programmer error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <future>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace cc::storage {

// One SQL value. Text is UTF-8; blobs read back as text bytes.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// One result row, columns in SELECT order. The accessors fail with
// kInvalidArgument on a type mismatch (NULL included) or a column out of range.
struct Row {
  std::vector<Value> values;

  std::size_t size() const { return values.size(); }
  bool IsNull(std::size_t column) const;
  core::Result<std::int64_t> Int(std::size_t column) const;
  core::Result<double> Real(std::size_t column) const;  // integers widen to double
  core::Result<std::string> Text(std::size_t column) const;
};

// One SQL statement with `?` placeholders, bound in order to `params`.
struct Statement {
  std::string sql;
  std::vector<Value> params;
};

// One schema step. Versions start at 1 and increase; a version's name never
// changes once released (it is how a database recognises the code that made it).
struct Migration {
  int version = 0;
  std::string name;
  std::vector<std::string> statements;  // one SQL statement each
};

class Database {
 public:
  virtual ~Database() = default;

  // Runs one read statement against the latest committed data.
  virtual core::Result<std::vector<Row>> Query(const Statement& statement) = 0;

  // Queues `batch` as one atomic transaction. The future becomes ready after
  // the batch is durably committed (acknowledged = committed), or with the
  // error that made the whole batch roll back. Batches committed together
  // (group commit) do not affect one another's outcome. Statements must not
  // contain transaction control (BEGIN, COMMIT, SAVEPOINT...).
  virtual std::future<core::Status> Write(std::vector<Statement> batch) = 0;

  // Applies the migrations not yet recorded in `schema_migrations`, each in
  // its own transaction, in version order. Refuses a database whose recorded
  // schema is newer than `migrations` or whose recorded names differ.
  // The default uses only Query() and Write() with portable SQL.
  virtual core::Status Migrate(const std::vector<Migration>& migrations);
};

}  // namespace cc::storage
