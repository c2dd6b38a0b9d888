#include "centre/dial_plan.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/overloaded.h"

namespace cc::centre {

namespace {

bool Matches(const std::string& pattern, const std::string& digits) {
  if (!pattern.empty() && pattern.back() == '*') {
    return digits.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  }
  return digits == pattern;
}

}  // namespace

core::Result<DialPlan> DialPlan::Make(DialPlanRules rules) {
  for (const auto* list : {&rules.allow, &rules.emergency}) {
    for (const auto& p : *list) {
      const auto digits_end = p.empty() || p.back() != '*' ? p.end() : p.end() - 1;
      const bool ok = !p.empty() && std::all_of(p.begin(), digits_end, [](char c) { return c >= '0' && c <= '9'; });
      if (!ok || (list == &rules.emergency && digits_end != p.end())) {
        return core::Fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("'{}' is not a number pattern (digits, with a trailing '*' in 'allow')", p));
      }
    }
  }
  return DialPlan(std::move(rules));
}

core::Status DialPlan::Permits(std::string_view number) const {
  const std::string digits = DigitsOf(number);
  if (digits.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("'{}' is not a phone number", number));
  }
  const auto match = [&](const std::string& p) { return Matches(p, digits); };
  if (std::any_of(rules_.emergency.begin(), rules_.emergency.end(), match)) return {};
  if (std::any_of(rules_.allow.begin(), rules_.allow.end(), match)) return {};
  return core::Fail(core::ErrorCode::kPermissionDenied,
                    fmt::format("the centre's dial plan does not allow calls to {}", number));
}

core::Status DialPlan::Permits(const acd::Input& input) const {
  return std::visit(core::Overloaded{
                        [&](const acd::TransferExternal& in) { return Permits(in.number); },
                        [&](const acd::StartConsult& in) -> core::Status {
                          if (in.target.kind != acd::ConsultTargetKind::kExternal) return {};
                          return Permits(in.target.number);
                        },
                        [&](const acd::OriginateCall& in) { return Permits(in.number); },
                        [&](const acd::ScheduleCallback& in) { return Permits(in.number); },
                        [&](const acd::CallbackRequested& in) -> core::Status {
                          return in.number.empty() ? core::Status{} : Permits(in.number);
                        },
                        [](const auto&) -> core::Status { return {}; },
                    },
                    input);
}

}  // namespace cc::centre
