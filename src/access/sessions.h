// Browser sessions. A session token is 32 random bytes (base64url) handed to
// the client once; the database keeps only its hash, with the user, a CSRF
// token, the creation time, an absolute expiry and a revoked flag, so a
// logout holds across restarts. The idle timeout is tracked in memory ("last
// seen"): a restart forgets it, which at worst gives a session a fresh idle
// period within its absolute lifetime.
// Thread-safety: all methods may be called from any thread at the same time.
// The Database and Directory must outlive the Sessions.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "access/directory.h"
#include "access/principal.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/database.h"

namespace cc::access {

struct SessionOptions {
  core::Duration idle_timeout = std::chrono::minutes(30);
  core::Duration absolute_timeout = std::chrono::hours(12);
};

struct NewSession {
  std::string token;       // the cookie value; never stored
  std::string csrf_token;  // sent back as X-CSRF-Token on every state change
  core::Timestamp expires_at;
};

struct SessionContext {
  Principal principal;
  std::string csrf_token;
  core::Timestamp expires_at;  // absolute expiry
};

class Sessions {
 public:
  Sessions(storage::Database& db, Directory& directory, SessionOptions options = {})
      : db_(db), directory_(directory), options_(options) {}

  // A new session for `user`, durable when this returns.
  core::Result<NewSession> Create(core::UserId user, core::Timestamp now);

  // kUnauthenticated when the token is unknown, revoked, past its idle or
  // absolute timeout, or its user is disabled. Refreshes the idle timer.
  core::Result<SessionContext> Authenticate(std::string_view token, core::Timestamp now);

  // Revokes the session (durably). Unknown tokens are not an error.
  core::Status Revoke(std::string_view token);

  // Revokes every session of `user` except the one whose token is `keep`.
  core::Status RevokeAllFor(core::UserId user, std::string_view keep = {});

  // Deletes rows whose absolute expiry is before `now` (housekeeping).
  core::Status DeleteExpired(core::Timestamp now);

  const SessionOptions& options() const { return options_; }

 private:
  storage::Database& db_;
  Directory& directory_;
  const SessionOptions options_;

  std::mutex mutex_;
  std::unordered_map<std::string, core::Timestamp> last_seen_;  // by token hash; guarded by mutex_
  // Token hash -> the session row, valid while the directory generation holds.
  struct Row {
    std::uint64_t generation = 0;
    core::UserId user;
    std::string csrf;
    core::Timestamp expires_at;
    bool revoked = false;
    bool disabled = false;
  };
  std::unordered_map<std::string, Row> rows_;  // guarded by mutex_
};

}  // namespace cc::access
