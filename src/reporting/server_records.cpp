#include "reporting/server_records.h"

#include <nlohmann/json.hpp>

namespace cc::reporting {

namespace {

storage::LogRecord Make(core::Timestamp at, const char* type, core::CallId call,
                        nlohmann::json fields) {
  fields["type"] = type;
  fields["v"] = 1;
  fields["at"] = core::FormatUtc(at);
  storage::LogRecord record;
  record.at_ms = core::ToMillis(at);
  record.type = type;
  record.call_id = static_cast<std::int64_t>(call.value());
  record.payload = fields.dump();
  return record;
}

}  // namespace

storage::LogRecord CallReceivedRecord(core::Timestamp at, core::CallId call, core::TenantId tenant,
                                      const std::string& dialled,
                                      const std::optional<std::string>& caller,
                                      Direction direction) {
  return Make(at, kCallReceived, call,
              {{"call", static_cast<std::int64_t>(call.value())},
               {"dialled", dialled},
               {"caller", caller ? nlohmann::json(*caller) : nlohmann::json(nullptr)},
               {"tenant", static_cast<std::int64_t>(tenant.value())},
               {"direction", ToString(direction)}});
}

storage::LogRecord CallDispositionRecord(core::Timestamp at, core::CallId call,
                                         core::AgentId agent, const std::string& code,
                                         const std::string& note) {
  auto record = Make(at, kCallDisposition, call,
                     {{"call", static_cast<std::int64_t>(call.value())},
                      {"agent", static_cast<std::int64_t>(agent.value())},
                      {"code", code},
                      {"note", note}});
  record.agent_id = static_cast<std::int64_t>(agent.value());
  return record;
}

storage::LogRecord CallInterruptedRecord(core::Timestamp at, core::CallId call) {
  return Make(at, kCallInterrupted, call, {{"call", static_cast<std::int64_t>(call.value())}});
}

}  // namespace cc::reporting
