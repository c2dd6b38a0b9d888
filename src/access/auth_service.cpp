#include "access/auth_service.h"

#include <spdlog/spdlog.h>

namespace cc::access {

using core::ErrorCode;
using core::Fail;

namespace {

constexpr std::size_t kMaxLoginLength = 256;  // longer names are not stored in the audit

}  // namespace

void AuthService::Audit(core::Timestamp now, std::optional<core::UserId> user,
                        std::string_view login, std::string_view action, AuditOutcome outcome,
                        std::string_view address, nlohmann::json detail) {
  AuditEntry entry;
  entry.at = now;
  entry.actor_user = user;
  entry.actor_login = login.empty() ? "(empty)" : std::string(login.substr(0, kMaxLoginLength));
  entry.action = std::string(action);
  entry.object_type = "session";
  entry.object_id = user ? std::to_string(user->value()) : std::string();
  entry.outcome = outcome;
  entry.remote_address = std::string(address);
  entry.detail = std::move(detail);
  // Awaited: an acknowledged login or failure is on record.
  if (auto written = audit_.Append(std::move(entry)).get(); !written) {
    spdlog::error("audit: cannot record {}: {}", action, written.error().message);
  }
}

core::Result<LoginResult> AuthService::Login(std::string_view login, std::string_view password,
                                             std::string_view remote_address, core::Timestamp now,
                                             std::string_view previous_session) {
  if (auto allowed = throttle_.Check(login, remote_address, now); !allowed) {
    Audit(now, std::nullopt, login, "login", AuditOutcome::kDenied, remote_address,
          {{"reason", "throttled"}});
    return tl::unexpected(allowed.error());
  }
  auto credentials = directory_.FindCredentials(login);
  if (!credentials && credentials.error().code != ErrorCode::kNotFound) {
    return tl::unexpected(credentials.error());
  }
  bool known = credentials.has_value();
  bool matches = false;
  if (known) {
    matches = passwords_.Verify(credentials->password_hash, password);
  } else {
    passwords_.VerifyDummy(password);
  }
  if (!matches) {
    throttle_.RecordFailure(login, remote_address, now);
    Audit(now, known ? std::optional(credentials->user) : std::nullopt, login, "login",
          AuditOutcome::kFailed, remote_address,
          {{"reason", known ? "wrong password" : "unknown login"}});
    return Fail(ErrorCode::kUnauthenticated, std::string(kBadCredentials));
  }
  if (credentials->disabled) {
    Audit(now, credentials->user, login, "login", AuditOutcome::kDenied, remote_address,
          {{"reason", "disabled"}});
    return Fail(ErrorCode::kUnauthenticated, "this account is disabled");
  }
  throttle_.RecordSuccess(login);
  auto principal = directory_.LoadPrincipal(credentials->user);
  if (!principal) return tl::unexpected(principal.error());
  if (!previous_session.empty()) {
    if (auto revoked = sessions_.Revoke(previous_session); !revoked) {
      return tl::unexpected(revoked.error());
    }
  }
  auto session = sessions_.Create(credentials->user, now);
  if (!session) return tl::unexpected(session.error());
  Audit(now, credentials->user, login, "login", AuditOutcome::kOk, remote_address,
        nlohmann::json::object());
  return LoginResult{std::move(*principal), std::move(session->token),
                     std::move(session->csrf_token), session->expires_at};
}

core::Result<SessionContext> AuthService::Authenticate(std::string_view session_token,
                                                       core::Timestamp now) {
  return sessions_.Authenticate(session_token, now);
}

core::Result<Principal> AuthService::AuthenticateBearer(std::string_view token) {
  return tokens_.Authenticate(token);
}

core::Status AuthService::Logout(std::string_view session_token, std::string_view remote_address,
                                 core::Timestamp now) {
  auto session = sessions_.Authenticate(session_token, now);
  if (auto revoked = sessions_.Revoke(session_token); !revoked) return revoked;
  if (session) {
    Audit(now, session->principal.user, session->principal.login, "logout", AuditOutcome::kOk,
          remote_address, nlohmann::json::object());
  }
  return {};
}

core::Status AuthService::ChangePassword(const Principal& who, std::string_view old_password,
                                         std::string_view new_password,
                                         std::string_view current_session,
                                         std::string_view remote_address, core::Timestamp now) {
  if (auto allowed = throttle_.Check(who.login, remote_address, now); !allowed) return allowed;
  auto credentials = directory_.FindCredentials(who.login);
  if (!credentials) return tl::unexpected(credentials.error());
  if (!passwords_.Verify(credentials->password_hash, old_password)) {
    throttle_.RecordFailure(who.login, remote_address, now);
    Audit(now, who.user, who.login, "password.change", AuditOutcome::kFailed, remote_address,
          {{"reason", "wrong current password"}});
    return Fail(ErrorCode::kPermissionDenied, "the current password is wrong");
  }
  if (auto set = directory_.SetPassword(who.user, new_password); !set) return set;
  if (auto revoked = sessions_.RevokeAllFor(who.user, current_session); !revoked) return revoked;
  Audit(now, who.user, who.login, "password.change", AuditOutcome::kOk, remote_address,
        nlohmann::json::object());
  return {};
}

}  // namespace cc::access
