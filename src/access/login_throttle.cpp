#include "access/login_throttle.h"

#include <fmt/format.h>

#include <algorithm>

namespace cc::access {

using core::ErrorCode;
using core::Fail;

core::Status LoginThrottle::Refuse(core::Timestamp until, core::Timestamp now) const {
  auto minutes = std::chrono::ceil<std::chrono::minutes>(until - now).count();
  return Fail(ErrorCode::kResourceExhausted,
              fmt::format("too many failed logins; try again in {} minute{} (after {})", minutes,
                          minutes == 1 ? "" : "s", core::FormatUtc(until)));
}

core::Status LoginThrottle::Check(std::string_view login, std::string_view address,
                                  core::Timestamp now) {
  std::lock_guard lock(mutex_);
  core::Timestamp until{};
  if (auto it = addresses_.find(std::string(address)); it != addresses_.end()) {
    until = std::max(until, it->second.locked_until);
  }
  if (auto it = logins_.find(std::string(login)); it != logins_.end()) {
    until = std::max(until, it->second.locked_until);
  }
  if (until > now) return Refuse(until, now);
  return {};
}

bool LoginThrottle::Count(Counter& counter, int limit, bool escalate, core::Timestamp now) {
  while (!counter.failures.empty() && now - counter.failures.front() >= options_.window) {
    counter.failures.pop_front();
  }
  // A long quiet spell forgives earlier lockouts.
  if (counter.failures.empty() && now - counter.locked_until >= options_.max_lockout) {
    counter.lockouts = 0;
  }
  counter.failures.push_back(now);
  if (static_cast<int>(counter.failures.size()) < limit) return false;
  core::Duration lock = options_.lockout;
  for (int i = 0; escalate && i < counter.lockouts && lock < options_.max_lockout; ++i) lock *= 2;
  counter.locked_until = now + std::min(lock, options_.max_lockout);
  counter.failures.clear();
  ++counter.lockouts;
  return true;
}

void LoginThrottle::RecordFailure(std::string_view login, std::string_view address,
                                  core::Timestamp now) {
  std::lock_guard lock(mutex_);
  Prune(logins_, now);
  Prune(addresses_, now);
  Count(logins_[std::string(login)], options_.max_login_failures, true, now);
  Count(addresses_[std::string(address)], options_.max_address_failures, false, now);
}

void LoginThrottle::RecordSuccess(std::string_view login) {
  std::lock_guard lock(mutex_);
  logins_.erase(std::string(login));
}

void LoginThrottle::Prune(std::unordered_map<std::string, Counter>& map, core::Timestamp now) {
  if (map.size() < options_.max_tracked) return;
  std::erase_if(map, [&](const auto& entry) {
    const Counter& c = entry.second;
    bool quiet = c.failures.empty() || now - c.failures.back() >= options_.window;
    return quiet && c.locked_until <= now;
  });
}

}  // namespace cc::access
