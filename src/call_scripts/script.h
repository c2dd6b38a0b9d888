// A call script: a versioned graph of steps that guides an operator through a
// call. Steps are keyed by id; each names the steps it leads to. The model is
// plain data: JSON (script_json.h), checks (validate.h) and the runtime
// (runner.h) live beside it.
// Thread-safety: value types and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace cc::call_scripts {

struct ScriptTag {
  static constexpr const char* kPrefix = "script-";
};
using ScriptId = core::StrongId<ScriptTag>;

enum class Language { kRu, kEn };
enum class StepKind { kSay, kAsk, kCollect, kAction, kJump };
// Where a collected value is written.
enum class CollectTarget { kCall, kOrder };
// How a collected value is typed in: free text, a local date and time
// ("2026-11-28T15:00", the centre's zone), or a phone number.
enum class CollectInput { kText, kDateTime, kPhone };
enum class ActionKind {
  kCreateOrder,
  kOpenCase,
  kScheduleCallback,
  kTransfer,
  kConsultSupervisorThenTransfer,
  kRequeueAtHeadAndAlert,
  kHold,
  kEndCall,
  kReturn,  // a playbook situation is over: back to the main script
};
enum class TransferTarget { kQueue, kAgent, kSpecialist, kTeamLead };

inline constexpr std::array<Language, 2> kAllLanguages = {Language::kRu, Language::kEn};
inline constexpr std::array<StepKind, 5> kAllStepKinds = {
    StepKind::kSay, StepKind::kAsk, StepKind::kCollect, StepKind::kAction, StepKind::kJump};
inline constexpr std::array<CollectTarget, 2> kAllCollectTargets = {CollectTarget::kCall,
                                                                    CollectTarget::kOrder};
inline constexpr std::array<CollectInput, 3> kAllCollectInputs = {
    CollectInput::kText, CollectInput::kDateTime, CollectInput::kPhone};
inline constexpr std::array<ActionKind, 9> kAllActionKinds = {
    ActionKind::kCreateOrder,
    ActionKind::kOpenCase,
    ActionKind::kScheduleCallback,
    ActionKind::kTransfer,
    ActionKind::kConsultSupervisorThenTransfer,
    ActionKind::kRequeueAtHeadAndAlert,
    ActionKind::kHold,
    ActionKind::kEndCall,
    ActionKind::kReturn};
inline constexpr std::array<TransferTarget, 4> kAllTransferTargets = {
    TransferTarget::kQueue, TransferTarget::kAgent, TransferTarget::kSpecialist,
    TransferTarget::kTeamLead};

// Names as they appear in JSON: "ru", "say", "call", "open_case", "team_lead".
std::string_view ToString(Language value);
std::string_view ToString(StepKind value);
std::string_view ToString(CollectTarget value);
std::string_view ToString(CollectInput value);
std::string_view ToString(ActionKind value);
std::string_view ToString(TransferTarget value);
core::Result<Language> LanguageFromString(std::string_view text);
core::Result<StepKind> StepKindFromString(std::string_view text);
core::Result<CollectTarget> CollectTargetFromString(std::string_view text);
core::Result<CollectInput> CollectInputFromString(std::string_view text);
core::Result<ActionKind> ActionKindFromString(std::string_view text);
core::Result<TransferTarget> TransferTargetFromString(std::string_view text);

// The operator reads `text` (placeholders allowed) and goes on to `next`.
struct Say {
  std::string text;
  std::string next;
};

struct AskOption {
  std::string label;
  std::string next;
};

// The operator asks `text`; the caller's answer picks one option.
struct Ask {
  std::string text;
  std::vector<AskOption> options;
};

// The operator types a value (prompted by `label`) into `field` of the call
// record or of the order being taken.
struct Collect {
  std::string label;
  CollectTarget target = CollectTarget::kCall;
  std::string field;
  std::string next;
  CollectInput input = CollectInput::kText;
};

struct Transfer {
  TransferTarget to = TransferTarget::kQueue;
  std::string id;  // queue or agent id, specialist group; may be empty for the team lead
  // The operator stays on the line: first a consult with the target (the
  // caller holds), then the hand-over once the target has answered.
  bool stay = false;
};

// Something the system does when the operator confirms the step. Only the
// fields of the action's kind are used: `case_category` for open_case,
// `transfer` for transfer, `external_number` for
// consult_supervisor_then_transfer, `outcome` for end_call.
struct Action {
  ActionKind kind = ActionKind::kHold;
  std::string case_category;
  Transfer transfer;
  std::string external_number;  // e.g. "112"
  std::string outcome;          // e.g. "sale", "abusive", "silent_line"
  std::string next;             // empty: the script ends here (see IsTerminal)
};

struct Jump {
  std::string to;
};

// The alternatives are in StepKind order.
using StepBody = std::variant<Say, Ask, Collect, Action, Jump>;

struct Step {
  StepBody body;

  StepKind kind() const;
};

struct Script {
  ScriptId id;  // 0 for a script not stored yet
  core::TenantId tenant;
  std::string name;
  int version = 1;
  Language language = Language::kRu;
  std::string start;
  std::map<std::string, Step> steps;

  // The step with this id, or nullptr.
  const Step* Find(const std::string& step_id) const;
};

// The call leaves the operator with this action (end, transfer, external
// transfer, back to the queue): such a step may end the script.
bool HandsOffCall(ActionKind kind);

// The script ends at this step: end_call, return, or a hand-off action with no next.
bool IsTerminal(const Step& step);

// The steps this step leads to, in the order they are written (may name
// missing steps; empty references are left out).
std::vector<std::string> Successors(const Step& step);

}  // namespace cc::call_scripts
