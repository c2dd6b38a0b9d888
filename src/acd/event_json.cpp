#include "acd/event_json.h"

#include <type_traits>

#include "core/overloaded.h"

namespace cc::acd {

using core::Overloaded;
using nlohmann::json;

namespace {

template <typename Id>
json IdJson(Id id) {
  if (!id.valid()) return nullptr;
  return static_cast<std::int64_t>(id.value());
}

std::int64_t Ms(Duration d) {
  return d.count();
}

json TextOrNull(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

json TargetJson(const ConsultTarget& t) {
  switch (t.kind) {
    case ConsultTargetKind::kAgent:
      return {{"kind", "agent"}, {"agent", IdJson(t.agent)}};
    case ConsultTargetKind::kQueue:
      return {{"kind", "queue"}, {"queue", IdJson(t.queue)}};
    case ConsultTargetKind::kExternal:
      return {{"kind", "external"}, {"number", t.number}};
  }
  return nullptr;
}

json Fields(const EventBody& body) {
  // One lambda per alternative and no generic fallback: a new event that is
  // not written here fails to compile.
  return std::visit(
      Overloaded{
          [](const QueueConfigured& e) -> json {
            return {{"queue", IdJson(e.queue)},
                    {"tenant", IdJson(e.tenant)},
                    {"name", e.name},
                    {"sl_threshold_ms", Ms(e.sl_threshold)},
                    {"sl_target_percent", e.sl_target_percent},
                    {"short_abandon_ms", Ms(e.short_abandon)}};
          },
          [](const AgentConfigured& e) -> json {
            json queues = json::array();
            for (const QueueMembership& m : e.queues) {
              queues.push_back({{"queue", IdJson(m.queue)}, {"tier", m.tier}});
            }
            json skills = json::array();
            for (const SkillLevel& s : e.skills) {
              skills.push_back({{"skill", IdJson(s.skill)}, {"level", s.level}});
            }
            return {{"agent", IdJson(e.agent)}, {"queues", queues}, {"skills", skills}};
          },
          [](const AgentStateChanged& e) -> json {
            json reason = nullptr;
            if (e.reason != NotReadyReason::kNone) reason = ToString(e.reason);
            return {{"agent", IdJson(e.agent)},
                    {"from", ToString(e.from)},
                    {"to", ToString(e.to)},
                    {"reason", reason},
                    {"forced", e.forced}};
          },
          [](const CallQueued& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"queue", IdJson(e.queue)},
                    {"tenant", IdJson(e.tenant)},
                    {"via", ToString(e.via)},
                    {"priority", e.priority}};
          },
          [](const CallbackQueued& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"queue", IdJson(e.queue)},
                    {"via", ToString(e.via)},
                    {"number", e.number}};
          },
          [](const CallbackScheduled& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"queue", IdJson(e.queue)},
                    {"due", core::FormatUtc(e.due)}};
          },
          [](const CallOffered& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"agent", IdJson(e.agent)},
                    {"queue", IdJson(e.queue)},
                    {"kind", ToString(e.kind)}};
          },
          [](const OfferEnded& e) -> json {
            return {{"call", IdJson(e.call)}, {"agent", IdJson(e.agent)}, {"how", ToString(e.how)}};
          },
          [](const CallAnswered& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"agent", IdJson(e.agent)},
                    {"queue", IdJson(e.queue)},
                    {"wait_ms", Ms(e.wait)}};
          },
          [](const CallAbandoned& e) -> json {
            return {{"call", IdJson(e.call)}, {"queue", IdJson(e.queue)}, {"wait_ms", Ms(e.wait)}};
          },
          [](const CallOverflowed& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"from", IdJson(e.from)},
                    {"to", IdJson(e.to)},
                    {"reason", ToString(e.reason)},
                    {"wait_ms", Ms(e.wait)}};
          },
          [](const CallbackChosen& e) -> json {
            return {{"call", IdJson(e.call)}, {"queue", IdJson(e.queue)}, {"wait_ms", Ms(e.wait)}};
          },
          [](const CallRejected& e) -> json {
            return {{"call", IdJson(e.call)}, {"queue", IdJson(e.queue)}};
          },
          [](const CallbackOffered& e) -> json {
            return {{"call", IdJson(e.call)}, {"queue", IdJson(e.queue)}};
          },
          [](const CallConnected& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"agent", IdJson(e.agent)},
                    {"queue", IdJson(e.queue)},
                    {"kind", ToString(e.kind)}};
          },
          [](const CallHeld& e) -> json {
            return {{"call", IdJson(e.call)}, {"agent", IdJson(e.agent)}};
          },
          [](const CallResumed& e) -> json {
            return {{"call", IdJson(e.call)}, {"agent", IdJson(e.agent)}};
          },
          [](const ConsultStarted& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"agent", IdJson(e.agent)},
                    {"target", TargetJson(e.target)}};
          },
          [](const ConsultConnected& e) -> json {
            json j = {{"call", IdJson(e.call)}, {"agent", IdJson(e.agent)}};
            if (e.with_agent) j["with_agent"] = IdJson(*e.with_agent);
            return j;
          },
          [](const ConsultEnded& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"agent", IdJson(e.agent)},
                    {"outcome", ToString(e.outcome)},
                    {"failed", e.failed}};
          },
          [](const CallTransferred& e) -> json {
            return {{"call", IdJson(e.call)},         {"from_agent", IdJson(e.from_agent)},
                    {"kind", ToString(e.kind)},       {"queue", IdJson(e.queue)},
                    {"to_agent", IdJson(e.to_agent)}, {"number", TextOrNull(e.number)}};
          },
          [](const CallRequeued& e) -> json {
            return {
                {"call", IdJson(e.call)}, {"queue", IdJson(e.queue)}, {"agent", IdJson(e.agent)}};
          },
          [](const AgentLeftCall& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"agent", IdJson(e.agent)},
                    {"queue", IdJson(e.queue)},
                    {"talk_ms", Ms(e.talk)},
                    {"hold_ms", Ms(e.hold)}};
          },
          [](const CallHandled& e) -> json {
            return {{"call", IdJson(e.call)},   {"agent", IdJson(e.agent)},
                    {"queue", IdJson(e.queue)}, {"talk_ms", Ms(e.talk)},
                    {"hold_ms", Ms(e.hold)},    {"wrap_up_ms", Ms(e.wrap_up)}};
          },
          [](const CallEnded& e) -> json {
            return {{"call", IdJson(e.call)},
                    {"queue", IdJson(e.queue)},
                    {"outcome", ToString(e.outcome)}};
          },
      },
      body);
}

template <typename Id>
std::optional<std::int64_t> Key(Id id) {
  if (!id.valid()) return std::nullopt;
  return static_cast<std::int64_t>(id.value());
}

}  // namespace

json ToJson(const Event& event) {
  json j = Fields(event.body);
  j["type"] = EventName(event.body);
  j["v"] = kEventSchemaVersion;
  j["at"] = core::FormatUtc(event.at);
  return j;
}

EventKeys KeysOf(const EventBody& body) {
  return std::visit(
      [](const auto& e) {
        EventKeys keys;
        if constexpr (requires { e.call; }) keys.call = Key(e.call);
        if constexpr (requires { e.agent; }) {
          keys.agent = Key(e.agent);
        } else if constexpr (requires { e.from_agent; }) {
          keys.agent = Key(e.from_agent);
        }
        if constexpr (requires { e.queue; }) {
          keys.queue = Key(e.queue);
        } else if constexpr (requires { e.from; }) {
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(e.from)>, QueueId>)
            keys.queue = Key(e.from);
        }
        return keys;
      },
      body);
}

}  // namespace cc::acd
