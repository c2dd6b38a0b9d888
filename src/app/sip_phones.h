// api::PhoneControl for `serve`: SIP accounts are stored (SipAccounts) and
// handed to the running registrar at once; registrations are read from it.
// Without SIP telephony accounts are still kept (for the next start with SIP).
// Thread-safety: any thread (the registrar is reached through the centre's loop).
#pragma once

#include "api/api.h"
#include "app/sip_accounts.h"
#include "app/sip_world.h"

namespace cc::app {

class SipPhones final : public api::PhoneControl {
 public:
  SipPhones(SipAccounts& accounts, std::string realm, centre::Centre& centre, SipWorld* sip, core::Clock& clock)
      : accounts_(accounts), realm_(std::move(realm)), centre_(centre), sip_(sip), clock_(clock) {}

  core::Status SetSipPassword(core::UserId user, const std::string& login, const std::string& password) override;
  nlohmann::json Phone(core::UserId user) override;

 private:
  SipAccounts& accounts_;
  std::string realm_;
  centre::Centre& centre_;
  SipWorld* sip_;
  core::Clock& clock_;
};

}  // namespace cc::app
