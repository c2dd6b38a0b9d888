#include "centre/desk.h"

namespace cc::centre {

namespace {

nlohmann::json CallJson(const DeskCall& c) {
  return {{"call", c.call.value()},
          {"queue", c.queue.value()},
          {"caller", c.caller ? nlohmann::json(*c.caller) : nlohmann::json(nullptr)},
          {"dialled", c.dialled},
          {"since", core::FormatUtc(c.since)},
          {"on_hold", c.on_hold},
          {"consulting", c.consulting},
          {"topic", c.topic}};
}

}  // namespace

nlohmann::json ToJson(const Desk& desk) {
  nlohmann::json j = {
      {"agent", desk.agent.value()},
      {"state", acd::ToString(desk.state)},
      {"reason", desk.state == acd::AgentState::kNotReady ? nlohmann::json(acd::ToString(desk.reason))
                                                          : nlohmann::json(nullptr)},
      {"since", core::FormatUtc(desk.since)},
      {"offer", nullptr},
      {"call", nullptr},
      {"wrap_up", nullptr},
      {"bot", desk.driven_by_bot},
  };
  if (desk.offer) {
    j["offer"] = CallJson(*desk.offer);
    j["offer"]["kind"] = acd::ToString(desk.offer_kind);
  }
  if (desk.call) j["call"] = CallJson(*desk.call);
  if (desk.wrap_up) {
    j["wrap_up"] = CallJson(*desk.wrap_up);
    j["wrap_up"]["until"] = core::FormatUtc(desk.wrap_up_until);
  }
  return j;
}

}  // namespace cc::centre
