#include "centre/bot_agents.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "acd/engine.h"

namespace cc::centre {
namespace {

using namespace std::chrono_literals;
using acd::AgentState;
using core::CallId;
using core::QueueId;
using core::Timestamp;

const Timestamp kStart = core::FromMillis(1'780'000'000'000);

// A real engine, bots, and a fake scheduler on simulated time, applying due
// inputs the way the core loop does: only while the bots still want them.
class Centre {
 public:
  explicit Centre(BotOptions options = {}, acd::EngineConfig config = {},
                  Duration ring_timeout = 15s)
      : engine_(config),
        bots_(
            [this](Duration d, acd::Input in) {
              agenda_.push_back({now_ + d, seq_++, in});
            },
            options) {
    acd::QueueConfig q;
    q.id = QueueId(1);
    q.tenant = core::TenantId(1);
    q.name = "sales";
    q.wrap_up = 60s;
    q.ring_timeout = ring_timeout;
    Apply(acd::UpsertQueue{q});
    for (std::uint32_t id = 1; id <= 3; ++id) {
      acd::AgentConfig a;
      a.id = AgentId(id);
      a.tenant = core::TenantId(1);
      a.name = "agent" + std::to_string(id);
      a.queues = {{QueueId(1), 1}};
      Apply(acd::UpsertAgent{a});
    }
  }

  void Apply(const acd::Input& input) {
    acd::Output out;
    (void)engine_.Apply(input, now_, out);  // stale inputs are refused and change nothing
    for (const auto& c : out.commands) bots_.OnCommand(c);
    for (const auto& e : out.events) {
      events_.push_back(e);
      bots_.OnEvent(e);
    }
  }

  // Runs scheduled inputs and engine timers in time order up to `until`.
  void RunFor(Duration d) {
    const Timestamp until = now_ + d;
    for (;;) {
      auto next =
          std::min_element(agenda_.begin(), agenda_.end(), [](const auto& a, const auto& b) {
            return std::tie(a.due, a.seq) < std::tie(b.due, b.seq);
          });
      const auto deadline = engine_.NextDeadline();
      const bool has_input = next != agenda_.end() && next->due <= until;
      const bool has_timer = deadline && *deadline <= until;
      if (!has_input && !has_timer) break;
      if (has_input && (!has_timer || next->due <= *deadline)) {
        const Item item = *next;
        agenda_.erase(next);
        now_ = std::max(now_, item.due);
        if (bots_.ShouldApply(item.input)) Apply(item.input);
      } else {
        now_ = std::max(now_, *deadline);
        Apply(acd::Tick{});
      }
    }
    now_ = until;
  }

  AgentState State(std::uint32_t agent) const { return engine_.Agent(AgentId(agent))->state; }

  template <typename T>
  std::vector<std::pair<Timestamp, T>> All() const {
    std::vector<std::pair<Timestamp, T>> out;
    for (const auto& e : events_)
      if (const auto* v = std::get_if<T>(&e.body)) out.emplace_back(e.at, *v);
    return out;
  }

  void Arrive(std::uint64_t call) {
    acd::CallAttributes attrs;
    attrs.tenant = core::TenantId(1);
    attrs.dialled_number = "+74950000001";
    Apply(acd::CallArrived{CallId(call), QueueId(1), attrs});
  }

  BotAgents& bots() { return bots_; }
  Timestamp now() const { return now_; }
  const std::vector<acd::Event>& events() const { return events_; }

 private:
  struct Item {
    Timestamp due;
    std::uint64_t seq;
    acd::Input input;
  };
  Timestamp now_ = kStart;
  std::uint64_t seq_ = 0;
  std::vector<Item> agenda_;
  std::vector<acd::Event> events_;
  acd::Engine engine_;
  BotAgents bots_;
};

BotOptions NeverReject(std::uint64_t seed = 1) {
  BotOptions o;
  o.seed = seed;
  o.reject_chance = 0;
  return o;
}

TEST(BotAgents, ADrivenSeatLogsInAndGetsReady) {
  Centre c(NeverReject());
  c.bots().Drive(AgentId(1));
  EXPECT_TRUE(c.bots().Drives(AgentId(1)));
  EXPECT_FALSE(c.bots().Drives(AgentId(2)));
  c.RunFor(0s);
  EXPECT_EQ(c.State(1), AgentState::kReady);
  EXPECT_EQ(c.State(2), AgentState::kLoggedOut);
}

TEST(BotAgents, OfferedCallsAreAnsweredWithinTheAnswerDelay) {
  Centre c(NeverReject());
  c.bots().Drive(AgentId(1));
  c.bots().Drive(AgentId(2));
  c.RunFor(1s);
  for (std::uint64_t call = 1; call <= 30; ++call) {
    c.Arrive(call);
    c.RunFor(5s);
    c.Apply(acd::CallerHungUp{CallId(call)});
    c.RunFor(25s);  // wrap-up ends within 20 s
  }
  const auto offers = c.All<acd::CallOffered>();
  const auto answers = c.All<acd::CallAnswered>();
  ASSERT_EQ(offers.size(), 30u);
  ASSERT_EQ(answers.size(), 30u);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const Duration delay = answers[i].first - offers[i].first;
    EXPECT_GE(delay, 1s);
    EXPECT_LE(delay, 4s);
  }
}

TEST(BotAgents, WrapUpEndsWellBeforeTheQueuesLimit) {
  Centre c(NeverReject());
  c.bots().Drive(AgentId(1));
  c.RunFor(1s);
  c.Arrive(1);
  c.RunFor(5s);
  ASSERT_EQ(c.State(1), AgentState::kOnCall);
  c.Apply(acd::CallerHungUp{CallId(1)});
  const Timestamp hung_up = c.now();
  EXPECT_EQ(c.State(1), AgentState::kWrapUp);
  c.RunFor(25s);
  EXPECT_EQ(c.State(1), AgentState::kReady);
  const auto handled = c.All<acd::CallHandled>();
  ASSERT_EQ(handled.size(), 1u);
  EXPECT_GE(handled[0].second.wrap_up, 5s);
  EXPECT_LE(handled[0].second.wrap_up, 20s);
  EXPECT_LE(handled[0].first - hung_up, 20s);
}

TEST(BotAgents, ReleaseStopsReactionsIncludingScheduledOnes) {
  Centre c(NeverReject());
  c.bots().Drive(AgentId(1));
  c.RunFor(1s);
  c.Arrive(1);
  ASSERT_EQ(c.State(1), AgentState::kReserved);
  c.bots().Release(AgentId(1));  // a person sat down while the phone rang
  EXPECT_FALSE(c.bots().Drives(AgentId(1)));
  c.RunFor(10s);
  EXPECT_TRUE(c.All<acd::CallAnswered>().empty()) << "the bot's scheduled answer lapsed";
  c.RunFor(10s);
  const auto ended = c.All<acd::OfferEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].second.how, acd::OfferEnd::kExpired);
}

TEST(BotAgents, SwitchedOffBotsLogOutIdleAndAfterTheirCallWhenBusy) {
  Centre c(NeverReject());
  c.bots().Drive(AgentId(1));
  c.bots().Drive(AgentId(2));
  c.RunFor(1s);
  c.Arrive(1);
  c.RunFor(5s);
  const AgentId busy = c.State(1) == AgentState::kOnCall ? AgentId(1) : AgentId(2);
  const AgentId idle = busy == AgentId(1) ? AgentId(2) : AgentId(1);
  ASSERT_EQ(c.State(busy.value()), AgentState::kOnCall);

  c.bots().SetEnabled(false);
  c.RunFor(1s);
  EXPECT_EQ(c.State(idle.value()), AgentState::kLoggedOut);
  EXPECT_EQ(c.State(busy.value()), AgentState::kOnCall) << "not during a call";
  c.Arrive(2);  // nobody takes new work
  c.RunFor(10s);
  EXPECT_EQ(c.All<acd::CallOffered>().size(), 1u);

  c.Apply(acd::CallerHungUp{CallId(1)});
  c.RunFor(25s);
  EXPECT_EQ(c.State(busy.value()), AgentState::kLoggedOut);
  EXPECT_EQ(c.All<acd::CallHandled>().size(), 1u) << "wrap-up finished before logging out";

  c.bots().SetEnabled(true);
  c.RunFor(5s);
  EXPECT_EQ(c.All<acd::CallAnswered>().size(), 2u) << "back in and answering the waiting caller";
}

TEST(BotAgents, SwitchingOffAndOnAtOnceLeavesBotsWorking) {
  Centre c(NeverReject());
  c.bots().Drive(AgentId(1));
  c.RunFor(1s);
  c.bots().SetEnabled(false);
  c.bots().SetEnabled(true);
  c.RunFor(1s);
  EXPECT_EQ(c.State(1), AgentState::kReady);
}

TEST(BotAgents, ABotPutNotReadyForMissedOffersComesBack) {
  BotOptions o = NeverReject();
  o.answer_min = 3s;  // slower than the phone rings
  o.answer_max = 4s;
  o.missed_offers_pause = 30s;
  Centre c(o, acd::EngineConfig{.missed_offers_limit = 1}, 2s);
  c.bots().Drive(AgentId(1));
  c.RunFor(1s);
  c.Arrive(1);
  c.RunFor(3s);
  ASSERT_EQ(c.State(1), AgentState::kNotReady);
  const auto missed = c.All<acd::AgentStateChanged>().back();
  EXPECT_EQ(missed.second.reason, acd::NotReadyReason::kMissedOffers);
  c.RunFor(25s);
  EXPECT_EQ(c.State(1), AgentState::kNotReady);
  c.RunFor(10s);
  // Ready again 30 s later, and offered the waiting caller again.
  const auto changes = c.All<acd::AgentStateChanged>();
  const auto back = std::find_if(changes.begin(), changes.end(), [&](const auto& ch) {
    return ch.first > missed.first && ch.second.to == AgentState::kReady;
  });
  ASSERT_NE(back, changes.end());
  EXPECT_EQ(back->first - missed.first, 30s);
  EXPECT_EQ(c.All<acd::CallOffered>().size(), 2u);
}

TEST(BotAgents, ASupervisorsNotReadyStands) {
  Centre c(NeverReject());
  c.bots().Drive(AgentId(1));
  c.RunFor(1s);
  c.Apply(acd::ForceAgentState{AgentId(1), AgentState::kNotReady, acd::NotReadyReason::kMeeting});
  c.RunFor(600s);
  EXPECT_EQ(c.State(1), AgentState::kNotReady);
}

TEST(BotAgents, RejectingBotsSendTheCallerOn) {
  BotOptions o = NeverReject();
  o.reject_chance = 1;
  Centre c(o);
  c.bots().Drive(AgentId(1));
  c.RunFor(1s);
  c.Arrive(1);
  c.RunFor(5s);
  const auto ended = c.All<acd::OfferEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].second.how, acd::OfferEnd::kRejected);
  EXPECT_TRUE(c.All<acd::CallAnswered>().empty());
}

TEST(BotAgents, BotsTakeBreaksAndComeBack) {
  BotOptions o = NeverReject();
  o.break_chance = 1;
  o.break_min = 120s;
  o.break_max = 180s;
  Centre c(o);
  c.bots().Drive(AgentId(1));
  c.RunFor(1s);
  c.Arrive(1);
  c.RunFor(5s);
  c.Apply(acd::CallerHungUp{CallId(1)});
  c.RunFor(25s);
  ASSERT_EQ(c.State(1), AgentState::kNotReady);
  EXPECT_EQ(c.All<acd::AgentStateChanged>().back().second.reason, acd::NotReadyReason::kBreak);
  c.RunFor(100s);
  EXPECT_EQ(c.State(1), AgentState::kNotReady);
  c.RunFor(90s);
  EXPECT_EQ(c.State(1), AgentState::kReady);
}

TEST(BotAgents, TheSameSeedPlaysTheSameDay) {
  auto play = [](std::uint64_t seed) {
    BotOptions o;
    o.seed = seed;
    o.reject_chance = 0.2;
    o.break_chance = 0.2;
    Centre c(o);
    for (std::uint32_t id = 1; id <= 3; ++id) c.bots().Drive(AgentId(id));
    c.RunFor(1s);
    for (std::uint64_t call = 1; call <= 40; ++call) {
      c.Arrive(call);
      c.RunFor(7s);
      if (call > 3) c.Apply(acd::CallerHungUp{CallId(call - 3)});
    }
    c.RunFor(3600s);
    std::vector<std::pair<std::int64_t, std::string>> trace;
    for (const auto& e : c.events())
      trace.emplace_back(core::ToMillis(e.at), std::string(acd::EventName(e.body)));
    return trace;
  };
  const auto first = play(5);
  EXPECT_EQ(first, play(5));
  EXPECT_NE(first, play(6));
}

}  // namespace
}  // namespace cc::centre
