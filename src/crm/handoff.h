// Hand-off of confirmed orders to managers: which manager gets an
// order. Managers may be limited to regions and product categories; among
// those who fit, the least loaded (fewest open orders) gets it, and among
// equally loaded ones the one who waited longest since their last order
// (round robin). When nobody fits the region or categories, every active
// manager of the tenant is a candidate, so an order is never left unassigned
// while a manager is on duty.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "crm/ids.h"

namespace cc::crm {

struct ManagerProfile {
  core::UserId user;
  std::vector<std::string> regions;       // empty: any region
  std::vector<CategoryId> categories;     // empty: any category
  bool active = true;
  int open_orders = 0;
  core::Timestamp last_assigned;          // epoch: never
};

struct HandOffChoice {
  core::UserId manager;
  std::string reason;  // "region Москва, least loaded (2 open orders)"
};

std::optional<HandOffChoice> ChooseManager(const std::vector<ManagerProfile>& managers,
                                           const std::string& region,
                                           const std::vector<CategoryId>& order_categories);

}  // namespace cc::crm
