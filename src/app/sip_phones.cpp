#include "app/sip_phones.h"

#include <algorithm>

#include "core/time.h"
#include "telephony/sip/digest.h"

namespace cc::app {

core::Status SipPhones::SetSipPassword(core::UserId user, const std::string& login, const std::string& password) {
  if (auto s = accounts_.Set(user, login, realm_, password, clock_.Now()); !s) return s;
  if (sip_) {
    telephony::sip::SipAccount account{login, core::AgentId(user.value()),
                                       telephony::sip::DigestHa1(login, realm_, password)};
    centre_.Ask([this, account] {
          sip_->telephony().SetAccount(account);
          return 0;
        })
        .get();
  }
  return {};
}

nlohmann::json SipPhones::Phone(core::UserId user) {
  nlohmann::json out{{"configured", false}, {"registered", false}, {"contacts", nlohmann::json::array()}};
  if (auto list = accounts_.List()) {
    out["configured"] = std::any_of(list->begin(), list->end(), [&](const telephony::sip::SipAccount& a) {
      return a.agent == core::AgentId(user.value());
    });
  }
  if (!sip_) return out;
  auto bindings = centre_.Ask([this] { return sip_->telephony().Bindings(); }).get();
  for (const auto& b : bindings) {
    if (b.agent != core::AgentId(user.value())) continue;
    out["registered"] = true;
    out["contacts"].push_back({{"contact", b.contact},
                               {"expires_at", core::FormatUtc(b.expires_at)},
                               {"source", b.source.address + ":" + std::to_string(b.source.port) + "/" +
                                              b.source.transport}});
  }
  return out;
}

}  // namespace cc::app
