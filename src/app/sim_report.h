// Printing a simulated day: the interval table with the Erlang staffing
// advice beside what the roster put on the phones, totals per queue, and the
// same as JSON.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/result.h"
#include "sim/model.h"
#include "sim/report.h"

namespace cc::app {

// Agents each interval needs by Erlang (C, or A with patience), summed over
// queues, to meet every queue's own service-level target with its handle
// time plus wrap-up. Summing per queue ignores the pooling of multi-skilled
// agents, so it errs on the generous side.
core::Result<std::vector<int>> StaffingAdvice(const sim::DayModel& model);

void PrintDay(const sim::DayModel& model, const sim::Report& report, const std::vector<int>& advice,
              std::ostream& out);

nlohmann::json DayJson(const sim::DayModel& model, const sim::Report& report,
                       const std::vector<int>& advice);

}  // namespace cc::app
