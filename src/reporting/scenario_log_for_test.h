// Tests only: plays an acd::Scenario and turns its events into interaction-log
// records the way the server writes them (call.received before an inbound
// call's first event, call.disposition when a test says so).
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string_view>
#include <vector>

#include "acd/event_json.h"
#include "acd/scenario.h"
#include "reporting/server_records.h"

namespace cc::reporting {

class ScenarioLog {
 public:
  // Runs script lines and converts the events they produced.
  void Run(std::string_view script) {
    auto status = scenario_.Run(script);
    ASSERT_TRUE(status) << status.error().message;
    Convert();
  }
  // The agent gives a disposition now.
  void Dispose(std::string_view call, std::string_view agent, const std::string& code,
               const std::string& note) {
    Add(CallDispositionRecord(scenario_.now(), Call(call), *scenario_.AgentNamed(agent), code,
                              note));
  }
  // The server's call.received for an outbound call it has just originated.
  void AnnounceOutbound(std::string_view call, const std::string& number) {
    seen_.insert(static_cast<std::int64_t>(Call(call).value()));
    Add(CallReceivedRecord(scenario_.now(), Call(call), core::TenantId(1), number, std::nullopt,
                           Direction::kOutbound));
  }
  core::CallId Call(std::string_view name) const { return *scenario_.CallNamed(name); }
  core::AgentId Agent(std::string_view name) const { return *scenario_.AgentNamed(name); }
  core::QueueId Queue(std::string_view name) const { return *scenario_.QueueNamed(name); }
  core::Timestamp At(int seconds) const {
    return core::FromMillis(acd::Scenario::kStartMillis + seconds * 1000LL);
  }

  const std::vector<storage::LogRecord>& records() const { return records_; }

 private:
  void Convert() {
    const auto& events = scenario_.events();
    for (; converted_ < events.size(); ++converted_) {
      const acd::Event& e = events[converted_];
      const acd::EventKeys keys = acd::KeysOf(e.body);
      if (keys.call && !seen_.contains(*keys.call)) {
        seen_.insert(*keys.call);
        const bool callback = std::holds_alternative<acd::CallbackQueued>(e.body) ||
                              std::holds_alternative<acd::CallbackScheduled>(e.body);
        if (!callback) {
          core::TenantId tenant(1);
          if (const auto* q = std::get_if<acd::CallQueued>(&e.body); q && q->tenant.valid()) {
            tenant = q->tenant;
          }
          Add(CallReceivedRecord(e.at, core::CallId(static_cast<std::uint64_t>(*keys.call)),
                                 tenant, "+74950000000",
                                 "+7916000000" + std::to_string(*keys.call)));
        }
      }
      storage::LogRecord r;
      r.at_ms = core::ToMillis(e.at);
      r.type = std::string(acd::EventName(e.body));
      r.call_id = keys.call;
      r.agent_id = keys.agent;
      r.queue_id = keys.queue;
      r.payload = acd::ToJson(e).dump();
      Add(std::move(r));
    }
  }
  void Add(storage::LogRecord r) {
    r.seq = static_cast<std::int64_t>(records_.size()) + 1;
    records_.push_back(std::move(r));
  }

  acd::Scenario scenario_;
  std::size_t converted_ = 0;
  std::set<std::int64_t> seen_;
  std::vector<storage::LogRecord> records_;
};

}  // namespace cc::reporting
