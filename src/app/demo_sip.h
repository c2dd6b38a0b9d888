// The demo centre's telephone test line: a queue "Линия SIP" reached by
// dialling 100 (sip:100@<server>), two operators who serve only it (sip01,
// sip02; no bot takes their seats) and SIP accounts for them, so a newcomer
// can register a softphone as an agent and call the demo. Added on every
// demo start when missing (also to demo data made before SIP existed).
// Thread-safety: functions over thread-safe stores.
#pragma once

#include <string>
#include <vector>

#include "access/directory.h"
#include "api/api.h"
#include "app/demo_centre.h"
#include "app/sip_accounts.h"
#include "centre/centre_repository.h"

namespace cc::app {

inline constexpr const char* kDemoSipNumber = "100";
inline constexpr const char* kDemoSipQueue = "Линия SIP";

// The logins it created now (empty when the line was there already); each
// login's password is both its web and its SIP password.
core::Result<std::vector<DemoLogin>> EnsureDemoSipLine(access::Directory& directory,
                                                       centre::CentreRepository& centre, SipAccounts& accounts,
                                                       core::TenantId tenant, const std::string& realm,
                                                       core::Timestamp now);

inline constexpr const char* kDemoIvrNumber = "200";

// The demo's voice menu on 200 (when no menu has that number yet): orders 1,
// delivery 2, the operator 0, each to the test line with its topic; always open.
core::Status EnsureDemoIvr(api::IvrControl& ivr, centre::CentreRepository& centre, core::TenantId tenant);

// The operators of the test line, whom bots leave alone.
bool IsDemoSipLogin(const std::string& login);

}  // namespace cc::app
