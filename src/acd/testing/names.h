// How the randomized engine test names things in its failure messages and
// report: ids ("agent-3"), times as seconds since the start of the run, call
// stages, skill needs and whole inputs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "acd/engine.h"

namespace cc::acd::random_test {

// Every run starts at this instant; Secs() counts from it.
constexpr std::int64_t kStartMillis = 1'795'852'800'000;  // 2026-11-27T08:00:00Z

std::string N(AgentId id);
std::string N(CallId id);
std::string N(QueueId id);
std::string Secs(Timestamp t);  // "12.345s" after the start of the run
std::string_view StageName(CallStage s);
std::string Skills(const std::vector<SkillRequirement>& reqs);  // "skill-1:3,skill-2:5" or "-"
std::string DescribeInput(const Input& input);                  // one line

}  // namespace cc::acd::random_test
