#include "access/sessions.h"

#include "access/row_reader.h"
#include "access/secrets.h"

namespace cc::access {

using core::ErrorCode;
using core::Fail;
using detail::Await;
using detail::RowReader;
using storage::Statement;

namespace {

constexpr const char* kExpired = "the session has expired or was logged out; log in again";

// Token length (43 base64url characters for 32 bytes), with room to spare;
// anything longer is not ours and is not hashed.
constexpr std::size_t kMaxTokenLength = 128;

}  // namespace

core::Result<NewSession> Sessions::Create(core::UserId user, core::Timestamp now) {
  NewSession session;
  session.token = RandomToken();
  session.csrf_token = RandomToken();
  session.expires_at = now + options_.absolute_timeout;
  std::string hash = HashToken(session.token);
  auto written = Await(db_.Write({Statement{
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at_ms, expires_at_ms, "
      "revoked) VALUES (?, ?, ?, ?, ?, 0)",
      {hash, static_cast<std::int64_t>(user.value()), session.csrf_token, core::ToMillis(now),
       core::ToMillis(session.expires_at)}}}));
  if (!written) return tl::unexpected(written.error());
  std::lock_guard lock(mutex_);
  // Only entries past the absolute timeout go: their rows refuse them anyway.
  std::erase_if(last_seen_,
                [&](const auto& entry) { return now - entry.second >= options_.absolute_timeout; });
  last_seen_[hash] = now;
  return session;
}

core::Result<SessionContext> Sessions::Authenticate(std::string_view token, core::Timestamp now) {
  if (token.empty() || token.size() > kMaxTokenLength) {
    return Fail(ErrorCode::kUnauthenticated, "no valid session; log in first");
  }
  std::string hash = HashToken(token);
  const std::uint64_t generation = directory_.generation();
  Row row;
  bool cached = false;
  {
    std::lock_guard lock(mutex_);
    auto it = rows_.find(hash);
    if (it != rows_.end() && it->second.generation == generation) {
      row = it->second;
      cached = true;
    }
  }
  if (!cached) {
    auto rows =
        db_.Query(Statement{"SELECT s.user_id, s.csrf_token, s.expires_at_ms, s.revoked, u.disabled "
                            "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
                            {hash}});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kUnauthenticated, "no valid session; log in first");
    RowReader r(rows->front());
    row.generation = generation;
    row.user = core::UserId(static_cast<std::uint32_t>(r.Int()));
    row.csrf = r.Text();
    row.expires_at = core::FromMillis(r.Int());
    row.revoked = r.Int() != 0;
    row.disabled = r.Int() != 0;
    if (!r.ok()) return detail::Malformed("sessions");
    std::lock_guard lock(mutex_);
    if (rows_.size() > 100'000) rows_.clear();
    rows_[hash] = row;
  }
  auto user = row.user;
  std::string csrf = row.csrf;
  auto expires_at = row.expires_at;
  bool revoked = row.revoked;
  bool disabled = row.disabled;
  if (disabled) return Fail(ErrorCode::kUnauthenticated, "this account is disabled");
  if (revoked || now >= expires_at) return Fail(ErrorCode::kUnauthenticated, kExpired);
  bool idle = false;
  {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = last_seen_.try_emplace(hash, now);  // after a restart: from now
    idle = !inserted && now - it->second >= options_.idle_timeout;
    if (!idle && now > it->second) it->second = now;
  }
  if (idle) {
    // Revoked durably, so neither a restart nor the sweep in Create revives it.
    if (auto revoked_now = Revoke(token); !revoked_now) return tl::unexpected(revoked_now.error());
    return Fail(ErrorCode::kUnauthenticated, kExpired);
  }
  auto principal = directory_.LoadPrincipal(user);
  if (!principal) return tl::unexpected(principal.error());
  return SessionContext{std::move(*principal), std::move(csrf), expires_at};
}

core::Status Sessions::Revoke(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return {};
  std::string hash = HashToken(token);
  // The row first: until it is revoked, the idle entry must keep its time.
  auto written =
      Await(db_.Write({Statement{"UPDATE sessions SET revoked = 1 WHERE token_hash = ?", {hash}}}));
  directory_.Touch();  // cached rows of this session end here
  if (!written) return written;
  std::lock_guard lock(mutex_);
  last_seen_.erase(hash);
  return {};
}

core::Status Sessions::RevokeAllFor(core::UserId user, std::string_view keep) {
  std::string keep_hash = keep.empty() ? std::string() : HashToken(keep);
  auto revoked = Await(
      db_.Write({Statement{"UPDATE sessions SET revoked = 1 WHERE user_id = ? AND token_hash <> ?",
                           {static_cast<std::int64_t>(user.value()), keep_hash}}}));
  directory_.Touch();
  return revoked;
}

core::Status Sessions::DeleteExpired(core::Timestamp now) {
  return Await(db_.Write(
      {Statement{"DELETE FROM sessions WHERE expires_at_ms < ?", {core::ToMillis(now)}}}));
}

}  // namespace cc::access
