#include "telephony/simulated_telephony.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <regex>
#include <set>

#include "core/overloaded.h"

namespace cc::telephony {
namespace {

using namespace std::chrono_literals;

const core::Timestamp kTenAm = core::FromMillis(1'780'000'000'000 / 86'400'000 * 86'400'000) + 10h;

int UtcHour(core::Timestamp t) {
  const auto since_midnight = t - std::chrono::floor<std::chrono::days>(t);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(since_midnight).count());
}

// Records every event; `react` lets a test play the core loop.
class Recorder final : public CallEventHandler {
 public:
  void OnCallEvent(const CallEvent& event) override {
    events.push_back(event);
    if (react) react(event);
  }
  template <typename T>
  std::vector<T> All() const {
    std::vector<T> out;
    for (const auto& e : events)
      if (const auto* v = std::get_if<T>(&e)) out.push_back(*v);
    return out;
  }
  std::vector<CallEvent> events;
  std::function<void(const CallEvent&)> react;
};

// Simulated time that follows real time sped up by `scale`, for the traffic test.
class ScaledClock final : public core::Clock {
 public:
  ScaledClock(core::Timestamp start, double scale) : start_(start), scale_(scale) {}
  core::Timestamp Now() const override {
    const std::chrono::duration<double, std::milli> real =
        std::chrono::steady_clock::now() - real_start_;
    return start_ + core::Duration(static_cast<core::Duration::rep>(real.count() * scale_));
  }

 private:
  core::Timestamp start_;
  double scale_;
  std::chrono::steady_clock::time_point real_start_ = std::chrono::steady_clock::now();
};

SimulatedTelephonyOptions Fast(std::uint64_t seed = 1) {
  SimulatedTelephonyOptions o;
  o.seed = seed;
  o.time_scale = 2000;  // a simulated minute takes 30 ms
  o.first_call_id = 1000;
  return o;
}

struct Rig {
  explicit Rig(SimulatedTelephonyOptions options = Fast()) : tel(io, clock, UtcHour, options) {
    tel.SetHandler(&rec);
  }
  boost::asio::io_context io;
  core::SimulatedClock clock{kTenAm};
  Recorder rec;
  SimulatedTelephony tel;
};

TEST(SimulatedTelephony, AWaitingCallerGivesUpWhenPatienceRunsOut) {
  Rig rig;
  const CallId call = rig.tel.InjectCall("+74950000001", std::nullopt, CallerBehaviour{10s, 60s});
  EXPECT_EQ(call, CallId(1000));
  EXPECT_TRUE(rig.rec.events.empty()) << "IncomingCall is posted, not delivered inside InjectCall";
  rig.io.run();
  ASSERT_EQ(rig.rec.events.size(), 2u);
  const auto incoming = std::get<IncomingCall>(rig.rec.events[0]);
  EXPECT_EQ(incoming.call, call);
  EXPECT_EQ(incoming.dialled_number, "+74950000001");
  EXPECT_FALSE(incoming.caller_number);
  EXPECT_EQ(std::get<CallerHungUp>(rig.rec.events[1]).call, call);
  EXPECT_EQ(rig.tel.counts().arrived, 1u);
  EXPECT_EQ(rig.tel.counts().abandoned, 1u);
  EXPECT_EQ(rig.tel.active_lines(), 0u);
}

TEST(SimulatedTelephony, AConnectedCallerTalksThenHangsUpEvenWhenHeld) {
  Rig rig;
  // Patience is short and talk long: only Connect stops the caller from abandoning.
  for (int i = 0; i < 20; ++i)
    rig.tel.InjectCall("+74950000001", "+79161234567", CallerBehaviour{1s, 120s});
  rig.rec.react = [&](const CallEvent& e) {
    if (const auto* in = std::get_if<IncomingCall>(&e)) {
      rig.tel.PlayQueueMusic(in->call, QueueId(1));
      rig.tel.Connect(in->call, AgentId(7));
      rig.tel.Hold(in->call);
      const auto line = rig.tel.Line(in->call);
      ASSERT_TRUE(line);
      EXPECT_EQ(line->state, LineState::kTalking);
      EXPECT_TRUE(line->on_hold);
      EXPECT_EQ(line->agent, AgentId(7));
    }
  };
  rig.io.run();
  EXPECT_EQ(rig.rec.All<CallerHungUp>().size(), 20u);
  EXPECT_EQ(rig.tel.counts().completed, 20u);
  EXPECT_EQ(rig.tel.counts().abandoned, 0u);
}

TEST(SimulatedTelephony, AMovedCallerKeepsTheirPatience) {
  Rig rig;
  rig.tel.InjectCall("+74950000001", "+79161234567", CallerBehaviour{5s, 60s});
  rig.rec.react = [&](const CallEvent& e) {
    if (const auto* in = std::get_if<IncomingCall>(&e)) {
      rig.tel.PlayQueueMusic(in->call, QueueId(1));
      rig.tel.Play(in->call, Prompt::kQueuePosition, 1, 30s);
      rig.tel.PlayQueueMusic(in->call, QueueId(2));  // overflow
      EXPECT_EQ(rig.tel.Line(in->call)->queue, QueueId(2));
      EXPECT_EQ(rig.tel.Line(in->call)->prompts_played, 1);
    }
  };
  rig.io.run();
  EXPECT_EQ(rig.tel.counts().abandoned, 1u);
}

TEST(SimulatedTelephony, TheCentreHangingUpEndsTheLineWithoutAnEvent) {
  Rig rig;
  rig.tel.InjectCall("+74950000001", "+79161234567", CallerBehaviour{5s, 60s});
  rig.tel.InjectCall("+74950000001", "+79161234568", CallerBehaviour{5s, 60s});
  rig.rec.react = [&](const CallEvent& e) {
    if (const auto* in = std::get_if<IncomingCall>(&e)) {
      if (in->call == CallId(1000))
        rig.tel.HangUp(in->call, HangUpCause::kQueueFull);
      else
        rig.tel.TransferOut(in->call, "112");
    }
  };
  rig.io.run();
  EXPECT_EQ(rig.rec.events.size(), 2u);  // the two IncomingCalls only
  EXPECT_EQ(rig.tel.counts().ended_by_centre, 2u);
  rig.tel.Connect(CallId(1000), AgentId(1));  // a late command about an ended call
  EXPECT_EQ(rig.tel.counts().stale_commands, 1u);
}

TEST(SimulatedTelephony, DialledCustomersAnswerWithTheConfiguredProbability) {
  for (double p : {0.0, 0.8, 1.0}) {
    SimulatedTelephonyOptions o = Fast();
    o.dial_answer_probability = p;
    Rig rig(o);
    for (int i = 1; i <= 200; ++i) rig.tel.Dial(CallId(i), AgentId(1), "+79160000000");
    EXPECT_TRUE(rig.rec.events.empty());
    EXPECT_EQ(rig.tel.Line(CallId(1))->state, LineState::kDialling);
    rig.io.run();
    const auto answered = rig.rec.All<DialAnswered>().size();
    const auto failed = rig.rec.All<DialFailed>().size();
    EXPECT_EQ(answered + failed, 200u);
    EXPECT_NEAR(static_cast<double>(answered), 200 * p, 25) << "p=" << p;
    // Customers who answered talk, then hang up like callers.
    EXPECT_EQ(rig.rec.All<CallerHungUp>().size(), answered);
    EXPECT_EQ(rig.tel.counts().completed, answered);
  }
}

TEST(SimulatedTelephony, ConsultDialsSucceedOrFail) {
  SimulatedTelephonyOptions o = Fast();
  o.dial_answer_probability = 1.0;
  Rig rig(o);
  rig.tel.InjectCall("+74950000001", "+79161234567", CallerBehaviour{5s, 600s});
  rig.rec.react = [&](const CallEvent& e) {
    if (const auto* in = std::get_if<IncomingCall>(&e)) {
      rig.tel.Connect(in->call, AgentId(1));
      rig.tel.DialConsult(in->call, AgentId(1), "+74950001111");
    } else if (const auto* ok = std::get_if<ConsultAnswered>(&e)) {
      EXPECT_EQ(rig.tel.Line(ok->call)->consult, ConsultLeg::kTalking);
      rig.tel.Conference(ok->call);
      EXPECT_EQ(rig.tel.Line(ok->call)->consult, ConsultLeg::kConference);
    }
  };
  rig.io.run();
  EXPECT_EQ(rig.rec.All<ConsultAnswered>().size(), 1u);
  EXPECT_EQ(rig.rec.All<CallerHungUp>().size(), 1u);
}

TEST(SimulatedTelephony, ACallerOfferedACallbackLeavesTheirNumber) {
  for (double p : {0.0, 1.0}) {
    SimulatedTelephonyOptions o = Fast();
    o.callback_accept_probability = p;
    Rig rig(o);
    rig.tel.InjectCall("+74950000001", "+79161234567", CallerBehaviour{600s, 60s});
    rig.tel.InjectCall("+74950000001", std::nullopt, CallerBehaviour{600s, 60s});
    rig.rec.react = [&](const CallEvent& e) {
      if (const auto* in = std::get_if<IncomingCall>(&e)) rig.tel.OfferCallback(in->call);
      if (const auto* cb = std::get_if<CallbackChosen>(&e))
        rig.tel.HangUp(cb->call, HangUpCause::kCallbackRequested);
    };
    rig.io.run();
    const auto chosen = rig.rec.All<CallbackChosen>();
    if (p == 0.0) {
      EXPECT_TRUE(chosen.empty());
      EXPECT_EQ(rig.tel.counts().abandoned, 2u);  // they waited on and gave up
    } else {
      ASSERT_EQ(chosen.size(), 2u);
      EXPECT_EQ(chosen[0].number, "+79161234567");
      EXPECT_TRUE(std::regex_match(chosen[1].number, std::regex(R"(\+79\d{9})")));
      EXPECT_EQ(rig.tel.counts().abandoned, 0u);
      EXPECT_EQ(rig.tel.counts().callbacks_chosen, 2u);
    }
  }
}

TrafficStream Steady(double per_hour) {
  TrafficStream s;
  s.dialled_number = "+74950000001";
  s.calls_per_hour.fill(per_hour);
  s.mean_patience = core::Duration::zero();  // nobody hangs up: lines stay for inspection
  return s;
}

TEST(SimulatedTelephony, PauseStopsArrivalsAndResumeRestartsThem) {
  SimulatedTelephonyOptions o = Fast();
  o.time_scale = 100;
  Rig rig(o);
  ASSERT_TRUE(rig.tel.SetTraffic({Steady(3600)}));  // one a second: 100 per real second
  rig.tel.Pause();
  EXPECT_TRUE(rig.tel.paused());
  rig.io.run_for(150ms);
  EXPECT_EQ(rig.tel.counts().arrived, 0u);
  rig.tel.Resume();
  rig.io.restart();
  rig.io.run_for(150ms);
  EXPECT_GT(rig.tel.counts().arrived, 3u);
  EXPECT_EQ(rig.tel.active_lines(), rig.tel.counts().arrived);
  rig.tel.Stop();
  rig.io.restart();
  rig.io.run();  // returns: Stop cancelled every timer
}

TEST(SimulatedTelephony, ArrivalsOverASimulatedHourFollowTheProfile) {
  const double scale = 3600;  // an hour in a second
  boost::asio::io_context io;
  // 09:30 to 10:30: half an hour at 60 per hour, half an hour at 240 per hour.
  ScaledClock clock(kTenAm - 30min, scale);
  SimulatedTelephonyOptions o;
  o.seed = 42;
  o.time_scale = scale;
  SimulatedTelephony tel(io, clock, UtcHour, o);
  Recorder rec;
  int in_hour = 0;
  rec.react = [&](const CallEvent& e) {
    if (std::holds_alternative<IncomingCall>(e) && clock.Now() < kTenAm + 30min) ++in_hour;
  };
  tel.SetHandler(&rec);
  TrafficStream s = Steady(0);
  s.calls_per_hour[9] = 60;
  s.calls_per_hour[10] = 240;
  s.withheld_share = 0.2;
  ASSERT_TRUE(tel.SetTraffic({s}));
  io.run_for(1100ms);
  tel.Stop();
  // Expected 30 + 120 = 150; Poisson sd ≈ 12.
  EXPECT_GT(in_hour, 110);
  EXPECT_LT(in_hour, 190);
  int withheld = 0;
  for (const auto& in : rec.All<IncomingCall>()) {
    EXPECT_EQ(in.dialled_number, "+74950000001");
    if (!in.caller_number)
      ++withheld;
    else
      EXPECT_TRUE(std::regex_match(*in.caller_number, std::regex(R"(\+79\d{9})")));
  }
  EXPECT_GT(withheld, 10);
  EXPECT_LT(withheld, 60);
}

TEST(SimulatedTelephony, RepeatCallersComeFromASmallPool) {
  SimulatedTelephonyOptions o = Fast();
  o.regular_callers = 5;
  Rig rig(o);
  TrafficStream s = Steady(36000);
  s.withheld_share = 0;
  s.repeat_share = 1;
  ASSERT_TRUE(rig.tel.SetTraffic({s}));
  std::set<std::string> numbers;
  rig.rec.react = [&](const CallEvent& e) {
    if (const auto* in = std::get_if<IncomingCall>(&e)) {
      numbers.insert(*in->caller_number);
      if (rig.tel.counts().arrived == 100) rig.tel.Stop();
    }
  };
  rig.io.run();
  EXPECT_EQ(rig.tel.counts().arrived, 100u);
  EXPECT_LE(numbers.size(), 5u);
}

TEST(SimulatedTelephony, TheSameSeedGivesTheSameCallers) {
  auto play = [](std::uint64_t seed) {
    Rig rig(Fast(seed));
    TrafficStream s = Steady(36000);
    s.mean_patience = 60s;
    EXPECT_TRUE(rig.tel.SetTraffic({s}));
    std::vector<std::string> seen;
    rig.rec.react = [&](const CallEvent& e) {
      if (const auto* in = std::get_if<IncomingCall>(&e)) {
        seen.push_back(in->caller_number.value_or("withheld"));
        if (seen.size() == 30) rig.tel.Stop();
      }
    };
    rig.io.run();
    return seen;
  };
  EXPECT_EQ(play(9), play(9));
  EXPECT_NE(play(9), play(10));
}

TEST(SimulatedTelephony, RejectsNonsenseTraffic) {
  Rig rig;
  TrafficStream s = Steady(10);
  s.repeat_share = -0.1;
  EXPECT_FALSE(rig.tel.SetTraffic({s}));
  EXPECT_FALSE(rig.tel.SetRateMultiplier(-1));
  EXPECT_TRUE(rig.tel.SetRateMultiplier(2));
  EXPECT_EQ(rig.tel.rate_multiplier(), 2);
}

}  // namespace
}  // namespace cc::telephony
