#include "call_scripts/script.h"

#include <fmt/format.h>

#include <utility>

namespace cc::call_scripts {

namespace {

template <typename T>
using Names = std::pair<T, std::string_view>;

constexpr std::array<Names<Language>, 2> kLanguageNames = {{
    {Language::kRu, "ru"},
    {Language::kEn, "en"},
}};
constexpr std::array<Names<StepKind>, 5> kStepKindNames = {{
    {StepKind::kSay, "say"},
    {StepKind::kAsk, "ask"},
    {StepKind::kCollect, "collect"},
    {StepKind::kAction, "action"},
    {StepKind::kJump, "jump"},
}};
constexpr std::array<Names<CollectTarget>, 2> kCollectTargetNames = {{
    {CollectTarget::kCall, "call"},
    {CollectTarget::kOrder, "order"},
}};
constexpr std::array<Names<CollectInput>, 3> kCollectInputNames = {{
    {CollectInput::kText, "text"},
    {CollectInput::kDateTime, "datetime"},
    {CollectInput::kPhone, "phone"},
}};
constexpr std::array<Names<ActionKind>, 9> kActionKindNames = {{
    {ActionKind::kCreateOrder, "create_order"},
    {ActionKind::kOpenCase, "open_case"},
    {ActionKind::kScheduleCallback, "schedule_callback"},
    {ActionKind::kTransfer, "transfer"},
    {ActionKind::kConsultSupervisorThenTransfer, "consult_supervisor_then_transfer"},
    {ActionKind::kRequeueAtHeadAndAlert, "requeue_at_head_and_alert"},
    {ActionKind::kHold, "hold"},
    {ActionKind::kEndCall, "end_call"},
    {ActionKind::kReturn, "return"},
}};
constexpr std::array<Names<TransferTarget>, 4> kTransferTargetNames = {{
    {TransferTarget::kQueue, "queue"},
    {TransferTarget::kAgent, "agent"},
    {TransferTarget::kSpecialist, "specialist"},
    {TransferTarget::kTeamLead, "team_lead"},
}};

template <typename T, std::size_t N>
std::string_view NameOf(const std::array<Names<T>, N>& table, T value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table[0].second;
}

template <typename T, std::size_t N>
core::Result<T> ValueOf(const std::array<Names<T>, N>& table, std::string_view text,
                        std::string_view what) {
  std::string names;
  for (const auto& [v, name] : table) {
    if (name == text) return v;
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    fmt::format("unknown {} '{}'; expected one of {}", what, text, names));
}

}  // namespace

std::string_view ToString(Language value) {
  return NameOf(kLanguageNames, value);
}
std::string_view ToString(StepKind value) {
  return NameOf(kStepKindNames, value);
}
std::string_view ToString(CollectTarget value) {
  return NameOf(kCollectTargetNames, value);
}
std::string_view ToString(CollectInput value) {
  return NameOf(kCollectInputNames, value);
}
std::string_view ToString(ActionKind value) {
  return NameOf(kActionKindNames, value);
}
std::string_view ToString(TransferTarget value) {
  return NameOf(kTransferTargetNames, value);
}

core::Result<Language> LanguageFromString(std::string_view text) {
  return ValueOf(kLanguageNames, text, "language");
}
core::Result<StepKind> StepKindFromString(std::string_view text) {
  return ValueOf(kStepKindNames, text, "step kind");
}
core::Result<CollectTarget> CollectTargetFromString(std::string_view text) {
  return ValueOf(kCollectTargetNames, text, "collect target");
}
core::Result<CollectInput> CollectInputFromString(std::string_view text) {
  return ValueOf(kCollectInputNames, text, "collect input");
}
core::Result<ActionKind> ActionKindFromString(std::string_view text) {
  return ValueOf(kActionKindNames, text, "action");
}
core::Result<TransferTarget> TransferTargetFromString(std::string_view text) {
  return ValueOf(kTransferTargetNames, text, "transfer target");
}

static_assert(std::variant_size_v<StepBody> == kAllStepKinds.size(),
              "StepBody must have one alternative per StepKind, in order");

StepKind Step::kind() const {
  return static_cast<StepKind>(body.index());
}

const Step* Script::Find(const std::string& step_id) const {
  const auto it = steps.find(step_id);
  return it == steps.end() ? nullptr : &it->second;
}

bool HandsOffCall(ActionKind kind) {
  switch (kind) {
    case ActionKind::kTransfer:
    case ActionKind::kConsultSupervisorThenTransfer:
    case ActionKind::kRequeueAtHeadAndAlert:
    case ActionKind::kEndCall:
      return true;
    case ActionKind::kCreateOrder:
    case ActionKind::kOpenCase:
    case ActionKind::kScheduleCallback:
    case ActionKind::kHold:
    case ActionKind::kReturn:
      return false;
  }
  return false;
}

bool IsTerminal(const Step& step) {
  const auto* action = std::get_if<Action>(&step.body);
  if (action == nullptr) return false;
  return action->kind == ActionKind::kEndCall || action->kind == ActionKind::kReturn ||
         (HandsOffCall(action->kind) && action->next.empty());
}

std::vector<std::string> Successors(const Step& step) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& id) {
    if (!id.empty()) out.push_back(id);
  };
  if (const auto* say = std::get_if<Say>(&step.body)) add(say->next);
  if (const auto* ask = std::get_if<Ask>(&step.body)) {
    for (const AskOption& option : ask->options) add(option.next);
  }
  if (const auto* collect = std::get_if<Collect>(&step.body)) add(collect->next);
  if (const auto* action = std::get_if<Action>(&step.body)) add(action->next);
  if (const auto* jump = std::get_if<Jump>(&step.body)) add(jump->to);
  return out;
}

}  // namespace cc::call_scripts
