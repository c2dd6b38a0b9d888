#include "storage/postgres_database.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace cc::storage {

using core::ErrorCode;
using core::Fail;

namespace {

constexpr std::size_t kMaxCachedStatements = 128;
constexpr std::size_t kMaxIdleReaders = 4;
constexpr std::size_t kMaxBatchesPerCommit = 1024;
// One lock for every write transaction of every node, and one for migrations.
constexpr std::int64_t kWriteLock = kPostgresWriteLock;
constexpr std::int64_t kMigrateLock = 0x63635f6d69677261;  // "cc_migra"
constexpr auto kFirstBackoff = std::chrono::milliseconds(50);
constexpr auto kMaxBackoff = std::chrono::seconds(2);

// PostgreSQL type OIDs (server/catalog/pg_type.h) this code converts.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

ErrorCode CodeFor(std::string_view sqlstate) {
  if (sqlstate == "23505") return ErrorCode::kAlreadyExists;
  if (sqlstate.starts_with("23")) return ErrorCode::kFailedPrecondition;
  if (sqlstate.starts_with("42") || sqlstate.starts_with("22")) return ErrorCode::kInvalidArgument;
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57") || sqlstate.starts_with("53") ||
      sqlstate == "40001" || sqlstate == "40P01") {
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;
}

bool IsTransactionControl(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  std::string word;
  while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
  }
  return word == "BEGIN" || word == "COMMIT" || word == "ROLLBACK" || word == "SAVEPOINT" ||
         word == "RELEASE" || word == "START" || word == "END" || word == "ABORT";
}

std::string RandomId() {
  unsigned char bytes[12];
  randombytes_buf(bytes, sizeof bytes);
  std::string id;
  for (unsigned char b : bytes) id += fmt::format("{:02x}", b);
  return id;
}

Value Convert(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return nullptr;
  const char* text = PQgetvalue(result, row, column);
  const auto length = static_cast<std::size_t>(PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case kBoolOid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case kInt8Oid:
    case kInt2Oid:
    case kInt4Oid:
    case kOidOid:
      return std::int64_t{std::strtoll(text, nullptr, 10)};
    case kFloat4Oid:
    case kFloat8Oid:
      return std::strtod(text, nullptr);
    case kNumericOid:  // SUM() of BIGINT is NUMERIC: whole numbers stay integers
      if (std::strpbrk(text, ".eEN") == nullptr) return std::int64_t{std::strtoll(text, nullptr, 10)};
      return std::strtod(text, nullptr);
    default:
      return std::string(text, length);
  }
}

}  // namespace

std::string NumberPlaceholders(const std::string& sql, std::size_t* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  std::size_t n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += fmt::format("${}", ++n);
    } else {
      out += c;
    }
  }
  if (count != nullptr) *count = n;
  return out;
}

std::string PostgresDdl(const std::string& sql) {
  std::size_t start = sql.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return sql;
  std::string head = sql.substr(start, 12);
  for (char& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!head.starts_with("CREATE TABLE") && !head.starts_with("ALTER TABLE")) return sql;
  std::string out;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (sql.compare(i, 7, "INTEGER") == 0 &&
               (i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1]))) &&
               (i + 7 == sql.size() || !std::isalnum(static_cast<unsigned char>(sql[i + 7])))) {
      out += "BIGINT";
      i += 6;
      continue;
    } else if (sql.compare(i, 14, "COLLATE BINARY") == 0) {
      // Byte-wise comparison (prefix ranges over folded words): SQLite's
      // BINARY is PostgreSQL's "C".
      out += "COLLATE \"C\"";
      i += 13;
      continue;
    }
    out += c;
  }
  return out;
}

// One libpq connection with its prepared statements. Used by one thread at a time.
class PgConnection {
 public:
  static core::Result<std::unique_ptr<PgConnection>> Open(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (conn == nullptr) return Fail(ErrorCode::kUnavailable, "PostgreSQL: out of memory");
    auto connection = std::unique_ptr<PgConnection>(new PgConnection(conn));
    if (PQstatus(conn) != CONNECTION_OK) {
      return Fail(ErrorCode::kUnavailable,
                  fmt::format("cannot connect to PostgreSQL: {}", connection->Message()));
    }
    if (auto set = connection->Setup(); !set) return tl::unexpected(set.error());
    return connection;
  }

  ~PgConnection() { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  bool Broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  // Connects again with the same parameters; prepared statements are gone.
  core::Status Reset() {
    prepared_.clear();
    PQreset(conn_);
    if (Broken()) return Fail(ErrorCode::kUnavailable, "cannot reconnect to PostgreSQL: " + Message());
    return Setup();
  }

  core::Result<std::vector<Row>> Run(const Statement& statement) {
    if (IsTransactionControl(statement.sql)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "transaction control is managed by storage, not by statements");
    }
    std::string key = statement.sql;
    key += '\x1f';
    std::vector<Oid> types;
    types.reserve(statement.params.size());
    for (const Value& value : statement.params) {
      Oid type = 0;  // NULL and text: let the server infer from the context
      if (std::holds_alternative<std::int64_t>(value)) type = kInt8Oid;
      if (std::holds_alternative<double>(value)) type = kFloat8Oid;
      types.push_back(type);
      key += static_cast<char>('0' + value.index());
    }
    auto name = Prepare(key, statement, types);
    if (!name) return tl::unexpected(name.error());

    std::vector<std::string> texts(statement.params.size());
    std::vector<const char*> values(statement.params.size(), nullptr);
    for (std::size_t i = 0; i < statement.params.size(); ++i) {
      const Value& value = statement.params[i];
      if (const auto* n = std::get_if<std::int64_t>(&value)) {
        texts[i] = std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&value)) {
        texts[i] = fmt::format("{}", *d);
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        texts[i] = *s;
      } else {
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
    }
    PGresult* result = PQexecPrepared(conn_, name->c_str(), static_cast<int>(values.size()),
                                      values.data(), nullptr, nullptr, 0);
    Result guard{result};
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return Error(result, statement.sql);
    }
    std::vector<Row> rows;
    const int row_count = PQntuples(result);
    const int columns = PQnfields(result);
    rows.reserve(static_cast<std::size_t>(row_count));
    for (int r = 0; r < row_count; ++r) {
      Row row;
      row.values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) row.values.push_back(Convert(result, r, c));
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // Runs storage's own SQL (transaction control, locks): no parameters, not prepared.
  core::Status Exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    Result guard{result};
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Error(result, sql);
    return {};
  }

 private:
  struct Result {
    PGresult* result;
    ~Result() { PQclear(result); }
  };

  explicit PgConnection(PGconn* conn) : conn_(conn) {
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  }

  core::Status Setup() {
    return Exec(
        "SET synchronous_commit = on; SET client_min_messages = warning; "
        "SET application_name = 'callcenter'; SET TIME ZONE 'UTC'");
  }

  core::Result<std::string> Prepare(const std::string& key, const Statement& statement,
                                    const std::vector<Oid>& types) {
    if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
    std::size_t count = 0;
    const std::string sql = PostgresDdl(NumberPlaceholders(statement.sql, &count));
    if (count != statement.params.size()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} parameters given, {} expected in: {}", statement.params.size(),
                              count, statement.sql));
    }
    if (prepared_.size() >= kMaxCachedStatements) {
      if (auto dropped = Exec("DEALLOCATE ALL"); !dropped) return tl::unexpected(dropped.error());
      prepared_.clear();
    }
    std::string name = fmt::format("cc{}", next_statement_++);
    PGresult* result = PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()),
                                 types.data());
    Result guard{result};
    if (PQresultStatus(result) != PGRES_COMMAND_OK) return Error(result, statement.sql);
    prepared_.emplace(key, name);
    return name;
  }

  std::string Message() const {
    std::string message = PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
  }

  tl::unexpected<core::Error> Error(const PGresult* result, std::string_view sql) const {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
    if (message.empty()) message = Message();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    ErrorCode code = state != nullptr ? CodeFor(state) : ErrorCode::kUnavailable;
    if (Broken()) code = ErrorCode::kUnavailable;
    return Fail(code, fmt::format("{} in: {}", message, sql));
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
  std::uint64_t next_statement_ = 0;
};

core::Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const std::string& url,
                                                                       PostgresOptions options) {
  if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "libsodium failed to initialise");
  auto writer = PgConnection::Open(url);
  if (!writer) return tl::unexpected(writer.error());
  const std::string id = RandomId();
  for (const char* sql :
       {"SELECT pg_advisory_lock({0})",
        "CREATE TABLE IF NOT EXISTS storage_writers (writer TEXT PRIMARY KEY, "
        "last_group BIGINT NOT NULL, started_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        "SELECT pg_advisory_unlock({0})"}) {
    if (auto done = (*writer)->Exec(fmt::format(fmt::runtime(sql), kMigrateLock)); !done) {
      return tl::unexpected(done.error());
    }
  }
  auto added = (*writer)->Run(
      {"INSERT INTO storage_writers (writer, last_group) VALUES (?, 0)", {id}});
  if (!added) return tl::unexpected(added.error());
  return std::unique_ptr<PostgresDatabase>(
      new PostgresDatabase(url, options, id, std::move(*writer)));
}

PostgresDatabase::PostgresDatabase(std::string url, PostgresOptions options, std::string writer_id,
                                   std::unique_ptr<PgConnection> writer)
    : url_(std::move(url)),
      options_(options),
      writer_id_(std::move(writer_id)),
      writer_connection_(std::move(writer)) {
  writer_ = std::thread([this] { RunWriter(); });
}

PostgresDatabase::~PostgresDatabase() {
  queue_.Close();
  writer_.join();
  if (writer_connection_ && !writer_connection_->Broken()) {
    (void)writer_connection_->Run(
        {"DELETE FROM storage_writers WHERE writer = ?", {writer_id_}});
  }
}

core::Result<std::vector<Row>> PostgresDatabase::Query(const Statement& statement) {
  auto reader = TakeReader();
  if (!reader) return tl::unexpected(reader.error());
  auto rows = (*reader)->Run(statement);
  if (!rows && (*reader)->Broken() && (*reader)->Reset()) rows = (*reader)->Run(statement);
  if ((*reader)->Broken()) return rows;  // dropped, not pooled
  ReturnReader(std::move(*reader));
  return rows;
}

std::future<core::Status> PostgresDatabase::Write(std::vector<Statement> batch) {
  return queue_.Push(std::move(batch));
}

core::Status PostgresDatabase::Migrate(const std::vector<Migration>& migrations) {
  auto lock = PgConnection::Open(url_);
  if (!lock) return tl::unexpected(lock.error());
  if (auto taken = (*lock)->Exec(fmt::format("SELECT pg_advisory_lock({})", kMigrateLock));
      !taken) {
    return taken;
  }
  core::Status migrated = Database::Migrate(migrations);
  (void)(*lock)->Exec(fmt::format("SELECT pg_advisory_unlock({})", kMigrateLock));
  return migrated;
}

core::Result<std::unique_ptr<PgConnection>> PostgresDatabase::TakeReader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return PgConnection::Open(url_);
}

void PostgresDatabase::ReturnReader(std::unique_ptr<PgConnection> reader) {
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(reader));
}

void PostgresDatabase::RunWriter() {
  std::vector<PendingBatch> group;
  while (queue_.TakeGroup(group, kMaxBatchesPerCommit)) {
    CommitGroup(group);
    group.clear();
  }
}

void PostgresDatabase::CommitGroup(std::vector<PendingBatch>& group) {
  std::vector<PendingBatch*> live;
  for (PendingBatch& batch : group) live.push_back(&batch);
  auto unreachable = [&live] {
    for (PendingBatch* batch : live) {
      batch->done.set_value(
          Fail(ErrorCode::kUnavailable, "PostgreSQL is unreachable; the write was not applied"));
    }
  };
  bool isolate = false;
  if (writer_connection_->Broken() && !Reconnect(std::chrono::steady_clock::now())) {
    return unreachable();
  }
  for (;;) {
    const std::int64_t number = ++group_number_;
    switch (TryCommit(live, isolate, number)) {
      case Outcome::kAnswered:
        return;
      case Outcome::kIsolate:  // a statement failed: run each batch in its own savepoint
        isolate = true;
        continue;
      case Outcome::kConnectionLost:
        if (!Reconnect(std::chrono::steady_clock::now())) return unreachable();
        if (auto committed = WasCommitted(number); committed && *committed) {
          // The COMMIT went through before the connection dropped.
          commits_.fetch_add(1, std::memory_order_relaxed);
          Answer(live, last_failures_);
          return;
        }
        continue;  // not committed: run the group again
    }
  }
}

void PostgresDatabase::Answer(std::vector<PendingBatch*>& live,
                              std::vector<std::pair<PendingBatch*, core::Status>>& failures) {
  for (PendingBatch* batch : live) {
    auto failed = std::find_if(failures.begin(), failures.end(),
                               [batch](const auto& f) { return f.first == batch; });
    batch->done.set_value(failed == failures.end() ? core::Status{} : std::move(failed->second));
  }
}

PostgresDatabase::Outcome PostgresDatabase::TryCommit(std::vector<PendingBatch*>& live,
                                                      bool isolate, std::int64_t number) {
  PgConnection& db = *writer_connection_;
  last_failures_.clear();
  // A definitive error for the whole group (the server refused, not a lost connection).
  auto fail_all = [&](const core::Error& error) {
    if (!db.Broken()) (void)db.Exec("ROLLBACK");
    for (PendingBatch* batch : live) batch->done.set_value(tl::unexpected(error));
    return Outcome::kAnswered;
  };
  core::Status begun = db.Exec("BEGIN");
  if (begun) begun = db.Exec(fmt::format("SELECT pg_advisory_xact_lock({})", kWriteLock));
  if (!begun) return db.Broken() ? Outcome::kConnectionLost : fail_all(begun.error());

  for (PendingBatch* batch : live) {
    core::Status status;
    if (isolate) status = db.Exec("SAVEPOINT cc_batch");
    for (std::size_t s = 0; status && s < batch->statements.size(); ++s) {
      auto ran = db.Run(batch->statements[s]);
      if (!ran) status = tl::unexpected(ran.error());
    }
    if (status && isolate) status = db.Exec("RELEASE cc_batch");
    if (status) continue;
    if (db.Broken()) return Outcome::kConnectionLost;
    if (!isolate) {
      (void)db.Exec("ROLLBACK");
      return db.Broken() ? Outcome::kConnectionLost : Outcome::kIsolate;
    }
    // Only this batch is undone; the others in the group stay applied. It is
    // answered with its error once the group's outcome is known.
    (void)db.Exec("ROLLBACK TO cc_batch");
    (void)db.Exec("RELEASE cc_batch");
    if (db.Broken()) return Outcome::kConnectionLost;
    last_failures_.emplace_back(batch, std::move(status));
  }
  auto marked = db.Run({"UPDATE storage_writers SET last_group = ? WHERE writer = ?",
                        {number, writer_id_}});
  if (!marked) return db.Broken() ? Outcome::kConnectionLost : fail_all(marked.error());
  if (auto committed = db.Exec("COMMIT"); !committed) {
    return db.Broken() ? Outcome::kConnectionLost : fail_all(committed.error());
  }
  commits_.fetch_add(1, std::memory_order_relaxed);
  Answer(live, last_failures_);
  return Outcome::kAnswered;
}

bool PostgresDatabase::Reconnect(std::chrono::steady_clock::time_point since) {
  auto backoff = std::chrono::duration_cast<std::chrono::milliseconds>(kFirstBackoff);
  for (;;) {
    if (writer_connection_->Reset()) {
      reconnects_.fetch_add(1, std::memory_order_relaxed);
      return true;
    }
    if (std::chrono::steady_clock::now() - since >= options_.give_up_after) return false;
    // A closing database still waits for the server, up to give_up_after.
    std::this_thread::sleep_for(backoff);
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, kMaxBackoff);
  }
}

core::Result<bool> PostgresDatabase::WasCommitted(std::int64_t number) {
  auto rows = writer_connection_->Run(
      {"SELECT last_group FROM storage_writers WHERE writer = ?", {writer_id_}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return false;
  auto last = rows->front().Int(0);
  if (!last) return tl::unexpected(last.error());
  return *last >= number;
}

}  // namespace cc::storage

namespace cc::storage {

core::Status ExecPostgres(const std::string& url, const std::string& sql) {
  auto connection = PgConnection::Open(url);
  if (!connection) return tl::unexpected(connection.error());
  return (*connection)->Exec(sql);
}

}  // namespace cc::storage
