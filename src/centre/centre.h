// The live centre: the core loop that owns the ACD engine, drives telephony
// through telephony::CallControl, keeps realtime statistics, writes every
// event to the interaction log and hands events to listeners (the WebSocket
// fan-out). Nothing here knows whether calls are simulated or SIP.
//
// Threads: one core-loop thread runs an asio io_context; the engine, the
// statistics, the desks and the bots live only there. Other threads reach
// the centre through Submit()/Ask(), which post to the loop and return
// futures. CallControl implementations run on the same io_context.
//
// Durability: events are appended to the interaction log in the order the
// engine produced them; Submit()'s Ack carries the log write's future, ready
// once those events are committed, so an API answers only after that.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "acd/engine.h"
#include "acd/realtime_stats.h"
#include "centre/desk.h"
#include "centre/dial_plan.h"
#include "centre/setup.h"
#include "core/clock.h"
#include "core/result.h"
#include "storage/interaction_log.h"
#include "telephony/call_control.h"

namespace cc::centre {

class BotAgents;

struct CentreOptions {
  acd::EngineConfig engine;
  // Outside numbers the centre may call; inputs dialling others are refused (403).
  DialPlan dial_plan;
  // The first local midnight after a given time, for the engine's NewDay.
  std::function<core::Timestamp(core::Timestamp)> next_midnight;
};

// What a Submit() produced: whether the engine took the input, and the
// future of the log write that holds the resulting events.
struct Ack {
  core::Status applied;
  std::shared_future<core::Status> durable;
};

// Receives what happened, on the core loop thread, after each input.
class CentreListener {
 public:
  virtual ~CentreListener() = default;
  virtual void OnEvents(const std::vector<acd::Event>& events) = 0;
  // An agent's desk changed (offer, call, wrap-up); `desk` is its new view.
  virtual void OnDesk(const Desk& desk) = 0;
};

class Centre final : public telephony::CallEventHandler {
 public:
  Centre(core::Clock& clock, storage::InteractionLog& log, CentreOptions options);
  ~Centre() override;
  Centre(const Centre&) = delete;
  Centre& operator=(const Centre&) = delete;

  boost::asio::io_context& loop() { return loop_; }

  // Before Start(): the telephony to drive (it runs on loop()), listeners, bots.
  void SetTelephony(telephony::CallControl* telephony);
  void AddListener(CentreListener* listener);
  void SetBots(BotAgents* bots);

  // Applies the setup (queues, agents, numbers) and starts the loop thread.
  void Start(const CentreSetup& setup);
  // Stops taking work, cancels timers, lets telephony stop, waits for every
  // log write already made, joins the loop thread. Idempotent.
  void Stop();

  // Runs `input` on the core loop now. Thread-safe.
  std::future<Ack> Submit(acd::Input input);
  // Ends `agent`'s wrap-up with a disposition code and note (logged as
  // "call.disposition"). Thread-safe.
  std::future<Ack> FinishWrapUp(core::AgentId agent, std::string code, std::string note);
  // Adds or changes a queue (and the numbers that reach it) or an agent, in
  // the engine and in setup(). Thread-safe.
  std::future<Ack> Configure(QueueSetup queue);
  std::future<Ack> Configure(AgentSetup agent);
  // Runs `fn` on the core loop and returns its result. Thread-safe.
  template <typename Fn>
  auto Ask(Fn fn) -> std::future<decltype(fn())> {
    auto task = std::make_shared<std::packaged_task<decltype(fn())()>>(std::move(fn));
    auto future = task->get_future();
    Post([task] { (*task)(); });
    return future;
  }

  // Core-loop-only accessors (use inside Ask()).
  const acd::Engine& engine() const { return engine_; }
  const acd::RealtimeStats& stats() const { return stats_; }
  const CentreSetup& setup() const { return setup_; }
  std::optional<Desk> DeskOf(core::AgentId agent) const;
  const CallInfo* Call(core::CallId call) const;
  core::Timestamp Now() const { return clock_.Now(); }

  // Core loop: an event from telephony.
  void OnCallEvent(const telephony::CallEvent& event) override;
  // Core loop: run an input (bots and timers use this).
  core::Status ApplyOnLoop(const acd::Input& input);

 private:
  void Post(std::function<void()> fn);
  Ack Apply(const acd::Input& input, std::vector<storage::LogRecord> before = {});
  void Carry(const acd::Command& command);
  void Track(const acd::Event& event);
  // Whom a phone's REFER or consult call names: a colleague (the login it
  // dialled), a queue (one of the centre's numbers), or an outside number.
  acd::ConsultTarget PhoneTarget(std::optional<core::AgentId> to_agent, const std::string& number) const;
  void ArmTimer();
  void ArmMidnight();
  CallInfo* FindCall(core::CallId call);
  Desk& DeskFor(core::AgentId agent);
  void PublishDesk(core::AgentId agent);

  core::Clock& clock_;
  storage::InteractionLog& log_;
  CentreOptions options_;
  boost::asio::io_context loop_;
  boost::asio::steady_timer engine_timer_;
  boost::asio::steady_timer midnight_timer_;
  std::thread thread_;
  bool stopped_ = true;

  telephony::CallControl* telephony_ = nullptr;
  BotAgents* bots_ = nullptr;
  std::vector<CentreListener*> listeners_;

  // Core-loop state.
  acd::Engine engine_;
  acd::RealtimeStats stats_;
  CentreSetup setup_;
  std::map<std::string, core::QueueId> numbers_;  // dialled number -> queue
  std::unordered_map<core::CallId, CallInfo> calls_;
  std::unordered_map<core::AgentId, Desk> desks_;
  // The agent whose desk a call was last put on (Bridge, Originate): CallEnded
  // clears that desk without going through every desk.
  std::unordered_map<core::CallId, core::AgentId> call_desks_;
  std::vector<core::AgentId> desks_changed_;
  std::shared_future<core::Status> last_write_;
};

}  // namespace cc::centre
