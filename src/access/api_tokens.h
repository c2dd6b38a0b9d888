// Bearer tokens for API clients: "cct_" followed by 32 random bytes in
// base64url. The plain token is returned once, at creation; the database keeps
// its hash. Revocable by the owner or an admin; a disabled user's tokens stop
// working.
// Thread-safety: all methods may be called from any thread at the same time.
// The Database and Directory must outlive the ApiTokens.
#pragma once

#include <mutex>
#include <unordered_map>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/directory.h"
#include "access/principal.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/database.h"

namespace cc::access {

inline constexpr std::string_view kApiTokenPrefix = "cct_";

struct ApiTokenInfo {
  std::int64_t id = 0;
  core::UserId user;
  std::string name;
  core::Timestamp created_at;
  bool revoked = false;
  friend bool operator==(const ApiTokenInfo&, const ApiTokenInfo&) = default;
};

struct CreatedApiToken {
  ApiTokenInfo info;
  std::string token;  // shown to the user once, never again
};

class ApiTokens {
 public:
  ApiTokens(storage::Database& db, Directory& directory) : db_(db), directory_(directory) {}

  // `name` (1-100 characters) says what the token is for.
  core::Result<CreatedApiToken> Create(core::UserId user, std::string name, core::Timestamp now);

  // kUnauthenticated for a malformed, unknown or revoked token or a disabled user.
  core::Result<Principal> Authenticate(std::string_view token);

  // The user's tokens, newest first, without secrets.
  core::Result<std::vector<ApiTokenInfo>> List(core::UserId user);

  // kNotFound for an unknown id; kPermissionDenied unless `actor` owns the
  // token or is an admin. Revoking twice is not an error.
  core::Status Revoke(const Principal& actor, std::int64_t id);

 private:
  core::Result<std::vector<ApiTokenInfo>> Select(const char* where, storage::Value key);

  storage::Database& db_;
  Directory& directory_;
  // Token hash -> (directory generation, user) of tokens found valid.
  std::mutex cache_mutex_;
  std::unordered_map<std::string, std::pair<std::uint64_t, core::UserId>> valid_;  // guarded
};

}  // namespace cc::access
