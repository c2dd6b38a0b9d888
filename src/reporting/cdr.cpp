#include "reporting/cdr.h"

namespace cc::reporting {

using core::ErrorCode;
using core::Fail;

std::string_view ToString(Direction direction) {
  switch (direction) {
    case Direction::kInbound:
      return "inbound";
    case Direction::kCallback:
      return "callback";
    case Direction::kOutbound:
      return "outbound";
  }
  return "inbound";
}

core::Result<Direction> ParseDirection(std::string_view text) {
  for (Direction d : {Direction::kInbound, Direction::kCallback, Direction::kOutbound}) {
    if (ToString(d) == text) return d;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "direction '" + std::string(text) + "': expected inbound, callback or outbound");
}

namespace {

template <typename Id>
nlohmann::json IdJson(Id id) {
  if (!id.valid()) return nullptr;
  return static_cast<std::int64_t>(id.value());
}

nlohmann::json TextOrNull(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

}  // namespace

nlohmann::json ToJson(const Cdr& cdr) {
  return {{"call", IdJson(cdr.call)},
          {"tenant", IdJson(cdr.tenant)},
          {"direction", ToString(cdr.direction)},
          {"dialled", TextOrNull(cdr.dialled)},
          {"caller", cdr.caller ? nlohmann::json(*cdr.caller) : nlohmann::json(nullptr)},
          {"queue", IdJson(cdr.queue)},
          {"agent", IdJson(cdr.agent)},
          {"arrived_at", core::FormatUtc(cdr.arrived_at)},
          {"answered_at", cdr.answered_at ? nlohmann::json(core::FormatUtc(*cdr.answered_at))
                                          : nlohmann::json(nullptr)},
          {"ended_at", core::FormatUtc(cdr.ended_at)},
          {"wait_ms", cdr.wait.count()},
          {"talk_ms", cdr.talk.count()},
          {"hold_ms", cdr.hold.count()},
          {"wrap_up_ms", cdr.wrap_up.count()},
          {"transfers", cdr.transfers},
          {"outcome", cdr.outcome},
          {"disposition", TextOrNull(cdr.disposition)},
          {"note", TextOrNull(cdr.note)},
          {"topic", TextOrNull(cdr.topic)}};
}

}  // namespace cc::reporting
