#include "reporting/cdr_repository.h"

#include <fmt/format.h>

#include <charconv>

namespace cc::reporting {

using core::ErrorCode;
using core::Fail;
using storage::Row;
using storage::Statement;
using storage::Value;

namespace {

constexpr const char* kColumns =
    "call_id, tenant_id, direction, dialled, caller, queue_id, agent_id, arrived_ms, answered_ms, "
    "ended_ms, wait_ms, talk_ms, hold_ms, wrap_up_ms, transfers, outcome, disposition, note, topic";

template <typename Id>
Value IdValue(Id id) {
  if (!id.valid()) return nullptr;
  return static_cast<std::int64_t>(id.value());
}

template <typename Id>
Id IdAt(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return Id();
  auto v = row.Int(column);
  return v && *v > 0 ? Id(static_cast<typename Id::rep_type>(*v)) : Id();
}

core::Result<Cdr> FromRow(const Row& row) {
  auto call = row.Int(0);
  auto direction = row.Text(2);
  auto arrived = row.Int(7);
  auto ended = row.Int(9);
  auto wait = row.Int(10);
  auto talk = row.Int(11);
  auto hold = row.Int(12);
  auto wrap = row.Int(13);
  auto transfers = row.Int(14);
  auto outcome = row.Text(15);
  if (!call || !direction || !arrived || !ended || !wait || !talk || !hold || !wrap ||
      !transfers || !outcome) {
    return Fail(ErrorCode::kInternal, "the cdr table holds a malformed row");
  }
  Cdr c;
  c.call = core::CallId(static_cast<std::uint64_t>(*call));
  c.tenant = IdAt<core::TenantId>(row, 1);
  c.direction = ParseDirection(*direction).value_or(Direction::kInbound);
  c.dialled = row.IsNull(3) ? "" : row.Text(3).value_or("");
  if (!row.IsNull(4)) c.caller = row.Text(4).value_or("");
  c.queue = IdAt<core::QueueId>(row, 5);
  c.agent = IdAt<core::AgentId>(row, 6);
  c.arrived_at = core::FromMillis(*arrived);
  if (!row.IsNull(8)) c.answered_at = core::FromMillis(row.Int(8).value_or(0));
  c.ended_at = core::FromMillis(*ended);
  c.wait = core::Duration(*wait);
  c.talk = core::Duration(*talk);
  c.hold = core::Duration(*hold);
  c.wrap_up = core::Duration(*wrap);
  c.transfers = static_cast<int>(*transfers);
  c.outcome = *outcome;
  c.disposition = row.IsNull(16) ? "" : row.Text(16).value_or("");
  c.note = row.IsNull(17) ? "" : row.Text(17).value_or("");
  c.topic = row.IsNull(18) ? "" : row.Text(18).value_or("");
  return c;
}

bool ParseCursor(const std::string& cursor, std::int64_t& arrived, std::int64_t& call) {
  const auto colon = cursor.find(':');
  if (colon == std::string::npos) return false;
  const char* begin = cursor.data();
  const char* mid = begin + colon;
  const char* end = begin + cursor.size();
  auto a = std::from_chars(begin, mid, arrived);
  auto c = std::from_chars(mid + 1, end, call);
  return a.ec == std::errc() && a.ptr == mid && c.ec == std::errc() && c.ptr == end;
}

}  // namespace

storage::Migration CdrRepository::CallerIndexMigration(int version) {
  return {version, "cdr_caller_index", {"CREATE INDEX cdr_caller ON cdr (caller)"}};
}

storage::Migration CdrRepository::TopicMigration(int version) {
  return {version, "cdr_topic", {"ALTER TABLE cdr ADD COLUMN topic TEXT"}};
}

storage::Migration CdrRepository::Migration() {
  return storage::Migration{
      3,
      "cdr",
      {"CREATE TABLE cdr ("
       "call_id BIGINT PRIMARY KEY, "
       "tenant_id BIGINT, "
       "direction TEXT NOT NULL, "
       "dialled TEXT, "
       "caller TEXT, "
       "queue_id BIGINT, "
       "agent_id BIGINT, "
       "arrived_ms BIGINT NOT NULL, "
       "answered_ms BIGINT, "
       "ended_ms BIGINT NOT NULL, "
       "wait_ms BIGINT NOT NULL, "
       "talk_ms BIGINT NOT NULL, "
       "hold_ms BIGINT NOT NULL, "
       "wrap_up_ms BIGINT NOT NULL, "
       "transfers INTEGER NOT NULL, "
       "outcome TEXT NOT NULL, "
       "disposition TEXT, "
       "note TEXT)",
       "CREATE INDEX cdr_arrived ON cdr (arrived_ms, call_id)",
       "CREATE INDEX cdr_queue ON cdr (queue_id, arrived_ms)",
       "CREATE INDEX cdr_agent ON cdr (agent_id, arrived_ms)",
       "CREATE TABLE cdr_open_calls (call_id BIGINT PRIMARY KEY, state TEXT NOT NULL)",
       "CREATE TABLE cdr_progress (id INTEGER PRIMARY KEY, last_seq BIGINT NOT NULL)"}};
}

std::vector<Statement> CdrRepository::Upsert(const Cdr& c) {
  const auto call = static_cast<std::int64_t>(c.call.value());
  Value answered = nullptr;
  if (c.answered_at) answered = core::ToMillis(*c.answered_at);
  Value caller = nullptr;
  if (c.caller) caller = *c.caller;
  return {Statement{"DELETE FROM cdr WHERE call_id = ?", {call}},
          Statement{fmt::format("INSERT INTO cdr ({}) VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                kColumns),
                    {call, IdValue(c.tenant), std::string(ToString(c.direction)),
                     c.dialled.empty() ? Value(nullptr) : Value(c.dialled), caller,
                     IdValue(c.queue), IdValue(c.agent), core::ToMillis(c.arrived_at), answered,
                     core::ToMillis(c.ended_at), c.wait.count(), c.talk.count(), c.hold.count(),
                     c.wrap_up.count(), std::int64_t{c.transfers}, c.outcome,
                     c.disposition.empty() ? Value(nullptr) : Value(c.disposition),
                     c.note.empty() ? Value(nullptr) : Value(c.note),
                     c.topic.empty() ? Value(nullptr) : Value(c.topic)}}};
}

std::vector<Statement> CdrRepository::Patch(const CdrPatch& p) {
  const auto call = static_cast<std::int64_t>(p.call.value());
  std::vector<Statement> out;
  if (p.add_wrap_up.count() != 0) {
    out.push_back({"UPDATE cdr SET wrap_up_ms = wrap_up_ms + ? WHERE call_id = ?",
                   {p.add_wrap_up.count(), call}});
  }
  if (p.disposition) {
    // The disposition of the agent who talked last wins; another agent's
    // (after a transfer) fills it only while it is empty.
    out.push_back({"UPDATE cdr SET disposition = ?, note = ? WHERE call_id = ? "
                   "AND (disposition IS NULL OR agent_id IS NULL OR agent_id = ?)",
                   {p.disposition->empty() ? Value(nullptr) : Value(*p.disposition),
                    p.note.empty() ? Value(nullptr) : Value(p.note), call,
                    static_cast<std::int64_t>(p.agent.value())}});
  }
  return out;
}

core::Result<CdrPage> CdrRepository::Query(const CdrFilter& f) {
  if (f.limit < 1 || f.limit > kMaxLimit) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("limit must be between 1 and {}, not {}", kMaxLimit, f.limit));
  }
  CdrPage page;
  if (f.tenants && f.tenants->empty()) return page;
  Statement s{fmt::format("SELECT {} FROM cdr WHERE 1 = 1", kColumns), {}};
  if (f.from) {
    s.sql += " AND arrived_ms >= ?";
    s.params.emplace_back(core::ToMillis(*f.from));
  }
  if (f.to) {
    s.sql += " AND arrived_ms < ?";
    s.params.emplace_back(core::ToMillis(*f.to));
  }
  if (f.queue.valid()) {
    s.sql += " AND queue_id = ?";
    s.params.emplace_back(static_cast<std::int64_t>(f.queue.value()));
  }
  if (f.agent.valid()) {
    s.sql += " AND agent_id = ?";
    s.params.emplace_back(static_cast<std::int64_t>(f.agent.value()));
  }
  if (f.tenants) {
    s.sql += " AND tenant_id IN (";
    for (std::size_t i = 0; i < f.tenants->size(); ++i) {
      s.sql += i == 0 ? "?" : ", ?";
      s.params.emplace_back(static_cast<std::int64_t>((*f.tenants)[i].value()));
    }
    s.sql += ")";
  }
  if (!f.callers.empty()) {
    s.sql += " AND caller IN (";
    for (std::size_t i = 0; i < f.callers.size(); ++i) {
      s.sql += i == 0 ? "?" : ", ?";
      s.params.emplace_back(f.callers[i]);
    }
    s.sql += ")";
  }
  if (!f.outcome.empty()) {
    s.sql += " AND outcome = ?";
    s.params.emplace_back(f.outcome);
  }
  if (!f.cursor.empty()) {
    std::int64_t arrived = 0;
    std::int64_t call = 0;
    if (!ParseCursor(f.cursor, arrived, call)) {
      return Fail(ErrorCode::kInvalidArgument, "cursor '" + f.cursor + "' is not a page cursor");
    }
    s.sql += " AND (arrived_ms < ? OR (arrived_ms = ? AND call_id < ?))";
    s.params.insert(s.params.end(), {arrived, arrived, call});
  }
  s.sql += " ORDER BY arrived_ms DESC, call_id DESC LIMIT ?";
  s.params.emplace_back(std::int64_t{f.limit} + 1);
  auto rows = db_.Query(s);
  if (!rows) return tl::unexpected(rows.error());
  for (const Row& row : *rows) {
    if (page.cdrs.size() == static_cast<std::size_t>(f.limit)) {
      const Cdr& last = page.cdrs.back();
      page.next_cursor = fmt::format("{}:{}", core::ToMillis(last.arrived_at), last.call.value());
      break;
    }
    auto cdr = FromRow(row);
    if (!cdr) return tl::unexpected(cdr.error());
    page.cdrs.push_back(std::move(*cdr));
  }
  return page;
}

core::Result<std::optional<Cdr>> CdrRepository::Find(core::CallId call) {
  auto rows = db_.Query({fmt::format("SELECT {} FROM cdr WHERE call_id = ?", kColumns),
                         {static_cast<std::int64_t>(call.value())}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<Cdr>();
  auto cdr = FromRow(rows->front());
  if (!cdr) return tl::unexpected(cdr.error());
  return std::optional<Cdr>(std::move(*cdr));
}

}  // namespace cc::reporting
