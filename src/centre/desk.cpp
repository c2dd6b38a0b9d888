#include "centre/desk.h"

namespace cc::centre {

namespace {

nlohmann::json ConsultJson(const DeskCall& c) {
  if (!c.consult) return nullptr;
  nlohmann::json j = {{"connected", c.consult_connected}};
  switch (c.consult->kind) {
    case acd::ConsultTargetKind::kAgent:
      j["to"] = "agent";
      j["agent"] = c.consult->agent.value();
      break;
    case acd::ConsultTargetKind::kQueue:
      j["to"] = "queue";
      j["queue"] = c.consult->queue.value();
      break;
    case acd::ConsultTargetKind::kExternal:
      j["to"] = "external";
      j["number"] = c.consult->number;
      break;
  }
  return j;
}

nlohmann::json CallJson(const DeskCall& c) {
  return {{"call", c.call.value()},
          {"queue", c.queue.value()},
          {"caller", c.caller ? nlohmann::json(*c.caller) : nlohmann::json(nullptr)},
          {"dialled", c.dialled},
          {"since", core::FormatUtc(c.since)},
          {"on_hold", c.on_hold},
          {"consulting", c.consulting()},
          {"consult", ConsultJson(c)},
          {"conference", c.conference},
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
