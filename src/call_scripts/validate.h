// The checks a script must pass before it is published or run: every
// reference leads to a step, every step is reachable from the start, every
// step leads on or ends the script, every loop has a way out, texts are not
// empty and use only known placeholders.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "call_scripts/script.h"

namespace cc::call_scripts {

struct Problem {
  std::string step;     // the step at fault; empty for the script as a whole
  std::string message;  // in words, for the editor: "'next' leads to 'x', which is not a step"

  friend bool operator==(const Problem&, const Problem&) = default;
};

// "step 'greet': ..." or the bare message for the script as a whole.
std::string ToString(const Problem& problem);

// No problems means the script may be run. Problems come in a stable order:
// the script's own, then step by step (by id), then unreachable steps, then loops.
std::vector<Problem> Validate(const Script& script);

}  // namespace cc::call_scripts
