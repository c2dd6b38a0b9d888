// The login use cases: password login with throttling and audit, session and
// bearer authentication, logout and password change. Unknown logins and wrong
// passwords get the same answer in about the same time (a dummy hash is
// verified for unknown logins).
// Thread-safety: all methods may be called from any thread at the same time;
// the collaborators passed in must outlive the service.
#pragma once

#include <string>
#include <string_view>

#include "access/api_tokens.h"
#include "access/audit_log.h"
#include "access/directory.h"
#include "access/login_throttle.h"
#include "access/passwords.h"
#include "access/principal.h"
#include "access/sessions.h"
#include "core/result.h"
#include "core/time.h"

namespace cc::access {

struct LoginResult {
  Principal principal;
  std::string session_token;  // the cookie value
  std::string csrf_token;
  core::Timestamp expires_at;
};

// The answer to every failed password check, whatever the reason.
inline constexpr std::string_view kBadCredentials = "wrong login or password";

class AuthService {
 public:
  AuthService(Directory& directory, Sessions& sessions, ApiTokens& tokens, LoginThrottle& throttle,
              AuditLog& audit, const Passwords& passwords)
      : directory_(directory),
        sessions_(sessions),
        tokens_(tokens),
        throttle_(throttle),
        audit_(audit),
        passwords_(passwords) {}

  // Throttle, verify, open a new session (revoking `previous_session`, the
  // cookie the client came with, if any), audit "login". kResourceExhausted
  // while throttled, kUnauthenticated (kBadCredentials) otherwise.
  core::Result<LoginResult> Login(std::string_view login, std::string_view password,
                                  std::string_view remote_address, core::Timestamp now,
                                  std::string_view previous_session = {});

  // The session cookie's principal and CSRF token (Sessions::Authenticate).
  core::Result<SessionContext> Authenticate(std::string_view session_token, core::Timestamp now);

  // A bearer token's principal (ApiTokens::Authenticate).
  core::Result<Principal> AuthenticateBearer(std::string_view token);

  // Revokes the session server-side and audits "logout".
  core::Status Logout(std::string_view session_token, std::string_view remote_address,
                      core::Timestamp now);

  // Checks `old_password`, sets `new_password`, revokes the user's other
  // sessions (keeping `current_session`), audits "password.change".
  // kPermissionDenied for a wrong old password, kInvalidArgument for a weak one.
  core::Status ChangePassword(const Principal& who, std::string_view old_password,
                              std::string_view new_password, std::string_view current_session,
                              std::string_view remote_address, core::Timestamp now);

 private:
  void Audit(core::Timestamp now, std::optional<core::UserId> user, std::string_view login,
             std::string_view action, AuditOutcome outcome, std::string_view address,
             nlohmann::json detail);

  Directory& directory_;
  Sessions& sessions_;
  ApiTokens& tokens_;
  LoginThrottle& throttle_;
  AuditLog& audit_;
  const Passwords& passwords_;
};

}  // namespace cc::access
