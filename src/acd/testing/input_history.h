// The failure report of one run of the randomized engine test: the last
// inputs applied, each with its time, whether it was meant not to fit the
// state, the engine's answer and the commands and events it produced, with
// notes between them.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "acd/engine.h"

namespace cc::acd::random_test {

class InputHistory {
 public:
  void Note(std::string text);
  void Record(Timestamp at, const Input& input, bool invalid, std::string status,
              const Output& out);

  // The report of a run that failed with `message` after `applied` inputs.
  std::string FailureReport(std::uint64_t seed, int applied, const std::string& message) const;

 private:
  // One line of the report: an input with what it produced, or a note.
  struct Entry {
    std::string note;
    Timestamp at;
    std::optional<Input> input;
    bool invalid = false;
    std::string status;
    Output out;
  };
  static std::string Format(const Entry& h);
  void Add(Entry entry);

  std::deque<Entry> history_;
};

}  // namespace cc::acd::random_test
