// Call scripts on storage: every published version of every script (by
// tenant, code and language), the script each queue runs, and the record of
// what operators did with them (script uses, for analytics). A version, once
// published, never changes; a call holds the version it started with.
// Thread-safety: every method may be called from any thread; parsed versions
// are cached and shared (immutable).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "call_scripts/script.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/database.h"

namespace cc::script_desk {

// A script assigned to queues ("script") or a playbook entry ("situation").
enum class ScriptKind { kScript, kSituation };
std::string_view ToString(ScriptKind kind);
core::Result<ScriptKind> ScriptKindFromString(std::string_view text);

struct StoredScript {
  std::string code;  // "inbound_sales", "S-02"
  ScriptKind kind = ScriptKind::kScript;
  std::shared_ptr<const call_scripts::Script> script;  // its version and language inside
  std::optional<core::UserId> published_by;
  core::Timestamp published_at;
};

// One row of the scripts list: the latest version of a code in a language.
struct ScriptSummary {
  std::string code;
  ScriptKind kind = ScriptKind::kScript;
  call_scripts::Language language = call_scripts::Language::kRu;
  std::string name;
  int version = 0;
  core::Timestamp published_at;
};

// Codes are made of letters, digits, '_' and '-', at most 64 of them.
core::Status CheckCode(std::string_view code);

class ScriptStore {
 public:
  explicit ScriptStore(storage::Database& db) : db_(db) {}

  static storage::Migration Migration(int version);

  // Stores `script` as the next version of (its tenant, `code`, its
  // language) and returns it with that version. The script must pass
  // call_scripts::Validate (kInvalidArgument with the first problem
  // otherwise); a code keeps the kind it was first published with.
  core::Result<StoredScript> Publish(const std::string& code, ScriptKind kind, call_scripts::Script script,
                                     std::optional<core::UserId> by, core::Timestamp now);

  // The latest version, or the given one; nullopt when there is none.
  core::Result<std::optional<StoredScript>> Get(core::TenantId tenant, const std::string& code,
                                                call_scripts::Language language,
                                                std::optional<int> version = std::nullopt);
  // Versions of a code in a language, ascending.
  core::Result<std::vector<int>> Versions(core::TenantId tenant, const std::string& code,
                                          call_scripts::Language language);
  core::Result<std::vector<ScriptSummary>> List(core::TenantId tenant);

  // The queue's script code (nullopt: none) / set or clear it.
  core::Result<std::optional<std::string>> QueueScript(core::QueueId queue);
  core::Status AssignQueue(core::TenantId tenant, core::QueueId queue, std::optional<std::string> code);
  // Queue ids by code, for a tenant's list.
  core::Result<std::map<std::string, std::vector<std::uint32_t>>> Assignments(core::TenantId tenant);

 private:
  using Key = std::tuple<std::uint32_t, std::string, int, int>;  // tenant, code, language, version
  core::Result<std::optional<StoredScript>> Read(const storage::Row& row);

  storage::Database& db_;
  std::mutex mutex_;
  std::map<Key, StoredScript> cache_;
};

}  // namespace cc::script_desk
