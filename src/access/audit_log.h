// The audit log: who did what to which object, when, from where, and whether
// it was allowed. Append-only: there is no update or delete. Ids grow in
// append order, so "newest first" is by id and paging uses before_id.
// Thread-safety: Append() and Query() may be called from any thread at the
// same time. The Database must outlive the log.
#pragma once

#include <cstdint>
#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/database.h"

namespace cc::access {

enum class AuditOutcome { kOk, kDenied, kFailed };

std::string_view ToString(AuditOutcome outcome);  // "ok", "denied", "failed"

struct AuditEntry {
  std::int64_t id = 0;  // assigned by the log; ignored by Append()
  core::Timestamp at;
  std::optional<core::UserId> actor_user;  // empty for "cli", "system" or an unknown login
  std::string actor_login;                 // "cli" for the command line
  std::string action;                      // "login", "user.create", "access"...
  std::string object_type;                 // "session", "user", "queue"...
  std::string object_id;
  AuditOutcome outcome = AuditOutcome::kOk;
  std::string remote_address;
  nlohmann::json detail = nlohmann::json::object();

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

inline constexpr int kMaxAuditPage = 500;

struct AuditFilter {
  std::optional<core::Timestamp> from = {};  // inclusive
  std::optional<core::Timestamp> to = {};    // exclusive
  std::optional<std::string> actor_login = {};
  std::optional<std::string> action = {};
  std::optional<std::string> object_type = {};
  int limit = 100;                             // 1..kMaxAuditPage
  std::optional<std::int64_t> before_id = {};  // the next page: entries older than this id
};

class AuditLog {
 public:
  explicit AuditLog(storage::Database& db) : db_(db) {}

  // Ready once durably written; kInvalidArgument (nothing written) without an
  // action or actor, or when detail is not a JSON object.
  std::future<core::Status> Append(AuditEntry entry);

  // Matching entries, newest first. kInvalidArgument for a limit outside 1..500.
  core::Result<std::vector<AuditEntry>> Query(const AuditFilter& filter);

 private:
  storage::Database& db_;
};

}  // namespace cc::access
