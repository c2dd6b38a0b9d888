#include "acd/testing/input_history.h"

#include <fmt/format.h>

#include <cstddef>
#include <utility>

#include "acd/describe.h"
#include "acd/testing/names.h"

namespace cc::acd::random_test {
namespace {

constexpr std::size_t kHistory = 30;  // inputs shown on failure

}  // namespace

void InputHistory::Note(std::string text) {
  Add(Entry{std::move(text), {}, std::nullopt, false, {}, {}});
}

void InputHistory::Record(Timestamp at, const Input& input, bool invalid, std::string status,
                          const Output& out) {
  Add(Entry{{}, at, input, invalid, std::move(status), out});
}

std::string InputHistory::FailureReport(std::uint64_t seed, int applied,
                                        const std::string& message) const {
  std::string report = fmt::format("seed {} failed after {} inputs: {}\n", seed, applied, message);
  report += fmt::format("reproduce with CC_RANDOM_SEED={}; last inputs (oldest first):\n", seed);
  for (const auto& h : history_) report += "  " + Format(h) + "\n";
  return report;
}

std::string InputHistory::Format(const Entry& h) {
  if (!h.input) return h.note;
  std::string s = fmt::format("t={} {}{} -> {}", Secs(h.at), h.invalid ? "(invalid) " : "",
                              DescribeInput(*h.input), h.status);
  for (const auto& c : h.out.commands) s += "\n      command " + Describe(c);
  for (const auto& e : h.out.events)
    s += fmt::format("\n      event   {} @{}", Describe(e.body), Secs(e.at));
  return s;
}

void InputHistory::Add(Entry entry) {
  history_.push_back(std::move(entry));
  if (history_.size() > kHistory) history_.pop_front();
}

}  // namespace cc::acd::random_test
