// The CRM's notifications over the WebSocket: to one user on "user:<id>",
// and a department's cases on "cases:tenant:<id>" (and "cases:all" for
// those who see every tenant), the message naming the department. Each
// message is serialised once.
// Thread-safety: WsHub is thread-safe; so is this.
#pragma once

#include <string>

#include "crm/notifier.h"
#include "http/ws_hub.h"

namespace cc::api {

inline constexpr const char* kAllCasesChannel = "cases:all";
inline std::string UserChannel(core::UserId user) { return "user:" + std::to_string(user.value()); }
inline std::string CasesChannel(core::TenantId tenant) { return "cases:tenant:" + std::to_string(tenant.value()); }

class CrmNotifier final : public crm::Notifier {
 public:
  explicit CrmNotifier(http::WsHub& hub) : hub_(hub) {}
  void NotifyUser(core::UserId user, const nlohmann::json& message) override {
    hub_.Publish(UserChannel(user), std::make_shared<const std::string>(message.dump()));
  }
  void NotifyDepartment(core::TenantId tenant, core::DepartmentId department,
                        const nlohmann::json& message) override {
    nlohmann::json m = message;
    m["department_id"] = department.value();
    auto text = std::make_shared<const std::string>(m.dump());
    hub_.Publish(CasesChannel(tenant), text);
    hub_.Publish(kAllCasesChannel, text);
  }

 private:
  http::WsHub& hub_;
};

}  // namespace cc::api
