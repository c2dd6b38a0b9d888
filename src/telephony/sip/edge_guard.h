// The SIP port's doorman: counts requests and failed logins per source
// address and bans an address for a while when it floods the port or keeps
// guessing passwords. A banned address gets no answers at all until the ban
// runs out (edge_guard users drop them; see udp_ban_filter.h). Trusted addresses (trunk peers, the outbound trunk, ones the
// config names) are never limited.
//
// No clock inside: the time comes with each call. Memory is bounded: at most
// `max_sources` addresses are tracked; when full, quiet addresses are
// forgotten first and a new address beyond that is counted but not kept.
// Thread-safety: none; one owner (the SIP stack's thread).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.h"

namespace cc::telephony::sip {

struct EdgeLimits {
  int flood_requests = 60;                  // more requests than this within `flood_window` …
  core::Duration flood_window = core::Seconds(2);
  int auth_failures = 5;                    // more failed logins than this within `auth_window` …
  core::Duration auth_window = core::Seconds(60);
  core::Duration ban = core::Seconds(600);  // … ban the address this long
  std::size_t max_sources = 50000;
  std::set<std::string> trusted;
};

// Why and how long an address was just banned, for the log line.
struct Ban {
  std::string address;
  std::string reason;  // "flood: 61 requests in 2 s"
  core::Duration length{};
};

class EdgeGuard {
 public:
  explicit EdgeGuard(EdgeLimits limits) : limits_(std::move(limits)) {}

  enum class Verdict { kPass, kBanned };
  // Counts one request from `address`. kBanned when the address is banned,
  // whether before or by this very request (then `TakeBan` tells why).
  Verdict OnRequest(const std::string& address, core::Timestamp now);
  // Counts a failed login from `address`; may ban it (see `TakeBan`).
  void OnAuthFailure(const std::string& address, core::Timestamp now);
  // The ban the last call started, once.
  std::optional<Ban> TakeBan();

  bool Banned(const std::string& address, core::Timestamp now) const;
  // Every address banned at `now`, most recently banned first.
  std::vector<std::string> BannedAddresses(core::Timestamp now) const;
  bool Trusted(const std::string& address) const { return limits_.trusted.count(address) != 0; }
  std::size_t tracked() const { return sources_.size(); }
  const EdgeLimits& limits() const { return limits_; }

 private:
  struct Window {
    core::Timestamp start{};
    int count = 0;
  };
  struct Source {
    Window requests;
    Window failures;
    core::Timestamp banned_until{};
    core::Timestamp last_seen{};
  };

  Source* Find(const std::string& address, core::Timestamp now);
  // Adds one to `w` (restarting it when `length` has passed); true when it went over `limit`.
  static bool Count(Window& w, int limit, core::Duration length, core::Timestamp now);
  void StartBan(const std::string& address, Source& s, std::string reason, core::Timestamp now);
  void MakeRoom(core::Timestamp now);

  EdgeLimits limits_;
  std::map<std::string, Source> sources_;
  std::optional<Ban> ban_;
};

}  // namespace cc::telephony::sip
