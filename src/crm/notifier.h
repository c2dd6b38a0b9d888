// How the CRM tells people about work that reached them at once: a manager
// about an order assigned to them, a department about a case routed to it,
// an agent about a callback. The server sends these over the WebSocket.
// Thread-safety: implementations must accept calls from any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "core/ids.h"

namespace cc::crm {

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual void NotifyUser(core::UserId user, const nlohmann::json& message) = 0;
  virtual void NotifyDepartment(core::TenantId tenant, core::DepartmentId department,
                                const nlohmann::json& message) = 0;
};

// Drops every notification (tools and tests that do not watch them).
class NoNotifier final : public Notifier {
 public:
  void NotifyUser(core::UserId, const nlohmann::json&) override {}
  void NotifyDepartment(core::TenantId, core::DepartmentId, const nlohmann::json&) override {}
};

}  // namespace cc::crm
