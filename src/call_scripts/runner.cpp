#include "call_scripts/runner.h"

#include <fmt/format.h>

#include <cassert>
#include <utility>

#include "call_scripts/validate.h"

namespace cc::call_scripts {

namespace {

core::Status WrongMove(std::string message) {
  return core::Fail(core::ErrorCode::kFailedPrecondition, std::move(message));
}

}  // namespace

core::Result<Run> Run::Start(std::shared_ptr<const Script> script) {
  assert(script != nullptr && "Run::Start needs a script");
  const std::vector<Problem> problems = Validate(*script);
  if (!problems.empty()) {
    return core::Fail(
        core::ErrorCode::kFailedPrecondition,
        fmt::format("script '{}' version {} cannot run: {} ({} problem(s))", script->name,
                    script->version, ToString(problems.front()), problems.size()));
  }
  Run run(std::move(script));
  run.Enter(run.script_->start);
  return run;
}

const Step& Run::step() const {
  return *script_->Find(current());
}

void Run::Enter(const std::string& target) {
  std::string id = target;
  // A valid script has no loop of jumps only, so this ends within steps.size() hops.
  for (std::size_t hops = 0; hops <= script_->steps.size(); ++hops) {
    const auto* jump = std::get_if<Jump>(&script_->Find(id)->body);
    if (jump == nullptr) break;
    id = jump->to;
  }
  path_.push_back(id);
}

core::Status Run::Choose(std::size_t option) {
  const auto* ask = std::get_if<Ask>(&step().body);
  if (ask == nullptr) {
    return WrongMove(
        fmt::format("step '{}' is a {} step, not a question: there is nothing to choose", current(),
                    ToString(step().kind())));
  }
  if (option >= ask->options.size()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("step '{}' has {} option(s); option {} does not exist", current(),
                                  ask->options.size(), option + 1));
  }
  forward_.clear();
  Enter(ask->options[option].next);
  return {};
}

core::Status Run::Next() {
  if (ended()) return WrongMove(fmt::format("the script ended at step '{}'", current()));
  const Step& here = step();
  if (here.kind() == StepKind::kAsk) {
    return WrongMove(fmt::format("step '{}' is a question: choose an option", current()));
  }
  const std::vector<std::string> next = Successors(here);
  assert(next.size() == 1 && "a valid non-terminal say, collect or action step has one next");
  forward_.clear();
  Enter(next.front());
  return {};
}

core::Status Run::Back() {
  if (path_.size() < 2) return WrongMove("already at the first step");
  forward_.push_back(path_.back());
  path_.pop_back();
  return {};
}

core::Status Run::Forward() {
  if (forward_.empty()) return WrongMove("nothing to go forward to");
  path_.push_back(forward_.back());
  forward_.pop_back();
  return {};
}

StepView Run::View(const PlaceholderValues& values) const {
  return ViewOf(current(), values);
}

StepView Run::ViewOf(const std::string& step_id, const PlaceholderValues& values) const {
  StepView view;
  const Step* step = script_->Find(step_id);
  if (step == nullptr) return view;
  view.step = step_id;
  view.kind = step->kind();
  view.ends = IsTerminal(*step);
  if (const auto* say = std::get_if<Say>(&step->body)) view.text = Fill(say->text, values);
  if (const auto* collect = std::get_if<Collect>(&step->body)) {
    view.text = Fill(collect->label, values);
  }
  if (const auto* ask = std::get_if<Ask>(&step->body)) {
    view.text = Fill(ask->text, values);
    for (const AskOption& option : ask->options) view.options.push_back(Fill(option.label, values));
  }
  return view;
}

}  // namespace cc::call_scripts
