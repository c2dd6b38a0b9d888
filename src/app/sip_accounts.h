// Agents' SIP accounts: the user name a phone registers as and the digest
// HA1 (MD5 of user:realm:password — the password itself is not kept). Set by
// admins (`callcenter user sip`, the demo); read by the SIP registrar at start.
// Thread-safety: as storage::Database (any thread).
#pragma once

#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/database.h"
#include "telephony/sip/registrar.h"

namespace cc::app {

class SipAccounts {
 public:
  explicit SipAccounts(storage::Database& db) : db_(db) {}
  static storage::Migration Migration(int version);

  core::Result<std::vector<telephony::sip::SipAccount>> List();
  // Sets (or replaces) the account of `user` with a password hashed for `realm`.
  core::Status Set(core::UserId user, const std::string& sip_user, const std::string& realm,
                   const std::string& password, core::Timestamp now);
  core::Status Remove(core::UserId user);

 private:
  storage::Database& db_;
};

}  // namespace cc::app
