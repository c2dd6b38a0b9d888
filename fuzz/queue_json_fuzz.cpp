// Bodies of the admin API's queue and agent-profile requests
// (centre::QueueFromJson, centre::ProfileFromJson), JSON parsed the way the
// HTTP layer does. Properties: an accepted queue or profile written out
// (ToJson, ProfileToJson) reads back to the same JSON; every accepted number
// is the number the body gave, inside the range the parser documents.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "centre/setup_json.h"
#include "check.h"

using namespace cc;
using nlohmann::json;

namespace {

// When `body` gave `key` as an integer, `accepted` is that integer (json's ==
// would call -1 and 2^64-1 equal, so the two kinds are compared by hand).
void SameNumber(const json& body, const char* key, long long accepted) {
  if (!body.is_object() || !body.contains(key)) return;
  const json& given = body[key];
  if (given.is_number_unsigned()) {
    FUZZ_CHECK(accepted >= 0 && static_cast<std::uint64_t>(accepted) == given.get<std::uint64_t>());
  } else if (given.is_number_integer()) {
    FUZZ_CHECK(accepted == given.get<std::int64_t>());
  }
}

long long Secs(core::Duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  json body;
  try {
    body = json::parse(text);
  } catch (const json::exception&) {
    return 0;  // the HTTP layer answers 400 before the body reaches a parser
  }

  const auto queue = centre::QueueFromJson(body, core::QueueId(3), core::TenantId(1));
  if (queue) {
    const acd::QueueConfig& c = queue->config;
    FUZZ_CHECK(!c.name.empty());
    FUZZ_CHECK(c.priority >= -100 && c.priority <= 100);
    FUZZ_CHECK(c.sl_target_percent >= 1 && c.sl_target_percent <= 100);
    FUZZ_CHECK(c.max_callers >= 0 && c.max_callers <= 100000);
    FUZZ_CHECK(c.sl_threshold >= core::Seconds(1) && c.sl_threshold <= core::Seconds(3600));
    FUZZ_CHECK(c.ring_timeout >= core::Seconds(1) && c.ring_timeout <= core::Seconds(300));
    for (const auto& s : c.required_skills) FUZZ_CHECK(s.min_level >= 1 && s.min_level <= 10);
    SameNumber(body, "priority", c.priority);
    SameNumber(body, "sl_threshold_s", Secs(c.sl_threshold));
    SameNumber(body, "sl_target_percent", c.sl_target_percent);
    SameNumber(body, "short_abandon_s", Secs(c.short_abandon));
    SameNumber(body, "max_wait_s", Secs(c.max_wait));
    SameNumber(body, "wrap_up_s", Secs(c.wrap_up));
    SameNumber(body, "announce_every_s", Secs(c.announce_every));
    SameNumber(body, "max_callers", c.max_callers);
    SameNumber(body, "ring_timeout_s", Secs(c.ring_timeout));
    const json written = centre::ToJson(*queue);
    const auto again = centre::QueueFromJson(written, core::QueueId(3), core::TenantId(1));
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(centre::ToJson(*again) == written);
  }

  acd::AgentConfig agent;
  if (centre::ProfileFromJson(body, agent)) {
    for (const auto& s : agent.skills) FUZZ_CHECK(s.level >= 1 && s.level <= 10);
    for (const auto& m : agent.queues) FUZZ_CHECK(m.tier >= 1 && m.tier <= 9);
    if (agent.team_lead_queue) SameNumber(body, "team_lead_queue", agent.team_lead_queue->value());
    const json written = centre::ProfileToJson(agent);
    acd::AgentConfig again;
    FUZZ_CHECK(centre::ProfileFromJson(written, again).has_value());
    FUZZ_CHECK(centre::ProfileToJson(again) == written);
  }
  return 0;
}
