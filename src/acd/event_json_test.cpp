// Events as JSON: every event of a busy scenario converts, carries the
// common header, and a few documents are checked field by field.
#include "acd/event_json.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "acd/scenario.h"

namespace cc::acd {
namespace {

using nlohmann::json;

// Reaches most events of docs/events.md: configuration, agent states,
// answered, abandoned, overflowed, rejected calls, offers that expire, hold,
// consults, transfers, requeue, callbacks and outbound calls.
constexpr const char* kBusyMorning = R"(
  queue leads wrapup=5 max=1
  queue backoffice wrapup=5
  queue sales wrapup=10 ring=10 maxwait=60 overflow=leads sl=20 target=80 short=5
  agent anna queues=sales skills=sales:7
  agent boris queues=sales:2,leads skills=sales:3
  agent lena queues=leads,backoffice
  anna ready
  at 2
  call c1 arrives sales from=+74951234567
  expect offer c1 anna
  at 4
  anna answers c1
  at 20
  hold c1
  at 30
  resume c1
  at 40
  consult c1 with number +74950000000
  consult c1 answered
  complete c1 return
  at 60
  anna hangs-up c1
  at 61
  call c2 arrives sales
  at 65
  c2 hangs-up
  at 80
  call c3 arrives sales
  expect offer c3 anna
  at 91
  anna notready break
  at 100
  call c4 arrives sales
  at 165
  call c5 arrives sales
  boris ready
  boris answers c3
  at 170
  transfer c3 to queue backoffice
  lena ready
  lena answers c3
  at 180
  requeue c3
  at 181
  c3 hangs-up
  at 200
  c5 wants-callback +74951112233
  schedule callback c9 in backoffice at 400 number=+74952223344
  originate c10 in backoffice number=+74953334455
  at 220
  supervisor sets boris logout
)";

class EventJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto status = scenario_.Run(kBusyMorning);
    ASSERT_TRUE(status) << status.error().message;
  }

  std::vector<json> DocumentsOfType(std::string_view type) const {
    std::vector<json> found;
    for (const Event& e : scenario_.events()) {
      if (EventName(e.body) == type) found.push_back(ToJson(e));
    }
    return found;
  }

  std::int64_t Call(std::string_view name) const {
    return static_cast<std::int64_t>(scenario_.CallNamed(name)->value());
  }
  std::int64_t Agent(std::string_view name) const {
    return static_cast<std::int64_t>(scenario_.AgentNamed(name)->value());
  }
  std::int64_t Queue(std::string_view name) const {
    return static_cast<std::int64_t>(scenario_.QueueNamed(name)->value());
  }

  Scenario scenario_;
};

TEST_F(EventJsonTest, EveryEventHasTypeVersionAndUtcTime) {
  std::set<std::string> types;
  for (const Event& e : scenario_.events()) {
    const json doc = ToJson(e);
    ASSERT_TRUE(doc.is_object());
    ASSERT_EQ(doc.at("type"), std::string(EventName(e.body))) << doc.dump();
    EXPECT_EQ(doc.at("v"), kEventSchemaVersion) << doc.dump();
    EXPECT_EQ(doc.at("at"), core::FormatUtc(e.at)) << doc.dump();
    EXPECT_EQ(doc.at("at").get<std::string>().back(), 'Z');
    types.insert(doc.at("type").get<std::string>());
  }
  // The scenario is meant to reach many kinds; keep it that way.
  EXPECT_GE(types.size(), 20u) << json(types).dump();
}

TEST_F(EventJsonTest, QueueConfiguredCarriesServiceLevelInMilliseconds) {
  const json expected = {{"type", "queue.configured"},
                         {"v", 1},
                         {"at", "2026-11-27T08:00:00.000Z"},
                         {"queue", Queue("sales")},
                         {"tenant", 1},
                         {"name", "sales"},
                         {"sl_threshold_ms", 20000},
                         {"sl_target_percent", 80},
                         {"short_abandon_ms", 5000}};
  EXPECT_EQ(DocumentsOfType("queue.configured").at(2), expected);
}

TEST_F(EventJsonTest, AgentConfiguredListsQueuesWithTiersAndSkills) {
  const json boris = DocumentsOfType("agent.configured").at(1);
  EXPECT_EQ(boris.at("agent"), Agent("boris"));
  EXPECT_EQ(boris.at("queues"), json::parse(R"([{"queue":)" + std::to_string(Queue("sales")) +
                                            R"(,"tier":2},{"queue":)" +
                                            std::to_string(Queue("leads")) + R"(,"tier":1}])"));
  ASSERT_EQ(boris.at("skills").size(), 1u);
  EXPECT_EQ(boris.at("skills")[0].at("level"), 3);
}

TEST_F(EventJsonTest, CallAnsweredHasWaitInMilliseconds) {
  const json expected = {{"type", "call.answered"},
                         {"v", 1},
                         {"at", "2026-11-27T08:00:04.000Z"},
                         {"call", Call("c1")},
                         {"agent", Agent("anna")},
                         {"queue", Queue("sales")},
                         {"wait_ms", 2000}};
  EXPECT_EQ(DocumentsOfType("call.answered").at(0), expected);
}

TEST_F(EventJsonTest, NotReadyStateChangeCarriesItsReasonOthersNull) {
  bool saw_break = false;
  for (const json& doc : DocumentsOfType("agent.state_changed")) {
    if (doc.at("to") == "not-ready") {
      EXPECT_TRUE(doc.at("reason").is_string()) << doc.dump();
      if (doc.at("reason") == "break") {
        saw_break = true;
        EXPECT_EQ(doc.at("agent"), Agent("anna"));
        EXPECT_EQ(doc.at("forced"), false);
      }
    } else {
      EXPECT_TRUE(doc.at("reason").is_null()) << doc.dump();
    }
  }
  EXPECT_TRUE(saw_break);
}

TEST_F(EventJsonTest, AbandonedAndHandledCallsUseMillisecondDurations) {
  const json abandoned = {{"type", "call.abandoned"},         {"v", 1},
                          {"at", "2026-11-27T08:01:05.000Z"}, {"call", Call("c2")},
                          {"queue", Queue("sales")},          {"wait_ms", 4000}};
  EXPECT_EQ(DocumentsOfType("call.abandoned").at(0), abandoned);

  const json handled = DocumentsOfType("call.handled").at(0);
  EXPECT_EQ(handled.at("call"), Call("c1"));
  EXPECT_EQ(handled.at("at"), "2026-11-27T08:01:10.000Z");
  EXPECT_EQ(handled.at("talk_ms"), 46000);
  EXPECT_EQ(handled.at("hold_ms"), 10000);  // held 20..30; the consult took no time
  EXPECT_EQ(handled.at("wrap_up_ms"), 10000);
}

TEST_F(EventJsonTest, TransferToQueueHasNoTargetAgentOrNumber) {
  const json transfer = DocumentsOfType("call.transferred").at(0);
  EXPECT_EQ(transfer.at("kind"), "queue");
  EXPECT_EQ(transfer.at("from_agent"), Agent("boris"));
  EXPECT_EQ(transfer.at("call"), Call("c3"));
  EXPECT_EQ(transfer.at("queue"), Queue("backoffice"));
  EXPECT_TRUE(transfer.at("to_agent").is_null());
  EXPECT_TRUE(transfer.at("number").is_null());
}

TEST_F(EventJsonTest, ExternalConsultTargetAndConnectionWithoutAgent) {
  const json started = DocumentsOfType("consult.started").at(0);
  EXPECT_EQ(started.at("target"), (json{{"kind", "external"}, {"number", "+74950000000"}}));
  const json connected = DocumentsOfType("consult.connected").at(0);
  EXPECT_FALSE(connected.contains("with_agent")) << connected.dump();
  const json ended = DocumentsOfType("consult.ended").at(0);
  EXPECT_EQ(ended.at("outcome"), "return");
  EXPECT_EQ(ended.at("failed"), false);
}

TEST_F(EventJsonTest, KeysOfNamesTheCallAgentAndQueue) {
  for (const Event& e : scenario_.events()) {
    if (const auto* answered = std::get_if<CallAnswered>(&e.body)) {
      const EventKeys keys = KeysOf(e.body);
      EXPECT_EQ(keys.call, static_cast<std::int64_t>(answered->call.value()));
      EXPECT_EQ(keys.agent, static_cast<std::int64_t>(answered->agent.value()));
      EXPECT_EQ(keys.queue, static_cast<std::int64_t>(answered->queue.value()));
    }
    if (const auto* overflowed = std::get_if<CallOverflowed>(&e.body)) {
      const EventKeys keys = KeysOf(e.body);
      EXPECT_EQ(keys.queue, static_cast<std::int64_t>(overflowed->from.value()));
      EXPECT_FALSE(keys.agent);
    }
    if (std::holds_alternative<AgentStateChanged>(e.body)) {
      EXPECT_FALSE(KeysOf(e.body).call);
      EXPECT_FALSE(KeysOf(e.body).queue);
    }
  }
}

}  // namespace
}  // namespace cc::acd
