// CdrBuilder on real engine runs: one CDR per call with the numbers, times
// and outcome a supervisor would read off the call.
#include "reporting/cdr_builder.h"

#include <gtest/gtest.h>

#include <map>

#include "reporting/scenario_log_for_test.h"

namespace cc::reporting {
namespace {

using namespace std::chrono_literals;

// Every CDR as it stands after all `records`, patches applied.
std::map<core::CallId, Cdr> Project(const std::vector<storage::LogRecord>& records,
                                    CdrBuilder& builder) {
  std::map<core::CallId, Cdr> cdrs;
  for (const auto& r : records) builder.Consume(r);
  CdrChanges changes = builder.TakeChanges();
  for (Cdr& c : changes.cdrs) cdrs[c.call] = c;
  for (const CdrPatch& p : changes.patches) {
    auto it = cdrs.find(p.call);
    if (it == cdrs.end()) continue;
    it->second.wrap_up += p.add_wrap_up;
    if (p.disposition) {
      it->second.disposition = *p.disposition;
      it->second.note = p.note;
    }
  }
  return cdrs;
}

std::map<core::CallId, Cdr> Project(const std::vector<storage::LogRecord>& records) {
  CdrBuilder builder;
  return Project(records, builder);
}

constexpr const char* kAnsweredWithHold = R"(
  queue sales wrapup=30
  agent anna queues=sales
  anna ready
  at 2
  call c1 arrives sales from=+74951234567
  at 6
  anna answers c1
  at 20
  hold c1
  at 30
  resume c1
  at 60
  anna hangs-up c1
  at 70
)";

TEST(CdrBuilder, AnsweredCallWithHoldWrapUpAndDisposition) {
  ScenarioLog log;
  log.Run(kAnsweredWithHold);
  CdrBuilder builder;
  for (const auto& r : log.records()) builder.Consume(r);
  CdrChanges at_end = builder.TakeChanges();
  ASSERT_EQ(at_end.cdrs.size(), 1u);
  const Cdr& first = at_end.cdrs[0];
  EXPECT_EQ(first.call, log.Call("c1"));
  EXPECT_EQ(first.outcome, "completed");
  EXPECT_EQ(first.disposition, "");
  EXPECT_EQ(builder.held(), 1u) << "still waiting for the agent's wrap-up";

  const std::size_t seen = log.records().size();
  log.Dispose("c1", "anna", "sale", "two licences");
  log.Run("at 75\nanna wrapdone\n");
  for (std::size_t i = seen; i < log.records().size(); ++i) builder.Consume(log.records()[i]);
  CdrChanges after = builder.TakeChanges();
  ASSERT_EQ(after.cdrs.size(), 1u);
  const Cdr& c = after.cdrs[0];
  EXPECT_EQ(c.tenant, core::TenantId(1));
  EXPECT_EQ(c.direction, Direction::kInbound);
  EXPECT_EQ(c.dialled, "+74950000000");
  EXPECT_EQ(c.caller, "+79160000001");
  EXPECT_EQ(c.queue, log.Queue("sales"));
  EXPECT_EQ(c.agent, log.Agent("anna"));
  EXPECT_EQ(c.arrived_at, log.At(2));
  EXPECT_EQ(c.answered_at, log.At(6));
  EXPECT_EQ(c.ended_at, log.At(60));
  EXPECT_EQ(c.wait, 4s);
  EXPECT_EQ(c.talk + c.hold, 54s);
  EXPECT_EQ(c.hold, 10s);
  EXPECT_EQ(c.wrap_up, 15s);
  EXPECT_EQ(c.transfers, 0);
  EXPECT_EQ(c.outcome, "completed");
  EXPECT_EQ(c.disposition, "sale");
  EXPECT_EQ(c.note, "two licences");
  EXPECT_EQ(builder.held(), 0u);
  ASSERT_EQ(after.released.size(), 1u);
  EXPECT_TRUE(after.saved.empty());
  EXPECT_EQ(builder.skipped(), 0);
}

TEST(CdrBuilder, AbandonedCallHasWaitAndNoAgent) {
  ScenarioLog log;
  log.Run("queue sales\ncall c1 arrives sales\nat 30\nc1 hangs-up\n");
  auto cdrs = Project(log.records());
  ASSERT_EQ(cdrs.size(), 1u);
  const Cdr& c = cdrs.begin()->second;
  EXPECT_EQ(c.outcome, "abandoned");
  EXPECT_EQ(c.wait, 30s);
  EXPECT_FALSE(c.answered_at);
  EXPECT_FALSE(c.agent.valid());
  EXPECT_EQ(c.talk, 0s);
  EXPECT_EQ(c.ended_at, log.At(30));
}

TEST(CdrBuilder, TransferredCallCountsTheTransferAndEndsWithTheSecondAgent) {
  ScenarioLog log;
  log.Run(R"(
    queue sales wrapup=0
    queue support wrapup=0
    agent anna queues=sales
    agent sam queues=support
    anna ready
    call c1 arrives sales
    at 5
    anna answers c1
    at 35
    transfer c1 to queue support
    at 45
    sam ready
    sam answers c1
    at 105
    sam hangs-up c1
  )");
  auto cdrs = Project(log.records());
  ASSERT_EQ(cdrs.size(), 1u);
  const Cdr& c = cdrs.begin()->second;
  EXPECT_EQ(c.transfers, 1);
  EXPECT_EQ(c.agent, log.Agent("sam"));
  EXPECT_EQ(c.queue, log.Queue("support"));
  EXPECT_EQ(c.answered_at, log.At(5));
  EXPECT_EQ(c.wait, 5s + 10s);
  EXPECT_EQ(c.talk, 30s + 60s);
  EXPECT_EQ(c.outcome, "completed");
}

TEST(CdrBuilder, CallbackIsACallbackToTheCustomersNumber) {
  ScenarioLog log;
  log.Run(R"(
    queue sales wrapup=0
    agent anna queues=sales
    call c1 arrives sales
    at 20
    c1 wants-callback +74951112233
    at 40
    anna ready
    anna answers c1
    c1 answered
    at 100
    anna hangs-up c1
  )");
  auto cdrs = Project(log.records());
  ASSERT_EQ(cdrs.size(), 1u);
  const Cdr& c = cdrs.begin()->second;
  EXPECT_EQ(c.direction, Direction::kCallback);
  EXPECT_EQ(c.dialled, "+74951112233");
  EXPECT_EQ(c.agent, log.Agent("anna"));
  EXPECT_EQ(c.answered_at, log.At(40));
  EXPECT_EQ(c.wait, 20s);
  EXPECT_EQ(c.talk, 60s);
  EXPECT_EQ(c.outcome, "completed");
}

TEST(CdrBuilder, OutboundCallThatNobodyAnswers) {
  ScenarioLog log;
  log.Run(R"(
    queue survey wrapup=0
    agent anna queues=survey
    anna ready
    originate o1 in survey number=+74953334455 agent=anna
  )");
  log.AnnounceOutbound("o1", "+74953334455");
  log.Run("at 30\no1 unanswered\n");
  auto cdrs = Project(log.records());
  ASSERT_EQ(cdrs.size(), 1u);
  const Cdr& c = cdrs.begin()->second;
  EXPECT_EQ(c.direction, Direction::kOutbound);
  EXPECT_EQ(c.dialled, "+74953334455");
  EXPECT_FALSE(c.caller);
  EXPECT_EQ(c.outcome, "callback-failed");
  EXPECT_FALSE(c.answered_at);
}

TEST(CdrBuilder, DispositionAfterTheCallWasLetGoBecomesAPatch) {
  ScenarioLog log;
  log.Run(std::string(kAnsweredWithHold) + "at 75\nanna wrapdone\n");
  log.Dispose("c1", "anna", "complaint", "late");
  CdrBuilder builder;
  for (const auto& r : log.records()) builder.Consume(r);
  CdrChanges changes = builder.TakeChanges();
  ASSERT_EQ(changes.cdrs.size(), 1u);
  EXPECT_EQ(changes.cdrs[0].disposition, "");
  ASSERT_EQ(changes.patches.size(), 1u);
  EXPECT_EQ(changes.patches[0].call, log.Call("c1"));
  EXPECT_EQ(changes.patches[0].disposition, "complaint");
  EXPECT_EQ(changes.patches[0].note, "late");
}

TEST(CdrBuilder, EndedCallIsLetGoWhenWrapUpNeverComes) {
  ScenarioLog log;
  log.Run(kAnsweredWithHold);
  CdrBuilder builder;
  for (const auto& r : log.records()) builder.Consume(r);
  EXPECT_EQ(builder.held(), 1u);
  storage::LogRecord later;
  later.type = "agent.state_changed";
  later.at_ms = core::ToMillis(log.At(60) + CdrBuilder::kMaxWrapUpWait);
  later.payload = "{}";
  builder.Consume(later);
  EXPECT_EQ(builder.held(), 0u);
}

TEST(CdrBuilder, RestartFromSavedStateGivesTheSameCdrs) {
  ScenarioLog log;
  log.Run(R"(
    queue sales wrapup=10
    queue support wrapup=5
    agent anna queues=sales
    agent sam queues=support
    anna ready
    sam ready
    call c1 arrives sales
    call c2 arrives support
    at 3
    anna answers c1
    sam answers c2
    call c3 arrives sales
    at 20
    hold c1
    at 25
    c3 hangs-up
    resume c1
    at 40
    transfer c1 to queue support
    at 60
    sam hangs-up c2
    at 65
    sam answers c1
    at 90
    sam hangs-up c1
    at 120
  )");
  const auto whole = Project(log.records());
  ASSERT_EQ(whole.size(), 3u);

  for (std::size_t split = 1; split < log.records().size(); ++split) {
    CdrBuilder first;
    std::map<core::CallId, std::string> saved;
    std::map<core::CallId, Cdr> cdrs;
    for (std::size_t i = 0; i < split; ++i) first.Consume(log.records()[i]);
    CdrChanges changes = first.TakeChanges();
    for (auto& [call, state] : changes.saved) saved[call] = state;
    for (Cdr& c : changes.cdrs) cdrs[c.call] = c;

    CdrBuilder second;
    for (const auto& [call, state] : saved) ASSERT_TRUE(second.Restore(state));
    std::vector<storage::LogRecord> rest(log.records().begin() + static_cast<long>(split),
                                         log.records().end());
    for (auto& [call, cdr] : Project(rest, second)) cdrs[call] = cdr;
    EXPECT_EQ(cdrs, whole) << "split after record " << split;
  }
}

TEST(CdrBuilder, UnreadableRecordsAreSkippedAndCounted) {
  storage::LogRecord bad;
  bad.seq = 1;
  bad.type = "call.queued";
  bad.call_id = 7;
  bad.payload = "{not json";
  CdrBuilder builder;
  builder.Consume(bad);
  EXPECT_EQ(builder.skipped(), 1);
  EXPECT_EQ(builder.held(), 0u);
  EXPECT_FALSE(builder.Restore("{\"call\": 1}"));
}

TEST(CdrBuilder, InterruptedCallGetsOutcomeInterrupted) {
  ScenarioLog log;
  log.Run("queue sales\nagent anna queues=sales\nanna ready\ncall c1 arrives sales\nat 4\n"
          "anna answers c1\nat 30\n");
  std::vector<storage::LogRecord> records = log.records();
  records.push_back(CallInterruptedRecord(log.At(100), log.Call("c1")));
  CdrBuilder builder;
  for (const auto& r : records) builder.Consume(r);
  EXPECT_TRUE(builder.OpenCalls().empty());
  CdrChanges changes = builder.TakeChanges();
  ASSERT_EQ(changes.cdrs.size(), 1u);
  EXPECT_EQ(changes.cdrs[0].outcome, "interrupted");
  EXPECT_EQ(changes.cdrs[0].ended_at, log.At(100));
  EXPECT_EQ(changes.cdrs[0].answered_at, log.At(4));
}

// A call that came through an IVR menu keeps the topic the caller chose.
TEST(CdrBuilder, KeepsTheTopicChosenInTheIvr) {
  ScenarioLog log;
  log.Run(kAnsweredWithHold);
  std::vector<storage::LogRecord> records = log.records();
  for (auto& r : records) {
    if (r.type != "call.received") continue;
    auto payload = nlohmann::json::parse(r.payload);
    payload["ivr"] = {{"menu", 1}, {"keys", "21"}, {"topic", "Доставка / Статус"}};
    r.payload = payload.dump();
  }
  const auto cdrs = Project(records);
  ASSERT_EQ(cdrs.size(), 1u);
  EXPECT_EQ(cdrs.begin()->second.topic, "Доставка / Статус");
  EXPECT_EQ(ToJson(cdrs.begin()->second)["topic"], "Доставка / Статус");
  EXPECT_TRUE(Project(log.records()).begin()->second.topic.empty());  // no IVR, no topic
}

// A caller who left an IVR menu without reaching a queue (hung up, or heard a
// "closed" message) has a call record from that one record: when they came,
// from where, to which number, and how it ended.
TEST(CdrBuilder, ACallerWhoLeftTheIvrHasARecordFromItsOneRecord) {
  storage::LogRecord r;
  r.at_ms = 1'800'000'050'000;
  r.type = "ivr.ended";
  r.call_id = 77;
  r.payload = R"({"type":"ivr.ended","call":77,"dialled":"+74950000100","caller":"+79160000001","menu":3,)"
              R"("keys":"9","outcome":"hung-up","open":true,"ivr_ms":12500,"tenant":2})";
  CdrBuilder builder;
  builder.Consume(r);
  EXPECT_TRUE(builder.OpenCalls().empty());
  CdrChanges changes = builder.TakeChanges();
  ASSERT_EQ(changes.cdrs.size(), 1u);
  const Cdr& cdr = changes.cdrs[0];
  EXPECT_EQ(cdr.call, core::CallId(77));
  EXPECT_EQ(cdr.tenant, core::TenantId(2));
  EXPECT_EQ(cdr.direction, Direction::kInbound);
  EXPECT_EQ(cdr.dialled, "+74950000100");
  EXPECT_EQ(cdr.caller, "+79160000001");
  EXPECT_EQ(cdr.outcome, "ivr-hung-up");
  EXPECT_EQ(cdr.ended_at, core::FromMillis(1'800'000'050'000));
  EXPECT_EQ(cdr.arrived_at, core::FromMillis(1'800'000'037'500));
  EXPECT_FALSE(cdr.answered_at);
  EXPECT_FALSE(cdr.queue.valid());
  EXPECT_FALSE(cdr.agent.valid());
}

}  // namespace
}  // namespace cc::reporting
