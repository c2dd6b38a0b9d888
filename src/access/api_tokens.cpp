#include "access/api_tokens.h"

#include <fmt/format.h>

#include "access/row_reader.h"
#include "access/secrets.h"

namespace cc::access {

using core::ErrorCode;
using core::Fail;
using detail::Await;
using detail::RowReader;
using storage::Statement;

namespace {

constexpr const char* kInvalid = "the bearer token is not valid";

}  // namespace

core::Result<std::vector<ApiTokenInfo>> ApiTokens::Select(const char* where, storage::Value key) {
  auto rows = db_.Query(
      Statement{std::string("SELECT id, user_id, name, created_at_ms, revoked FROM api_tokens ") +
                    where + " ORDER BY id DESC",
                {std::move(key)}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<ApiTokenInfo> out;
  for (const auto& row : *rows) {
    RowReader r(row);
    ApiTokenInfo info;
    info.id = r.Int();
    info.user = core::UserId(static_cast<std::uint32_t>(r.Int()));
    info.name = r.Text();
    info.created_at = core::FromMillis(r.Int());
    info.revoked = r.Int() != 0;
    if (!r.ok()) return detail::Malformed("api_tokens");
    out.push_back(std::move(info));
  }
  return out;
}

core::Result<CreatedApiToken> ApiTokens::Create(core::UserId user, std::string name,
                                                core::Timestamp now) {
  if (name.empty() || name.size() > 100) {
    return Fail(ErrorCode::kInvalidArgument, "a token needs a name of 1-100 characters");
  }
  if (auto found = directory_.GetUser(user); !found) return tl::unexpected(found.error());
  std::string token = std::string(kApiTokenPrefix) + RandomToken();
  std::string hash = HashToken(token);
  auto written = Await(db_.Write(
      {Statement{"INSERT INTO api_tokens (id, user_id, name, token_hash, created_at_ms, revoked) "
                 "SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, 0 FROM api_tokens",
                 {static_cast<std::int64_t>(user.value()), name, hash, core::ToMillis(now)}}}));
  if (!written) return tl::unexpected(written.error());
  auto created = Select("WHERE token_hash = ?", hash);
  if (!created) return tl::unexpected(created.error());
  if (created->empty()) return Fail(ErrorCode::kInternal, "the new token is missing");
  return CreatedApiToken{std::move(created->front()), std::move(token)};
}

core::Result<Principal> ApiTokens::Authenticate(std::string_view token) {
  if (!token.starts_with(kApiTokenPrefix) || token.size() > 128) {
    return Fail(ErrorCode::kUnauthenticated, kInvalid);
  }
  const std::string hash = HashToken(token);
  const std::uint64_t generation = directory_.generation();
  {
    std::lock_guard lock(cache_mutex_);
    auto it = valid_.find(hash);
    if (it != valid_.end() && it->second.first == generation) return directory_.LoadPrincipal(it->second.second);
  }
  auto rows = db_.Query(Statement{
      "SELECT t.user_id, t.revoked, u.disabled FROM api_tokens t JOIN users u ON u.id = t.user_id "
      "WHERE t.token_hash = ?",
      {hash}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kUnauthenticated, kInvalid);
  RowReader r(rows->front());
  auto user = core::UserId(static_cast<std::uint32_t>(r.Int()));
  bool revoked = r.Int() != 0;
  bool disabled = r.Int() != 0;
  if (!r.ok()) return detail::Malformed("api_tokens");
  if (revoked) return Fail(ErrorCode::kUnauthenticated, "the bearer token was revoked");
  if (disabled) return Fail(ErrorCode::kUnauthenticated, "this account is disabled");
  {
    std::lock_guard lock(cache_mutex_);
    if (valid_.size() > 100'000) valid_.clear();
    valid_[hash] = {generation, user};
  }
  return directory_.LoadPrincipal(user);
}

core::Result<std::vector<ApiTokenInfo>> ApiTokens::List(core::UserId user) {
  return Select("WHERE user_id = ?", static_cast<std::int64_t>(user.value()));
}

core::Status ApiTokens::Revoke(const Principal& actor, std::int64_t id) {
  auto found = Select("WHERE id = ?", id);
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return Fail(ErrorCode::kNotFound, fmt::format("token {} does not exist", id));
  if (found->front().user != actor.user && actor.role != Role::kAdmin) {
    return Fail(ErrorCode::kPermissionDenied, "only the token's owner or an admin may revoke it");
  }
  auto revoked = Await(db_.Write({Statement{"UPDATE api_tokens SET revoked = 1 WHERE id = ?", {id}}}));
  directory_.Touch();  // cached authentications of this token end here
  return revoked;
}

}  // namespace cc::access
