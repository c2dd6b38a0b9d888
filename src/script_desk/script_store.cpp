#include "script_desk/script_store.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "call_scripts/script_json.h"
#include "call_scripts/validate.h"

namespace cc::script_desk {

using call_scripts::Language;
using nlohmann::json;
using storage::Statement;
using storage::Value;

namespace {

constexpr const char* kColumns =
    "SELECT tenant_id, code, language, version, kind, body, published_by, published_at_ms FROM call_scripts ";

Value Int(std::int64_t v) { return v; }

}  // namespace

std::string_view ToString(ScriptKind kind) {
  return kind == ScriptKind::kScript ? "script" : "situation";
}

core::Result<ScriptKind> ScriptKindFromString(std::string_view text) {
  if (text == "script") return ScriptKind::kScript;
  if (text == "situation") return ScriptKind::kSituation;
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    fmt::format("unknown script kind '{}'; expected script or situation", text));
}

core::Status CheckCode(std::string_view code) {
  auto ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  if (code.empty() || code.size() > 64 || !std::all_of(code.begin(), code.end(), ok)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "a script code is 1 to 64 letters, digits, '_' or '-' (e.g. inbound_sales, S-02)");
  }
  return {};
}

storage::Migration ScriptStore::Migration(int version) {
  return {version,
          "call_scripts",
          {
              // One row per published version; `body` is the script's JSON
              // without its version (the row has it).
              "CREATE TABLE call_scripts (tenant_id INTEGER NOT NULL, code TEXT NOT NULL, "
              "language TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, "
              "body TEXT NOT NULL, published_by INTEGER, published_at_ms INTEGER NOT NULL, "
              "PRIMARY KEY (tenant_id, code, language, version))",
              "CREATE TABLE queue_scripts (queue_id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
              "code TEXT NOT NULL)",
              // What operators did with scripts: one row per step shown, answer,
              // value and action (script_log.h), for analytics.
              "CREATE TABLE script_uses (at_ms INTEGER NOT NULL, tenant_id INTEGER NOT NULL, "
              "call_id INTEGER NOT NULL, agent_id INTEGER NOT NULL, queue_id INTEGER NOT NULL, "
              "code TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL, language TEXT NOT NULL, "
              "step TEXT NOT NULL, step_kind TEXT NOT NULL, event TEXT NOT NULL, action TEXT NOT NULL, "
              "outcome TEXT NOT NULL, training INTEGER NOT NULL)",
              "CREATE INDEX script_uses_tenant_at ON script_uses (tenant_id, at_ms)",
              "CREATE INDEX script_uses_call ON script_uses (call_id)",
          }};
}

core::Result<StoredScript> ScriptStore::Publish(const std::string& code, ScriptKind kind,
                                                call_scripts::Script script, std::optional<core::UserId> by,
                                                core::Timestamp now) {
  if (auto ok = CheckCode(code); !ok) return tl::unexpected(ok.error());
  if (auto problems = call_scripts::Validate(script); !problems.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("the script has {} problem(s); the first: {}", problems.size(),
                                  call_scripts::ToString(problems.front())));
  }
  const auto tenant = static_cast<std::int64_t>(script.tenant.value());
  auto kinds = db_.Query({"SELECT kind FROM call_scripts WHERE tenant_id = ? AND code = ? LIMIT 1", {tenant, code}});
  if (!kinds) return tl::unexpected(kinds.error());
  if (!kinds->empty() && kinds->front().Text(0).value_or("") != ToString(kind)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("'{}' is a {}; it cannot be published as a {}", code,
                                  kinds->front().Text(0).value_or(""), ToString(kind)));
  }
  json body = call_scripts::ToJson(script);
  body.erase("version");
  body.erase("id");
  const std::string language(call_scripts::ToString(script.language));
  std::vector<Statement> batch = {
      {"INSERT INTO call_scripts (tenant_id, code, language, version, kind, name, body, published_by, "
       "published_at_ms) SELECT ?, ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, CAST(? AS BIGINT), ? "
       "FROM call_scripts WHERE tenant_id = ? AND code = ? AND language = ?",
       {tenant, code, language, std::string(ToString(kind)), script.name, body.dump(),
        by ? Int(by->value()) : Value(nullptr), core::ToMillis(now), tenant, code, language}}};
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  auto stored = Get(script.tenant, code, script.language);
  if (!stored) return tl::unexpected(stored.error());
  if (!*stored) return core::Fail(core::ErrorCode::kInternal, "the published script cannot be read back");
  return **stored;
}

core::Result<std::optional<StoredScript>> ScriptStore::Read(const storage::Row& row) {
  auto tenant = row.Int(0);
  auto code = row.Text(1);
  auto language = row.Text(2);
  auto version = row.Int(3);
  auto kind = row.Text(4);
  if (!tenant || !code || !language || !version || !kind) {
    return core::Fail(core::ErrorCode::kInternal, "a stored script row is damaged");
  }
  auto lang = call_scripts::LanguageFromString(*language);
  if (!lang) return tl::unexpected(lang.error());
  const Key key{static_cast<std::uint32_t>(*tenant), *code, static_cast<int>(*lang), static_cast<int>(*version)};
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto text = row.Text(5);
  auto published = row.Int(7);
  auto parsed_kind = ScriptKindFromString(*kind);
  if (!text || !published || !parsed_kind) return core::Fail(core::ErrorCode::kInternal, "a stored script row is damaged");
  json body = json::parse(*text, nullptr, false);
  if (body.is_discarded()) return core::Fail(core::ErrorCode::kInternal, "a stored script is not JSON");
  body["version"] = *version;
  auto script = call_scripts::ScriptFromJson(body);
  if (!script) return tl::unexpected(script.error());
  StoredScript out;
  out.code = *code;
  out.kind = *parsed_kind;
  out.script = std::make_shared<const call_scripts::Script>(std::move(*script));
  if (!row.IsNull(6)) out.published_by = core::UserId(static_cast<std::uint32_t>(row.Int(6).value_or(0)));
  out.published_at = core::FromMillis(*published);
  std::lock_guard lock(mutex_);
  cache_.emplace(key, out);
  return out;
}

core::Result<std::optional<StoredScript>> ScriptStore::Get(core::TenantId tenant, const std::string& code,
                                                           Language language, std::optional<int> version) {
  std::string sql = std::string(kColumns) + "WHERE tenant_id = ? AND code = ? AND language = ?";
  std::vector<Value> params = {Int(tenant.value()), code, std::string(call_scripts::ToString(language))};
  if (version) {
    sql += " AND version = ?";
    params.push_back(Int(*version));
  } else {
    sql += " ORDER BY version DESC LIMIT 1";
  }
  auto rows = db_.Query({sql, std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredScript>();
  return Read(rows->front());
}

core::Result<std::vector<int>> ScriptStore::Versions(core::TenantId tenant, const std::string& code,
                                                     Language language) {
  auto rows = db_.Query({"SELECT version FROM call_scripts WHERE tenant_id = ? AND code = ? AND language = ? "
                         "ORDER BY version",
                         {Int(tenant.value()), code, std::string(call_scripts::ToString(language))}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<int> out;
  for (const auto& row : *rows) out.push_back(static_cast<int>(row.Int(0).value_or(0)));
  return out;
}

core::Result<std::vector<ScriptSummary>> ScriptStore::List(core::TenantId tenant) {
  auto rows = db_.Query(
      {"SELECT s.code, s.kind, s.language, s.name, s.version, s.published_at_ms FROM call_scripts s "
       "WHERE s.tenant_id = ? AND s.version = (SELECT MAX(v.version) FROM call_scripts v WHERE "
       "v.tenant_id = s.tenant_id AND v.code = s.code AND v.language = s.language) "
       "ORDER BY s.kind, s.code, s.language",
       {Int(tenant.value())}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<ScriptSummary> out;
  for (const auto& row : *rows) {
    ScriptSummary s;
    s.code = row.Text(0).value_or("");
    s.kind = ScriptKindFromString(row.Text(1).value_or("")).value_or(ScriptKind::kScript);
    s.language = call_scripts::LanguageFromString(row.Text(2).value_or("")).value_or(Language::kRu);
    s.name = row.Text(3).value_or("");
    s.version = static_cast<int>(row.Int(4).value_or(0));
    s.published_at = core::FromMillis(row.Int(5).value_or(0));
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<std::optional<std::string>> ScriptStore::QueueScript(core::QueueId queue) {
  auto rows = db_.Query({"SELECT code FROM queue_scripts WHERE queue_id = ?", {Int(queue.value())}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0).value_or(""));
}

core::Status ScriptStore::AssignQueue(core::TenantId tenant, core::QueueId queue, std::optional<std::string> code) {
  std::vector<Statement> batch = {{"DELETE FROM queue_scripts WHERE queue_id = ?", {Int(queue.value())}}};
  if (code) {
    if (auto ok = CheckCode(*code); !ok) return ok;
    auto rows = db_.Query({"SELECT kind FROM call_scripts WHERE tenant_id = ? AND code = ? LIMIT 1",
                           {Int(tenant.value()), *code}});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("there is no script '{}' to assign", *code));
    }
    if (rows->front().Text(0).value_or("") != "script") {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        fmt::format("'{}' is a playbook situation; queues run scripts", *code));
    }
    batch.push_back({"INSERT INTO queue_scripts (queue_id, tenant_id, code) VALUES (?, ?, ?)",
                     {Int(queue.value()), Int(tenant.value()), *code}});
  }
  return db_.Write(std::move(batch)).get();
}

core::Result<std::map<std::string, std::vector<std::uint32_t>>> ScriptStore::Assignments(core::TenantId tenant) {
  auto rows = db_.Query(
      {"SELECT code, queue_id FROM queue_scripts WHERE tenant_id = ? ORDER BY queue_id", {Int(tenant.value())}});
  if (!rows) return tl::unexpected(rows.error());
  std::map<std::string, std::vector<std::uint32_t>> out;
  for (const auto& row : *rows) {
    out[row.Text(0).value_or("")].push_back(static_cast<std::uint32_t>(row.Int(1).value_or(0)));
  }
  return out;
}

}  // namespace cc::script_desk
