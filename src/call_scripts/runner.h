// One call's walk through a script. The run holds the script version it
// started with, so publishing a new version never changes a call in progress.
// Pure and deterministic: the desk performs the actions and stores collected
// values; the run only says where the operator is and how they got there.
// Jump steps are followed on arrival and never appear in the path.
// Thread-safety: a value type; one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "call_scripts/placeholders.h"
#include "call_scripts/script.h"
#include "core/result.h"

namespace cc::call_scripts {

// What the script panel shows for the current step.
struct StepView {
  std::string step;
  StepKind kind = StepKind::kSay;
  std::string text;                  // say text, question or collect label, filled in
  std::vector<std::string> options;  // ask option labels, filled in
  bool ends = false;                 // the script ends at this step
};

class Run {
 public:
  // Starts at the script's start step; kFailedPrecondition if the script has
  // validation problems (the message gives the first).
  static core::Result<Run> Start(std::shared_ptr<const Script> script);

  const Script& script() const { return *script_; }
  int version() const { return script_->version; }
  const std::string& current() const { return path_.back(); }
  const Step& step() const;
  // The steps shown so far, from the start to the current one.
  const std::vector<std::string>& path() const { return path_; }
  bool ended() const { return IsTerminal(step()); }

  // Picks an option of the current ask step (0-based).
  core::Status Choose(std::size_t option);
  // Goes on from a say, collect or action step.
  core::Status Next();
  // Returns to the previous step of the path.
  core::Status Back();
  // Redoes the last Back, if nothing was chosen since.
  core::Status Forward();

  bool can_forward() const { return !forward_.empty(); }

  StepView View(const PlaceholderValues& values) const;
  // The view of any step of the script (e.g. one on the path); `ends` says
  // whether the script would end there.
  StepView ViewOf(const std::string& step_id, const PlaceholderValues& values) const;

 private:
  explicit Run(std::shared_ptr<const Script> script) : script_(std::move(script)) {}

  // Moves to `target`, following jumps, and records it in the path.
  void Enter(const std::string& target);

  std::shared_ptr<const Script> script_;
  std::vector<std::string> path_;
  std::vector<std::string> forward_;  // steps undone by Back, most recent last
};

}  // namespace cc::call_scripts
