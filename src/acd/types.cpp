#include "acd/types.h"

#include <array>
#include <utility>

namespace cc::acd {

namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<AgentState, 7> kAgentStates{{
    {AgentState::kLoggedOut, "logged-out"},
    {AgentState::kReady, "ready"},
    {AgentState::kReserved, "reserved"},
    {AgentState::kOnCall, "on-call"},
    {AgentState::kOnHold, "on-hold"},
    {AgentState::kWrapUp, "wrap-up"},
    {AgentState::kNotReady, "not-ready"},
}};

constexpr Names<NotReadyReason, 11> kReasons{{
    {NotReadyReason::kNone, "none"},
    {NotReadyReason::kLogin, "login"},
    {NotReadyReason::kBreak, "break"},
    {NotReadyReason::kLunch, "lunch"},
    {NotReadyReason::kTraining, "training"},
    {NotReadyReason::kMeeting, "meeting"},
    {NotReadyReason::kCoaching, "coaching"},
    {NotReadyReason::kTechnical, "technical"},
    {NotReadyReason::kHealth, "health"},
    {NotReadyReason::kMissedOffers, "missed-offers"},
    {NotReadyReason::kOther, "other"},
}};

constexpr Names<RoutingPolicy, 4> kPolicies{{
    {RoutingPolicy::kLongestIdle, "longest-idle"},
    {RoutingPolicy::kFewestCalls, "fewest-calls"},
    {RoutingPolicy::kRoundRobin, "round-robin"},
    {RoutingPolicy::kSkillsBestMatch, "skills-best-match"},
}};

template <typename E, std::size_t N>
std::string_view NameOf(const Names<E, N>& names, E value) {
  for (const auto& [v, n] : names)
    if (v == value) return n;
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const Names<E, N>& names, std::string_view s) {
  for (const auto& [v, n] : names)
    if (n == s) return v;
  return std::nullopt;
}

}  // namespace

std::string_view ToString(AgentState s) {
  return NameOf(kAgentStates, s);
}
std::string_view ToString(NotReadyReason r) {
  return NameOf(kReasons, r);
}
std::string_view ToString(RoutingPolicy p) {
  return NameOf(kPolicies, p);
}
std::optional<AgentState> ParseAgentState(std::string_view s) {
  return Parse(kAgentStates, s);
}
std::optional<NotReadyReason> ParseNotReadyReason(std::string_view s) {
  return Parse(kReasons, s);
}
std::optional<RoutingPolicy> ParseRoutingPolicy(std::string_view s) {
  return Parse(kPolicies, s);
}

}  // namespace cc::acd
