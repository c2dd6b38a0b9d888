#include "telephony/sip/edge_guard.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

namespace cc::telephony::sip {

namespace {

long long WholeSeconds(core::Duration d) { return std::chrono::duration_cast<std::chrono::seconds>(d).count(); }

}  // namespace

bool EdgeGuard::Count(Window& w, int limit, core::Duration length, core::Timestamp now) {
  if (w.count == 0 || now - w.start >= length) {
    w.start = now;
    w.count = 0;
  }
  return ++w.count > limit;
}

EdgeGuard::Source* EdgeGuard::Find(const std::string& address, core::Timestamp now) {
  auto it = sources_.find(address);
  if (it != sources_.end()) return &it->second;
  if (sources_.size() >= limits_.max_sources) MakeRoom(now);
  if (sources_.size() >= limits_.max_sources) return nullptr;
  return &sources_[address];
}

void EdgeGuard::MakeRoom(core::Timestamp now) {
  // Quiet addresses first: no ban running and nothing counted in the longer window.
  const core::Duration quiet = std::max(limits_.flood_window, limits_.auth_window);
  for (auto it = sources_.begin(); it != sources_.end();) {
    const bool idle = it->second.banned_until <= now && now - it->second.last_seen >= quiet;
    it = idle ? sources_.erase(it) : std::next(it);
  }
}

void EdgeGuard::StartBan(const std::string& address, Source& s, std::string reason, core::Timestamp now) {
  s.banned_until = now + limits_.ban;
  s.requests = {};
  s.failures = {};
  ban_ = Ban{address, std::move(reason), limits_.ban};
}

EdgeGuard::Verdict EdgeGuard::OnRequest(const std::string& address, core::Timestamp now) {
  if (Trusted(address)) return Verdict::kPass;
  Source* s = Find(address, now);
  if (s == nullptr) return Verdict::kPass;  // full of busy addresses: this one is not tracked
  s->last_seen = now;
  if (s->banned_until > now) return Verdict::kBanned;
  if (Count(s->requests, limits_.flood_requests, limits_.flood_window, now)) {
    StartBan(address, *s,
             fmt::format("flood: more than {} requests in {} s", limits_.flood_requests,
                         WholeSeconds(limits_.flood_window)),
             now);
    return Verdict::kBanned;
  }
  return Verdict::kPass;
}

void EdgeGuard::OnAuthFailure(const std::string& address, core::Timestamp now) {
  if (Trusted(address)) return;
  Source* s = Find(address, now);
  if (s == nullptr || s->banned_until > now) return;
  s->last_seen = now;
  if (Count(s->failures, limits_.auth_failures, limits_.auth_window, now)) {
    StartBan(address, *s,
             fmt::format("more than {} failed logins in {} s", limits_.auth_failures,
                         WholeSeconds(limits_.auth_window)),
             now);
  }
}

std::optional<Ban> EdgeGuard::TakeBan() {
  std::optional<Ban> out;
  out.swap(ban_);
  return out;
}

bool EdgeGuard::Banned(const std::string& address, core::Timestamp now) const {
  auto it = sources_.find(address);
  return it != sources_.end() && it->second.banned_until > now;
}

std::vector<std::string> EdgeGuard::BannedAddresses(core::Timestamp now) const {
  std::vector<std::pair<core::Timestamp, std::string>> banned;
  for (const auto& [address, source] : sources_) {
    if (source.banned_until > now) banned.emplace_back(source.banned_until, address);
  }
  std::sort(banned.begin(), banned.end(), std::greater<>());
  std::vector<std::string> out;
  for (auto& entry : banned) out.push_back(std::move(entry.second));
  return out;
}

}  // namespace cc::telephony::sip
