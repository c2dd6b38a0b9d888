// Which outside numbers the centre may call: external transfers and
// consults, callbacks and outbound calls all pass this check before the
// engine sees them (Centre::Submit), so no path — the desk, a script, a
// caller's callback, the simulator — dials what the plan forbids. Emergency
// numbers are always allowed.
//
// Patterns are digits with an optional trailing '*' ("7*", "8495*", "112");
// numbers compare by their digits alone ("+7 (495) 123-45-67" is 74951234567).
// Thread-safety: immutable after Make; safe to share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "acd/inputs.h"
#include "core/phone_number.h"
#include "core/result.h"

namespace cc::centre {

struct DialPlanRules {
  std::vector<std::string> allow = {"*"};  // everything, unless the config says otherwise
  std::vector<std::string> emergency = {"112", "101", "102", "103", "104", "01", "02", "03", "04"};
};

class DialPlan {
 public:
  // Fails on a pattern that is not digits with an optional trailing '*'.
  static core::Result<DialPlan> Make(DialPlanRules rules);
  DialPlan() : DialPlan(Make(DialPlanRules{}).value()) {}

  // Ok, or a permission error naming the number.
  core::Status Permits(std::string_view number) const;
  // The same for an input that dials out (others pass).
  core::Status Permits(const acd::Input& input) const;

 private:
  explicit DialPlan(DialPlanRules rules) : rules_(std::move(rules)) {}
  DialPlanRules rules_;
};

using core::DigitsOf;  // core/phone_number.h

}  // namespace cc::centre
