#include "centre/centre_repository.h"

#include <fmt/format.h>

#include "centre/setup_json.h"

namespace cc::centre {

namespace {

using core::ErrorCode;
using core::Fail;
using storage::Statement;

core::Status Wait(std::future<core::Status> f) { return f.get(); }

}  // namespace

nlohmann::json ToJson(const Skill& skill) {
  return {{"id", skill.id.value()}, {"tenant", skill.tenant.value()}, {"name", skill.name}};
}

nlohmann::json ToJson(const Code& code) {
  nlohmann::json j = {{"id", code.id},
                      {"tenant", code.tenant.value()},
                      {"kind", code.kind},
                      {"code", code.code},
                      {"label", code.label}};
  if (code.reason) j["reason"] = acd::ToString(*code.reason);
  return j;
}

CentreRepository::CentreRepository(storage::Database& db) : db_(db) {}

storage::Migration CentreRepository::Migration(int version) {
  return {version,
          "centre",
          {"CREATE TABLE skills (id BIGINT PRIMARY KEY, tenant_id BIGINT NOT NULL, name TEXT NOT NULL)",
           "CREATE TABLE queues (id BIGINT PRIMARY KEY, tenant_id BIGINT NOT NULL, "
           "name TEXT NOT NULL, config TEXT NOT NULL)",
           "CREATE TABLE agent_profiles (user_id BIGINT PRIMARY KEY, profile TEXT NOT NULL)",
           "CREATE TABLE codes (id BIGINT PRIMARY KEY, tenant_id BIGINT NOT NULL, kind TEXT NOT NULL, "
           "code TEXT NOT NULL, label TEXT NOT NULL, reason TEXT)",
           "CREATE UNIQUE INDEX codes_by_code ON codes (tenant_id, kind, code)"}};
}

core::Result<std::int64_t> CentreRepository::NextId(const char* table) {
  auto rows = db_.Query({fmt::format("SELECT COALESCE(MAX(id), 0) + 1 FROM {}", table), {}});
  if (!rows) return tl::unexpected(rows.error());
  return (*rows)[0].Int(0);
}

core::Result<std::vector<QueueSetup>> CentreRepository::Queues() {
  auto rows = db_.Query({"SELECT id, tenant_id, config FROM queues ORDER BY id", {}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<QueueSetup> out;
  for (const auto& row : *rows) {
    auto id = row.Int(0);
    auto tenant = row.Int(1);
    auto config = row.Text(2);
    if (!id || !tenant || !config) return Fail(ErrorCode::kInternal, "queues holds a malformed row");
    auto body = nlohmann::json::parse(*config, nullptr, false);
    auto q = QueueFromJson(body, core::QueueId(static_cast<std::uint32_t>(*id)),
                           core::TenantId(static_cast<std::uint32_t>(*tenant)));
    if (!q) return Fail(ErrorCode::kInternal, "stored queue " + std::to_string(*id) + ": " + q.error().message);
    out.push_back(std::move(*q));
  }
  return out;
}

core::Result<std::optional<QueueSetup>> CentreRepository::FindQueue(core::QueueId id) {
  auto all = Queues();
  if (!all) return tl::unexpected(all.error());
  for (auto& q : *all) {
    if (q.config.id == id) return std::optional<QueueSetup>(std::move(q));
  }
  return std::optional<QueueSetup>();
}

core::Result<QueueSetup> CentreRepository::SaveQueue(QueueSetup queue) {
  std::lock_guard lock(mutex_);
  std::vector<Statement> batch;
  if (!queue.config.id.valid()) {
    auto id = NextId("queues");
    if (!id) return tl::unexpected(id.error());
    queue.config.id = core::QueueId(static_cast<std::uint32_t>(*id));
  } else {
    batch.push_back({"DELETE FROM queues WHERE id = ?", {std::int64_t{queue.config.id.value()}}});
  }
  batch.push_back({"INSERT INTO queues (id, tenant_id, name, config) VALUES (?, ?, ?, ?)",
                   {std::int64_t{queue.config.id.value()}, std::int64_t{queue.config.tenant.value()},
                    queue.config.name, ToJson(queue).dump()}});
  if (auto s = Wait(db_.Write(std::move(batch))); !s) return tl::unexpected(s.error());
  return queue;
}

core::Result<std::vector<Skill>> CentreRepository::Skills() {
  auto rows = db_.Query({"SELECT id, tenant_id, name FROM skills ORDER BY id", {}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Skill> out;
  for (const auto& row : *rows) {
    auto id = row.Int(0);
    auto tenant = row.Int(1);
    auto name = row.Text(2);
    if (!id || !tenant || !name) return Fail(ErrorCode::kInternal, "skills holds a malformed row");
    out.push_back({core::SkillId(static_cast<std::uint32_t>(*id)),
                   core::TenantId(static_cast<std::uint32_t>(*tenant)), *name});
  }
  return out;
}

core::Result<Skill> CentreRepository::AddSkill(core::TenantId tenant, std::string name) {
  if (name.empty()) return Fail(ErrorCode::kInvalidArgument, "'name' is required");
  std::lock_guard lock(mutex_);
  auto id = NextId("skills");
  if (!id) return tl::unexpected(id.error());
  Skill skill{core::SkillId(static_cast<std::uint32_t>(*id)), tenant, std::move(name)};
  // A tenant's skill names are unique; checked inside the write transaction.
  auto s = Wait(db_.Write({{"INSERT INTO skills (id, tenant_id, name) SELECT ?, ?, ? WHERE NOT EXISTS "
                            "(SELECT 1 FROM skills WHERE tenant_id = ? AND name = ?)",
                            {*id, std::int64_t{tenant.value()}, skill.name,
                             std::int64_t{tenant.value()}, skill.name}}}));
  if (!s) return tl::unexpected(s.error());
  auto inserted = db_.Query({"SELECT 1 FROM skills WHERE id = ?", {*id}});
  if (!inserted) return tl::unexpected(inserted.error());
  if (inserted->empty()) {
    return Fail(ErrorCode::kAlreadyExists, fmt::format("a skill named '{}' exists already", skill.name));
  }
  return skill;
}

core::Result<std::optional<acd::AgentConfig>> CentreRepository::Profile(core::UserId user) {
  auto rows = db_.Query({"SELECT profile FROM agent_profiles WHERE user_id = ?",
                         {std::int64_t{user.value()}}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<acd::AgentConfig>();
  auto text = (*rows)[0].Text(0);
  if (!text) return tl::unexpected(text.error());
  acd::AgentConfig config;
  config.id = core::AgentId(user.value());
  if (auto s = ProfileFromJson(nlohmann::json::parse(*text, nullptr, false), config); !s) {
    return Fail(ErrorCode::kInternal, "stored profile: " + s.error().message);
  }
  return std::optional<acd::AgentConfig>(config);
}

core::Status CentreRepository::SaveProfile(core::UserId user, const acd::AgentConfig& profile) {
  return Wait(db_.Write({{"DELETE FROM agent_profiles WHERE user_id = ?", {std::int64_t{user.value()}}},
                         {"INSERT INTO agent_profiles (user_id, profile) VALUES (?, ?)",
                          {std::int64_t{user.value()}, ProfileToJson(profile).dump()}}}));
}

core::Result<std::vector<Code>> CentreRepository::Codes(const std::string& kind) {
  auto rows = db_.Query({"SELECT id, tenant_id, kind, code, label, reason FROM codes WHERE kind = ? "
                         "ORDER BY tenant_id, code",
                         {kind}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Code> out;
  for (const auto& row : *rows) {
    Code c;
    auto id = row.Int(0);
    auto tenant = row.Int(1);
    auto k = row.Text(2);
    auto code = row.Text(3);
    auto label = row.Text(4);
    if (!id || !tenant || !k || !code || !label) {
      return Fail(ErrorCode::kInternal, "codes holds a malformed row");
    }
    c.id = *id;
    c.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
    c.kind = *k;
    c.code = *code;
    c.label = *label;
    if (!row.IsNull(5)) {
      if (auto r = row.Text(5)) c.reason = acd::ParseNotReadyReason(*r);
    }
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<Code> CentreRepository::AddCode(Code code) {
  if (code.kind != "disposition" && code.kind != "not_ready") {
    return Fail(ErrorCode::kInvalidArgument, "'kind' must be 'disposition' or 'not_ready'");
  }
  if (code.code.empty() || code.code.size() > 40) {
    return Fail(ErrorCode::kInvalidArgument, "'code' must be 1 to 40 characters");
  }
  if (code.label.empty()) return Fail(ErrorCode::kInvalidArgument, "'label' is required");
  if (code.kind == "not_ready" && !code.reason) {
    return Fail(ErrorCode::kInvalidArgument,
                "'reason' is required for a not-ready code (break, lunch, training, meeting, "
                "coaching, technical, health, other)");
  }
  std::lock_guard lock(mutex_);
  auto existing = Codes(code.kind);
  if (!existing) return tl::unexpected(existing.error());
  for (const auto& c : *existing) {
    if (c.tenant == code.tenant && c.code == code.code) {
      return Fail(ErrorCode::kAlreadyExists, "code '" + code.code + "' exists already");
    }
  }
  auto id = NextId("codes");
  if (!id) return tl::unexpected(id.error());
  code.id = *id;
  storage::Value reason = nullptr;
  if (code.reason) reason = std::string(acd::ToString(*code.reason));
  auto s = Wait(db_.Write({{"INSERT INTO codes (id, tenant_id, kind, code, label, reason) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            {code.id, std::int64_t{code.tenant.value()}, code.kind, code.code,
                             code.label, reason}}}));
  if (!s) return tl::unexpected(s.error());
  return code;
}

core::Status CentreRepository::DeleteCode(std::int64_t id) {
  auto rows = db_.Query({"SELECT id FROM codes WHERE id = ?", {id}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "no code with id " + std::to_string(id));
  return Wait(db_.Write({{"DELETE FROM codes WHERE id = ?", {id}}}));
}

}  // namespace cc::centre
