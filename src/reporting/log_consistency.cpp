#include "reporting/log_consistency.h"

#include <fmt/format.h>

#include <map>
#include <string_view>

#include "reporting/server_records.h"

namespace cc::reporting {

using core::ErrorCode;
using core::Fail;

namespace {

constexpr int kPage = 5000;

bool Terminal(std::string_view type) { return type == "call.ended" || type == kCallInterrupted; }
bool AllowedAfterEnd(std::string_view type) {
  return type == "call.handled" || type == kCallDisposition;
}

}  // namespace

core::Result<LogSummary> CheckLogConsistency(storage::InteractionLog& log) {
  LogSummary summary;
  enum class Stage { kOpen, kEnded };
  std::map<std::int64_t, Stage> calls;  // calls with call.received
  std::int64_t expected = 1;
  for (;;) {
    auto page = log.ReadFrom(expected, kPage);
    if (!page) return tl::unexpected(page.error());
    if (page->empty()) break;
    for (const storage::LogRecord& r : *page) {
      auto broken = [&](std::string what) {
        return Fail(ErrorCode::kFailedPrecondition,
                    fmt::format("interaction log record {} ({}{}): {}", r.seq, r.type,
                                r.call_id ? fmt::format(", call {}", *r.call_id) : "", what));
      };
      if (r.seq != expected) return broken(fmt::format("expected sequence {}", expected));
      ++expected;
      ++summary.records;
      if (!r.call_id) continue;
      auto it = calls.find(*r.call_id);
      if (r.type == kCallReceived) {
        if (it != calls.end()) return broken("a second call.received for the call");
        calls.emplace(*r.call_id, Stage::kOpen);
        continue;
      }
      if (it == calls.end()) continue;  // not announced by call.received (callback, outbound)
      if (it->second == Stage::kEnded) {
        if (Terminal(r.type)) return broken("the call had already ended");
        if (!AllowedAfterEnd(r.type)) return broken("a record after the call ended");
        continue;
      }
      if (Terminal(r.type)) it->second = Stage::kEnded;
    }
  }
  // call.received must come first: an engine event of the same call before it
  // would have been counted as "not announced", so check that in a second pass.
  std::map<std::int64_t, bool> received;
  for (const auto& [call, stage] : calls) received.emplace(call, false);
  for (std::int64_t next = 1; next < expected;) {
    auto page = log.ReadFrom(next, kPage);
    if (!page) return tl::unexpected(page.error());
    if (page->empty()) break;
    for (const storage::LogRecord& r : *page) {
      next = r.seq + 1;
      if (!r.call_id) continue;
      auto it = received.find(*r.call_id);
      if (it == received.end()) continue;
      if (r.type == kCallReceived) {
        it->second = true;
      } else if (!it->second) {
        return Fail(ErrorCode::kFailedPrecondition,
                    fmt::format("interaction log record {} ({}, call {}): before the call's "
                                "call.received",
                                r.seq, r.type, *r.call_id));
      }
    }
  }
  summary.calls = static_cast<std::int64_t>(calls.size());
  for (const auto& [call, stage] : calls) {
    if (stage == Stage::kOpen) summary.open_calls.push_back(core::CallId(static_cast<std::uint64_t>(call)));
  }
  return summary;
}

}  // namespace cc::reporting
