// The centre's directory on storage: queues (with their numbers and routing
// settings), skills, agents' routing profiles, disposition codes and
// not-ready codes, per tenant. The admin API writes here and tells the live
// centre; `serve` reads it at start to build the CentreSetup.
// Thread-safety: every method may be called from any thread; writes return
// once durable. Ids are allocated under a mutex (one process writes).
#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "centre/setup.h"
#include "core/result.h"
#include "storage/database.h"

namespace cc::centre {

struct Skill {
  core::SkillId id;
  core::TenantId tenant;
  std::string name;
};

// A code an agent picks: a disposition at wrap-up, or a not-ready reason
// (mapped onto one of the engine's reasons).
struct Code {
  std::int64_t id = 0;
  core::TenantId tenant;
  std::string kind;  // "disposition" or "not_ready"
  std::string code;  // short, stable: "sale", "lunch"
  std::string label;
  std::optional<acd::NotReadyReason> reason;  // not_ready codes only
};

nlohmann::json ToJson(const Skill& skill);
nlohmann::json ToJson(const Code& code);

class CentreRepository {
 public:
  explicit CentreRepository(storage::Database& db);
  static storage::Migration Migration(int version);

  core::Result<std::vector<QueueSetup>> Queues();
  core::Result<std::optional<QueueSetup>> FindQueue(core::QueueId id);
  // Creates the queue when its id is 0 (the new id is set), else replaces it.
  core::Result<QueueSetup> SaveQueue(QueueSetup queue);

  core::Result<std::vector<Skill>> Skills();
  core::Result<Skill> AddSkill(core::TenantId tenant, std::string name);

  // Agents' routing profiles (skills, queues); absent: no skills, no queues.
  core::Result<std::optional<acd::AgentConfig>> Profile(core::UserId user);
  core::Status SaveProfile(core::UserId user, const acd::AgentConfig& profile);

  core::Result<std::vector<Code>> Codes(const std::string& kind);
  core::Result<Code> AddCode(Code code);
  core::Status DeleteCode(std::int64_t id);

 private:
  core::Result<std::int64_t> NextId(const char* table);
  storage::Database& db_;
  std::mutex mutex_;  // serialises id allocation with its insert
};

}  // namespace cc::centre
