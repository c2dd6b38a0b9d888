#include "script_desk/script_log.h"

#include "storage/interaction_log.h"

namespace cc::script_desk {

namespace {

const char* LogType(const UseRecord& u) {
  if (u.event == "action") return "script.action";
  if (u.event == "outcome") return "script.outcome";
  return "script.step";
}

}  // namespace

std::vector<storage::Statement> UseStatements(const CallContext& context, const std::vector<UseRecord>& records) {
  std::vector<storage::LogRecord> log;
  std::vector<storage::Statement> out;
  for (const UseRecord& u : records) {
    nlohmann::json payload = {{"call", context.call.value()},
                              {"agent", context.agent.value()},
                              {"queue", context.queue.value()},
                              {"code", u.code},
                              {"kind", ToString(u.kind)},
                              {"version", u.version},
                              {"language", call_scripts::ToString(u.language)},
                              {"step", u.step},
                              {"step_kind", call_scripts::ToString(u.step_kind)},
                              {"event", u.event}};
    if (!u.action.empty()) payload["action"] = u.action;
    if (!u.outcome.empty()) payload["outcome"] = u.outcome;
    if (!u.detail.empty()) payload["detail"] = u.detail;
    if (context.training) payload["training"] = true;
    storage::LogRecord record;
    record.at_ms = core::ToMillis(u.at);
    record.type = LogType(u);
    record.call_id = static_cast<std::int64_t>(context.call.value());
    record.agent_id = static_cast<std::int64_t>(context.agent.value());
    record.queue_id = static_cast<std::int64_t>(context.queue.value());
    record.payload = payload.dump();
    log.push_back(std::move(record));
    out.push_back({"INSERT INTO script_uses (at_ms, tenant_id, call_id, agent_id, queue_id, code, kind, version, "
                   "language, step, step_kind, event, action, outcome, training) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {core::ToMillis(u.at), static_cast<std::int64_t>(context.tenant.value()),
                    static_cast<std::int64_t>(context.call.value()), static_cast<std::int64_t>(context.agent.value()),
                    static_cast<std::int64_t>(context.queue.value()), u.code, std::string(ToString(u.kind)),
                    static_cast<std::int64_t>(u.version), std::string(call_scripts::ToString(u.language)), u.step,
                    std::string(call_scripts::ToString(u.step_kind)), u.event, u.action, u.outcome,
                    static_cast<std::int64_t>(context.training ? 1 : 0)}});
  }
  for (auto& s : storage::InteractionLog::AppendStatements(std::move(log))) out.push_back(std::move(s));
  return out;
}

}  // namespace cc::script_desk
