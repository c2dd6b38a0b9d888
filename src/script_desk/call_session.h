// One call's scripts as the operator works through them: the queue's script
// (the main run), a playbook situation opened on top of it, the values typed
// in, and the actions done. Moves go to the situation when one is open, else
// to the main run. Confirming an action step asks the CallWorld to do it; a
// step's action is done once per run however often the operator passes it.
// Every move leaves UseRecords behind for the interaction log and analytics
// (script_log.h).
// Thread-safety: a value type; one thread at a time (ScriptSessions locks).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "call_scripts/placeholders.h"
#include "call_scripts/runner.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "script_desk/script_store.h"

namespace cc::script_desk {

struct CallContext {
  core::CallId call;
  core::TenantId tenant;
  core::QueueId queue;
  core::AgentId agent;
  bool training = false;
};

// What an action step asks the world to do.
struct ActionRequest {
  const call_scripts::Action& action;
  // consult_supervisor_then_transfer and a transfer that stays on the line:
  // "consult", then "transfer"; else empty
  std::string stage;
  const std::map<std::string, std::string>& values;
  std::string code;  // the script or situation the step belongs to
  const call_scripts::Script* script = nullptr;  // its text (collect labels, name)
};

// The live centre and the CRM as the session needs them.
class CallWorld {
 public:
  virtual ~CallWorld() = default;
  // Placeholder values the world knows: operator_name, company, customer.*, order.*, caller_name.
  virtual call_scripts::PlaceholderValues Facts() = 0;
  // Does the action; the answer (case id, callback time, …) goes into "done".
  virtual core::Result<nlohmann::json> Perform(const ActionRequest& request) = 0;
};

// One thing that happened, for the log: "shown", "answered", "collected", "action", "outcome".
struct UseRecord {
  core::Timestamp at;
  std::string code;
  ScriptKind kind = ScriptKind::kScript;
  int version = 0;
  call_scripts::Language language = call_scripts::Language::kRu;
  std::string step;
  call_scripts::StepKind step_kind = call_scripts::StepKind::kSay;
  std::string event;
  std::string action;   // for "action" and "outcome"
  std::string outcome;  // end_call's outcome
  nlohmann::json detail = nlohmann::json::object();  // option label, value, action result
};

class CallSession {
 public:
  explicit CallSession(CallContext context) : context_(context) {}

  const CallContext& context() const { return context_; }
  bool has_main() const { return main_.has_value(); }
  bool has_situation() const { return situation_.has_value(); }

  // Starts the main run (the queue's script) / opens a situation over it.
  core::Status StartMain(const StoredScript& script, core::Timestamp now);
  core::Status OpenSituation(const StoredScript& situation, core::Timestamp now);
  void CloseSituation();

  // Moves of the active run. `value` is for a collect step; `skip_consult`
  // makes consult_supervisor_then_transfer go straight to the transfer.
  core::Status Next(const std::optional<std::string>& value, bool skip_consult, CallWorld& world,
                    core::Timestamp now);
  core::Status Choose(std::size_t option, core::Timestamp now);
  core::Status Back(core::Timestamp now);
  core::Status Forward(core::Timestamp now);

  // The session as GET /api/agent/script answers it (docs/call_scripts.md).
  nlohmann::json ToJson(const call_scripts::PlaceholderValues& facts) const;
  // The facts with what the operator typed laid over them.
  call_scripts::PlaceholderValues Values(call_scripts::PlaceholderValues facts) const;

  const std::map<std::string, std::string>& values() const { return values_; }
  // Records made since the last call, oldest first.
  std::vector<UseRecord> TakeRecords();

 private:
  struct ActiveRun {
    std::string code;
    ScriptKind kind = ScriptKind::kScript;
    int instance = 0;  // tells two openings of the same situation apart
    call_scripts::Run run;
  };

  ActiveRun* Active();
  const ActiveRun* Active() const;
  void Record(const ActiveRun& r, std::string event, core::Timestamp now, nlohmann::json detail = nlohmann::json::object(),
              std::string action = "", std::string outcome = "");
  void Shown(const ActiveRun& r, core::Timestamp now);
  nlohmann::json RunJson(const ActiveRun& r, const call_scripts::PlaceholderValues& values) const;
  std::string StageOf(const ActiveRun& r) const;
  core::Status PerformHere(ActiveRun& r, const call_scripts::Action& action, bool skip_consult, CallWorld& world,
                           core::Timestamp now, bool& stay);

  CallContext context_;
  std::optional<ActiveRun> main_;
  std::optional<ActiveRun> situation_;
  int instances_ = 0;
  std::map<std::string, std::string> values_;
  nlohmann::json done_ = nlohmann::json::array();
  std::set<std::pair<int, std::string>> performed_;        // (instance, step)
  std::set<std::pair<int, std::string>> consulted_;        // consult stage done at (instance, step)
  std::vector<UseRecord> records_;
};

}  // namespace cc::script_desk
