// Slows password guessing. Counts failed logins per login name and per remote
// address over a sliding window. A login with too many failures is locked
// for a while (each further lockout in a row lasts twice as long, up to a
// cap); an address with too many failures is refused for a while. Locks are
// per name, whether or not the name exists, so answers reveal nothing about
// which logins exist. In memory: a restart forgets the counters.
// Time comes in as `now` on every call (no clock is read here).
// Thread-safety: all methods may be called from any thread at the same time.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "core/time.h"

namespace cc::access {

struct ThrottleOptions {
  int max_login_failures = 5;     // within `window`, then the login is locked
  int max_address_failures = 20;  // within `window`, then the address is refused
  core::Duration window = std::chrono::minutes(15);
  core::Duration lockout = std::chrono::minutes(15);    // the first lockout
  core::Duration max_lockout = std::chrono::hours(24);  // escalation stops here
  std::size_t max_tracked = 100'000;  // beyond this, idle entries are dropped first
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleOptions options = {}) : options_(options) {}

  // kResourceExhausted, saying when to retry, if the login or the address is
  // locked at `now`; OK otherwise.
  core::Status Check(std::string_view login, std::string_view address, core::Timestamp now);

  // Counts a failed attempt; may lock the login or the address.
  void RecordFailure(std::string_view login, std::string_view address, core::Timestamp now);

  // A successful login clears the login's failures and escalation.
  void RecordSuccess(std::string_view login);

 private:
  struct Counter {
    std::deque<core::Timestamp> failures;  // within the window, oldest first
    core::Timestamp locked_until;
    int lockouts = 0;  // in a row, for escalation
  };

  core::Status Refuse(core::Timestamp until, core::Timestamp now) const;
  // Adds a failure; true when it locks the counter (for longer each time if `escalate`).
  bool Count(Counter& counter, int limit, bool escalate, core::Timestamp now);
  void Prune(std::unordered_map<std::string, Counter>& map, core::Timestamp now);

  const ThrottleOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Counter> logins_;     // guarded by mutex_
  std::unordered_map<std::string, Counter> addresses_;  // guarded by mutex_
};

}  // namespace cc::access
