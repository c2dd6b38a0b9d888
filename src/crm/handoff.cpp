#include "crm/handoff.h"

#include <fmt/format.h>

#include <algorithm>

#include "crm/search_text.h"

namespace cc::crm {

namespace {

bool SameRegion(const std::string& a, const std::string& b) {
  return SearchWords(a) == SearchWords(b);
}

bool Fits(const ManagerProfile& m, const std::string& region, const std::vector<CategoryId>& categories) {
  if (!m.regions.empty()) {
    if (std::none_of(m.regions.begin(), m.regions.end(),
                     [&](const std::string& r) { return SameRegion(r, region); })) {
      return false;
    }
  }
  if (!m.categories.empty()) {
    if (std::none_of(categories.begin(), categories.end(), [&](CategoryId c) {
          return std::find(m.categories.begin(), m.categories.end(), c) != m.categories.end();
        })) {
      return false;
    }
  }
  return true;
}

// Least loaded, then longest since the last order, then the lowest id.
const ManagerProfile* Best(const std::vector<const ManagerProfile*>& candidates) {
  const ManagerProfile* best = nullptr;
  for (const ManagerProfile* m : candidates) {
    if (best == nullptr || m->open_orders < best->open_orders ||
        (m->open_orders == best->open_orders &&
         (m->last_assigned < best->last_assigned ||
          (m->last_assigned == best->last_assigned && m->user < best->user)))) {
      best = m;
    }
  }
  return best;
}

}  // namespace

std::optional<HandOffChoice> ChooseManager(const std::vector<ManagerProfile>& managers,
                                           const std::string& region,
                                           const std::vector<CategoryId>& order_categories) {
  std::vector<const ManagerProfile*> fitting;
  std::vector<const ManagerProfile*> active;
  for (const ManagerProfile& m : managers) {
    if (!m.active) continue;
    active.push_back(&m);
    if (Fits(m, region, order_categories)) fitting.push_back(&m);
  }
  if (active.empty()) return std::nullopt;
  const bool fallback = fitting.empty();
  const ManagerProfile* best = Best(fallback ? active : fitting);
  std::string reason;
  if (fallback) {
    reason = fmt::format("no manager covers region \"{}\" and these categories; least loaded of all", region);
  } else {
    reason = fmt::format("covers region \"{}\"; least loaded", region.empty() ? "any" : region);
  }
  reason += fmt::format(" ({} open orders)", best->open_orders);
  return HandOffChoice{best->user, reason};
}

}  // namespace cc::crm
