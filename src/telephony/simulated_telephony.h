// SimulatedTelephony: CallControl without phones, for the live demo centre,
// tests and what-if runs. It invents callers from traffic streams (or on
// request), lets them wait with a drawn patience, talk for a drawn time once
// connected and hang up; it answers the centre's dialled calls with a set
// probability. Agents' phones are virtual: a ring is only recorded, because
// the answer comes from the core loop (bots or a person's desktop), so this
// class never sends AgentAnswered, AgentRejected or AgentHungUp.
//
// Time: delays are drawn in simulated time and waited for on steady_timers,
// divided by `time_scale` (1 in the server; larger in tests). The clock gives
// "now" for the hour of the day of arrivals. Deterministic given the seed and
// the order of calls made to it.
//
// Thread-safety: none of its own. Every method, every timer and every event
// runs on the thread that runs `io` (the core loop). Commands about calls
// that have already ended are ignored (counted as stale).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "telephony/call_control.h"
#include "telephony/traffic_stream.h"

namespace cc::telephony {

struct CallerBehaviour {
  Duration mean_patience = core::Seconds(120);  // exponential; zero: never gives up
  Duration mean_talk = core::Seconds(180);      // log-normal, see talk_cv
};

struct SimulatedTelephonyOptions {
  std::uint64_t seed = 1;
  std::uint64_t first_call_id = 1;  // above every id the server has used before
  double time_scale = 1.0;          // simulated seconds per real second
  double talk_cv = 0.6;             // standard deviation ÷ mean of talk times
  double dial_answer_probability = 0.8;
  Duration dial_min = core::Seconds(3);
  Duration dial_max = core::Seconds(8);
  double callback_accept_probability = 0.5;
  Duration callback_decision = core::Seconds(2);
  int regular_callers = 20;  // size of each stream's pool of repeat callers
  // For injected calls to numbers no stream covers, and for dialled customers.
  CallerBehaviour default_behaviour;
};

enum class LineState {
  kWaiting,   // in the IVR or a queue, patience running
  kDialling,  // the centre dials the customer
  kTalking,   // connected to the centre, talk time running
  kLeaving,   // chose a callback; the centre is about to hang up
};
enum class ConsultLeg { kNone, kDialling, kTalking, kConference };

// One simulated line, for inspection.
struct LineView {
  CallId call;
  LineState state = LineState::kWaiting;
  bool outbound = false;  // placed by the centre (Dial)
  std::string dialled_number;
  std::optional<std::string> caller_number;
  std::optional<QueueId> queue;  // last queue whose music plays
  std::optional<AgentId> agent;  // connected or dialling agent
  std::vector<AgentId> ringing;  // agents whose phones ring for this call
  bool on_hold = false;
  ConsultLeg consult = ConsultLeg::kNone;
  int prompts_played = 0;
};

struct TelephonyCounts {
  std::uint64_t arrived = 0;          // inbound callers (streams and injected)
  std::uint64_t abandoned = 0;        // ran out of patience before an agent took them
  std::uint64_t completed = 0;        // ended after talking to the centre
  std::uint64_t ended_by_centre = 0;  // hung up or transferred out before talking
  std::uint64_t dialled = 0;
  std::uint64_t dial_answered = 0;
  std::uint64_t dial_failed = 0;
  std::uint64_t callbacks_chosen = 0;
  std::uint64_t stale_commands = 0;  // commands about calls that had ended
};

class SimulatedTelephony final : public CallControl {
 public:
  SimulatedTelephony(boost::asio::io_context& io, const core::Clock& clock, LocalHour local_hour,
                     SimulatedTelephonyOptions options = {});
  ~SimulatedTelephony() override;
  SimulatedTelephony(const SimulatedTelephony&) = delete;
  SimulatedTelephony& operator=(const SimulatedTelephony&) = delete;

  // CallControl.
  void SetHandler(CallEventHandler* handler) override;
  void PlayQueueMusic(CallId call, QueueId queue) override;
  void Play(CallId call, Prompt prompt, int position, Duration expected_wait) override;
  void RingAgent(CallId call, AgentId agent, Duration timeout) override;
  void StopRinging(CallId call, AgentId agent) override;
  void Connect(CallId call, AgentId agent) override;
  void Hold(CallId call) override;
  void Resume(CallId call) override;
  void DisconnectAgent(CallId call, AgentId agent) override;
  void Dial(CallId call, AgentId agent, const std::string& number) override;
  void DialConsult(CallId call, AgentId agent, const std::string& number) override;
  void ConnectConsult(CallId call, AgentId agent, AgentId with_agent) override;
  void Conference(CallId call) override;
  void DropConsult(CallId call, AgentId agent) override;
  void TransferOut(CallId call, const std::string& number) override;
  void OfferCallback(CallId call) override;
  void HangUp(CallId call, HangUpCause cause) override;

  // A caller dials `dialled_number` now (nullopt caller: number withheld).
  // IncomingCall is posted, never delivered from inside this call. Without
  // `behaviour`, the stream for that number (or the default) sets patience and talk.
  // A call id from the same sequence as the calls it makes up, for a call the
  // centre places itself (a scheduled callback).
  CallId ReserveCallId() { return CallId(next_call_id_++); }
  CallId InjectCall(std::string dialled_number, std::optional<std::string> caller_number,
                    std::optional<CallerBehaviour> behaviour = std::nullopt);

  // The centre will Dial `call` for a practice call (S-17): the simulated
  // person answers within a second and stays on the line for `talk`.
  void ExpectPractice(CallId call, Duration talk) { practice_[call] = talk; }
  void ForgetPractice(CallId call) { practice_.erase(call); }
  bool ExpectsPractice(CallId call) const { return practice_.count(call) > 0; }

  // Replaces the generated traffic; callers already on the line stay.
  core::Status SetTraffic(std::vector<TrafficStream> streams);
  // Stops and restarts generated arrivals; callers on the line go on.
  void Pause();
  void Resume();
  bool paused() const { return paused_; }
  // Multiplies every stream's hourly rate (demos, tests); must be finite and >= 0.
  core::Status SetRateMultiplier(double multiplier);
  double rate_multiplier() const { return multiplier_; }

  // Cancels every timer and stops generating, so that `io` can run out.
  void Stop();

  std::size_t active_lines() const { return lines_.size(); }
  std::optional<LineView> Line(CallId call) const;
  const TelephonyCounts& counts() const { return counts_; }

 private:
  using TimerId = std::uint64_t;
  struct LineRec {
    LineView view;
    CallerBehaviour behaviour;
    bool talked = false;
    TimerId patience = 0;
    TimerId talk = 0;
    TimerId dial = 0;     // Dial outcome or callback decision
    TimerId consult = 0;  // DialConsult outcome
  };
  struct StreamRun {
    TrafficStream stream;
    std::vector<std::string> regulars;
    TimerId next = 0;
  };
  enum class End { kAbandoned, kCompleted, kByCentre };

  // Runs `fn` after `delay` of simulated time; 0 once stopped.
  TimerId After(Duration delay, std::function<void()> fn);
  void Cancel(TimerId& id);
  LineRec* Find(CallId call);
  void EndLine(CallId call, End how);
  void StartPatience(LineRec& line);
  void StartTalk(LineRec& line);
  void ArmStream(std::size_t index);
  void Arrive(std::size_t index);
  void Deliver(const CallEvent& event);
  bool Chance(double probability);
  Duration Uniform(Duration low, Duration high);
  CallerBehaviour BehaviourFor(const std::string& dialled_number) const;

  boost::asio::io_context& io_;
  const core::Clock& clock_;
  LocalHour local_hour_;
  SimulatedTelephonyOptions options_;
  std::mt19937_64 rng_;
  CallEventHandler* handler_ = nullptr;
  std::uint64_t next_call_id_;
  std::map<CallId, LineRec> lines_;
  std::map<CallId, Duration> practice_;  // calls to Dial as practice calls
  std::vector<StreamRun> streams_;
  bool paused_ = false;
  bool stopped_ = false;
  double multiplier_ = 1.0;
  TimerId next_timer_id_ = 1;
  std::unordered_map<TimerId, std::unique_ptr<boost::asio::steady_timer>> timers_;
  TelephonyCounts counts_;
  // Posted work and timer handlers hold a weak reference: they do nothing once this is gone.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace cc::telephony
