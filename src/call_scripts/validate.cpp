#include "call_scripts/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "call_scripts/placeholders.h"

namespace cc::call_scripts {

namespace {

class Checker {
 public:
  explicit Checker(const Script& script) : script_(script) {}

  std::vector<Problem> Run() {
    CheckScript();
    for (const auto& [id, step] : script_.steps) CheckStep(id, step);
    CheckReachable();
    CheckLoops();
    return std::move(problems_);
  }

 private:
  void Add(const std::string& step, std::string message) {
    Problem problem{step, std::move(message)};
    problems_.push_back(std::move(problem));
  }

  void CheckScript() {
    if (script_.name.empty()) Add("", "the script has no name");
    if (script_.steps.empty()) Add("", "the script has no steps");
    if (script_.start.empty()) {
      Add("", "the script names no start step");
    } else if (script_.Find(script_.start) == nullptr) {
      Add("", fmt::format("the start step '{}' is not a step", script_.start));
    }
  }

  void Text(const std::string& id, const std::string& what, const std::string& text) {
    if (text.empty()) {
      Add(id, fmt::format("the {} is empty", what));
      return;
    }
    for (const std::string& name : Unknown(text)) {
      Add(id, fmt::format("the {} uses the unknown placeholder {{{}}}", what, name));
    }
  }

  void Reference(const std::string& id, const std::string& what, const std::string& target) {
    if (!target.empty() && script_.Find(target) == nullptr) {
      Add(id, fmt::format("{} leads to '{}', which is not a step", what, target));
    }
  }

  void NeedsNext(const std::string& id, const std::string& kind, const std::string& next) {
    if (next.empty()) {
      Add(id, fmt::format("dead end: this {} step does not say where to go next", kind));
    }
  }

  void CheckStep(const std::string& id, const Step& step) {
    if (const auto* say = std::get_if<Say>(&step.body)) {
      Text(id, "text", say->text);
      NeedsNext(id, "say", say->next);
      Reference(id, "'next'", say->next);
    } else if (const auto* ask = std::get_if<Ask>(&step.body)) {
      CheckAsk(id, *ask);
    } else if (const auto* collect = std::get_if<Collect>(&step.body)) {
      Text(id, "label", collect->label);
      if (collect->field.empty()) Add(id, "the field to collect into is empty");
      NeedsNext(id, "collect", collect->next);
      Reference(id, "'next'", collect->next);
    } else if (const auto* action = std::get_if<Action>(&step.body)) {
      CheckAction(id, *action);
    } else if (const auto* jump = std::get_if<Jump>(&step.body)) {
      if (jump->to.empty()) Add(id, "dead end: this jump does not say where to go");
      if (jump->to == id) Add(id, "the jump leads to itself");
      Reference(id, "the jump", jump->to);
    }
  }

  void CheckAsk(const std::string& id, const Ask& ask) {
    Text(id, "question", ask.text);
    if (ask.options.empty()) {
      Add(id, "dead end: the question offers no options");
      return;
    }
    std::set<std::string> labels;
    for (std::size_t i = 0; i < ask.options.size(); ++i) {
      const AskOption& option = ask.options[i];
      const std::string what = option.label.empty() ? fmt::format("option {}", i + 1)
                                                    : fmt::format("option '{}'", option.label);
      Text(id, fmt::format("label of option {}", i + 1), option.label);
      if (!option.label.empty() && !labels.insert(option.label).second) {
        Add(id, fmt::format("two options are labelled '{}'", option.label));
      }
      if (option.next.empty())
        Add(id, fmt::format("dead end: {} does not say where it leads", what));
      Reference(id, what, option.next);
    }
  }

  void CheckAction(const std::string& id, const Action& action) {
    const std::string kind(ToString(action.kind));
    switch (action.kind) {
      case ActionKind::kOpenCase:
        if (action.case_category.empty()) Add(id, "open_case names no case category");
        break;
      case ActionKind::kTransfer:
        if (action.transfer.id.empty() && (action.transfer.to == TransferTarget::kQueue ||
                                           action.transfer.to == TransferTarget::kAgent)) {
          Add(id, fmt::format("the transfer to a {} names no {}", ToString(action.transfer.to),
                              ToString(action.transfer.to)));
        }
        break;
      case ActionKind::kConsultSupervisorThenTransfer:
        if (action.external_number.empty()) Add(id, "the consult names no number to transfer to");
        break;
      case ActionKind::kEndCall:
        if (action.outcome.empty()) Add(id, "end_call names no outcome");
        if (!action.next.empty()) {
          Add(id, fmt::format("end_call ends the script, so 'next' ('{}') would never be taken",
                              action.next));
        }
        return;
      case ActionKind::kReturn:
        return;  // JSON gives it no 'next'; it always ends the run
      case ActionKind::kCreateOrder:
      case ActionKind::kScheduleCallback:
      case ActionKind::kRequeueAtHeadAndAlert:
      case ActionKind::kHold:
        break;
    }
    if (!HandsOffCall(action.kind)) NeedsNext(id, kind, action.next);
    Reference(id, "'next'", action.next);
  }

  // Successors that exist.
  std::vector<std::string> Edges(const Step& step) const {
    std::vector<std::string> out;
    for (const std::string& next : Successors(step)) {
      if (script_.Find(next) != nullptr) out.push_back(next);
    }
    return out;
  }

  void CheckReachable() {
    if (script_.Find(script_.start) == nullptr) return;
    std::set<std::string> seen = {script_.start};
    std::vector<std::string> todo = {script_.start};
    while (!todo.empty()) {
      const std::string id = todo.back();
      todo.pop_back();
      for (const std::string& next : Edges(*script_.Find(id))) {
        if (seen.insert(next).second) todo.push_back(next);
      }
    }
    for (const auto& [id, step] : script_.steps) {
      if (!seen.contains(id)) Add(id, "unreachable: no path from the start step leads here");
    }
  }

  // A loop with no way out: a cycle of steps (a strongly connected component
  // with an edge inside) from which no terminal step can be reached.
  void CheckLoops() {
    std::map<std::string, std::vector<std::string>> reverse;
    std::vector<std::string> todo;
    std::set<std::string> can_end;
    for (const auto& [id, step] : script_.steps) {
      for (const std::string& next : Edges(step)) reverse[next].push_back(id);
      if (IsTerminal(step)) {
        can_end.insert(id);
        todo.push_back(id);
      }
    }
    while (!todo.empty()) {
      const std::string id = todo.back();
      todo.pop_back();
      for (const std::string& before : reverse[id]) {
        if (can_end.insert(before).second) todo.push_back(before);
      }
    }
    for (const std::vector<std::string>& component : Components()) {
      if (can_end.contains(component.front())) continue;
      const Step& first = *script_.Find(component.front());
      const std::vector<std::string> edges = Edges(first);
      const bool is_cycle = component.size() > 1 ||
                            std::find(edges.begin(), edges.end(), component.front()) != edges.end();
      if (!is_cycle) continue;
      std::string names;
      for (const std::string& id : component) names += (names.empty() ? "'" : ", '") + id + "'";
      Add(component.front(),
          fmt::format("loop with no way out: from {} the call can never end", names));
    }
  }

  // Strongly connected components (Tarjan), each sorted, in order of their
  // smallest step id.
  std::vector<std::vector<std::string>> Components() const {
    std::map<std::string, int> index;
    std::map<std::string, int> low;
    std::set<std::string> on_stack;
    std::vector<std::string> stack;
    std::vector<std::vector<std::string>> out;
    int counter = 0;
    std::function<void(const std::string&)> visit = [&](const std::string& id) {
      index[id] = low[id] = counter++;
      stack.push_back(id);
      on_stack.insert(id);
      for (const std::string& next : Edges(*script_.Find(id))) {
        if (!index.contains(next)) {
          visit(next);
          low[id] = std::min(low[id], low[next]);
        } else if (on_stack.contains(next)) {
          low[id] = std::min(low[id], index[next]);
        }
      }
      if (low[id] != index[id]) return;
      std::vector<std::string> component;
      std::string member;
      do {
        member = stack.back();
        stack.pop_back();
        on_stack.erase(member);
        component.push_back(member);
      } while (member != id);
      std::sort(component.begin(), component.end());
      out.push_back(std::move(component));
    };
    for (const auto& [id, step] : script_.steps) {
      if (!index.contains(id)) visit(id);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  const Script& script_;
  std::vector<Problem> problems_;
};

}  // namespace

std::string ToString(const Problem& problem) {
  if (problem.step.empty()) return problem.message;
  return fmt::format("step '{}': {}", problem.step, problem.message);
}

std::vector<Problem> Validate(const Script& script) {
  return Checker(script).Run();
}

}  // namespace cc::call_scripts
