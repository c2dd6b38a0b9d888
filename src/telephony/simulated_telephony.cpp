#include "telephony/simulated_telephony.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cmath>
#include <utility>

namespace cc::telephony {

using core::ErrorCode;
using core::Fail;

namespace {
constexpr Duration kShortestTalk = core::Seconds(1);
}  // namespace

SimulatedTelephony::SimulatedTelephony(boost::asio::io_context& io, const core::Clock& clock,
                                       LocalHour local_hour, SimulatedTelephonyOptions options)
    : io_(io),
      clock_(clock),
      local_hour_(std::move(local_hour)),
      options_(std::move(options)),
      rng_(options_.seed),
      next_call_id_(std::max<std::uint64_t>(options_.first_call_id, 1)) {
  if (!(options_.time_scale > 0)) options_.time_scale = 1.0;
  if (options_.dial_max < options_.dial_min) options_.dial_max = options_.dial_min;
}

SimulatedTelephony::~SimulatedTelephony() {
  Stop();
}

void SimulatedTelephony::SetHandler(CallEventHandler* handler) {
  handler_ = handler;
}

SimulatedTelephony::TimerId SimulatedTelephony::After(Duration delay, std::function<void()> fn) {
  if (stopped_) return 0;
  const TimerId id = next_timer_id_++;
  const auto real = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double, std::milli>(
          static_cast<double>(std::max(delay, Duration::zero()).count()) / options_.time_scale));
  auto timer = std::make_unique<boost::asio::steady_timer>(io_, real);
  timer->async_wait([this, id, weak = std::weak_ptr<int>(alive_),
                     fn = std::move(fn)](const boost::system::error_code& ec) {
    if (ec || weak.expired()) return;  // cancelled, or this object is gone
    // Cancelled after it expired but before this handler ran: the id is gone.
    auto it = timers_.find(id);
    if (it == timers_.end()) return;
    timers_.erase(it);
    fn();
  });
  timers_.emplace(id, std::move(timer));
  return id;
}

void SimulatedTelephony::Cancel(TimerId& id) {
  if (id != 0) timers_.erase(id);  // destroying a steady_timer cancels its wait
  id = 0;
}

void SimulatedTelephony::Stop() {
  stopped_ = true;
  timers_.clear();
  for (auto& run : streams_) run.next = 0;
}

SimulatedTelephony::LineRec* SimulatedTelephony::Find(CallId call) {
  auto it = lines_.find(call);
  if (it == lines_.end()) {
    ++counts_.stale_commands;
    return nullptr;
  }
  return &it->second;
}

std::optional<LineView> SimulatedTelephony::Line(CallId call) const {
  auto it = lines_.find(call);
  if (it == lines_.end()) return std::nullopt;
  return it->second.view;
}

void SimulatedTelephony::Deliver(const CallEvent& event) {
  if (handler_ != nullptr && !stopped_) handler_->OnCallEvent(event);
}

bool SimulatedTelephony::Chance(double probability) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < probability;
}

Duration SimulatedTelephony::Uniform(Duration low, Duration high) {
  return Duration(std::uniform_int_distribution<Duration::rep>(low.count(), high.count())(rng_));
}

CallerBehaviour SimulatedTelephony::BehaviourFor(const std::string& dialled_number) const {
  for (const auto& run : streams_) {
    if (run.stream.dialled_number == dialled_number)
      return CallerBehaviour{run.stream.mean_patience, run.stream.mean_talk};
  }
  return options_.default_behaviour;
}

void SimulatedTelephony::EndLine(CallId call, End how) {
  auto it = lines_.find(call);
  if (it == lines_.end()) return;
  LineRec& line = it->second;
  Cancel(line.patience);
  Cancel(line.talk);
  Cancel(line.dial);
  Cancel(line.consult);
  switch (how) {
    case End::kAbandoned:
      ++counts_.abandoned;
      break;
    case End::kCompleted:
      ++counts_.completed;
      break;
    case End::kByCentre:
      ++(line.talked ? counts_.completed : counts_.ended_by_centre);
      break;
  }
  lines_.erase(it);
}

void SimulatedTelephony::StartPatience(LineRec& line) {
  Cancel(line.patience);
  if (line.behaviour.mean_patience.count() <= 0) return;
  const double mean = static_cast<double>(line.behaviour.mean_patience.count());
  const auto wait =
      Duration(static_cast<Duration::rep>(std::exponential_distribution<double>(1.0 / mean)(rng_)));
  const CallId call = line.view.call;
  line.patience = After(wait, [this, call] {
    auto it = lines_.find(call);
    if (it == lines_.end()) return;
    it->second.patience = 0;
    EndLine(call, End::kAbandoned);
    Deliver(CallerHungUp{call});
  });
}

void SimulatedTelephony::StartTalk(LineRec& line) {
  Cancel(line.talk);
  line.talked = true;
  const double mean =
      static_cast<double>(std::max(line.behaviour.mean_talk, kShortestTalk).count());
  const double sigma2 = std::log(1.0 + options_.talk_cv * options_.talk_cv);
  std::lognormal_distribution<double> draw(std::log(mean) - sigma2 / 2, std::sqrt(sigma2));
  const auto talk = std::max(kShortestTalk, Duration(static_cast<Duration::rep>(draw(rng_))));
  const CallId call = line.view.call;
  line.talk = After(talk, [this, call] {
    auto it = lines_.find(call);
    if (it == lines_.end()) return;
    it->second.talk = 0;
    EndLine(call, End::kCompleted);
    Deliver(CallerHungUp{call});
  });
}

CallId SimulatedTelephony::InjectCall(std::string dialled_number,
                                      std::optional<std::string> caller_number,
                                      std::optional<CallerBehaviour> behaviour) {
  const CallId call(next_call_id_++);
  LineRec line;
  line.view.call = call;
  line.view.dialled_number = std::move(dialled_number);
  line.view.caller_number = std::move(caller_number);
  line.behaviour = behaviour.value_or(BehaviourFor(line.view.dialled_number));
  lines_.emplace(call, std::move(line));
  ++counts_.arrived;
  boost::asio::post(io_, [this, call, weak = std::weak_ptr<int>(alive_)] {
    if (weak.expired() || stopped_) return;
    auto it = lines_.find(call);
    if (it == lines_.end()) return;  // the centre hung up before it heard of the call
    StartPatience(it->second);
    Deliver(IncomingCall{call, it->second.view.dialled_number, it->second.view.caller_number});
  });
  return call;
}

core::Status SimulatedTelephony::SetTraffic(std::vector<TrafficStream> streams) {
  for (const auto& s : streams) {
    if (auto ok = Validate(s); !ok) return ok;
  }
  for (auto& run : streams_) Cancel(run.next);
  streams_.clear();
  for (auto& s : streams) {
    StreamRun run{std::move(s), {}, 0};
    for (int i = 0; i < options_.regular_callers; ++i)
      run.regulars.push_back(RandomMobileNumber(rng_));
    streams_.push_back(std::move(run));
  }
  for (std::size_t i = 0; i < streams_.size(); ++i) ArmStream(i);
  return {};
}

void SimulatedTelephony::Pause() {
  paused_ = true;
  for (auto& run : streams_) Cancel(run.next);
}

void SimulatedTelephony::Resume() {
  if (!paused_) return;
  paused_ = false;
  for (std::size_t i = 0; i < streams_.size(); ++i) ArmStream(i);
}

core::Status SimulatedTelephony::SetRateMultiplier(double multiplier) {
  if (!std::isfinite(multiplier) || multiplier < 0)
    return Fail(ErrorCode::kInvalidArgument, "the rate multiplier must be finite and not negative");
  multiplier_ = multiplier;
  // Arrivals are memoryless: drawing the next one afresh at the new rate is exact.
  for (std::size_t i = 0; i < streams_.size(); ++i) {
    Cancel(streams_[i].next);
    ArmStream(i);
  }
  return {};
}

void SimulatedTelephony::ArmStream(std::size_t index) {
  StreamRun& run = streams_[index];
  Cancel(run.next);
  if (paused_ || stopped_) return;
  const core::Timestamp now = clock_.Now();
  const auto at = NextArrival(run.stream, multiplier_, now, local_hour_, rng_);
  if (!at) return;
  run.next = After(*at - now, [this, index] {
    streams_[index].next = 0;
    ArmStream(index);  // before the arrival is delivered: the handler may pause or replace traffic
    Arrive(index);
  });
}

void SimulatedTelephony::Arrive(std::size_t index) {
  const StreamRun& run = streams_[index];
  std::optional<std::string> number;
  if (!Chance(run.stream.withheld_share)) {
    if (!run.regulars.empty() && Chance(run.stream.repeat_share)) {
      std::uniform_int_distribution<std::size_t> pick(0, run.regulars.size() - 1);
      number = run.regulars[pick(rng_)];
    } else {
      number = RandomMobileNumber(rng_);
    }
  }
  const CallId call(next_call_id_++);
  LineRec line;
  line.view.call = call;
  line.view.dialled_number = run.stream.dialled_number;
  line.view.caller_number = number;
  line.behaviour = CallerBehaviour{run.stream.mean_patience, run.stream.mean_talk};
  auto& stored = lines_.emplace(call, std::move(line)).first->second;
  ++counts_.arrived;
  StartPatience(stored);
  Deliver(IncomingCall{call, run.stream.dialled_number, number});
}

void SimulatedTelephony::PlayQueueMusic(CallId call, QueueId queue) {
  if (auto* line = Find(call)) line->view.queue = queue;
}

void SimulatedTelephony::Play(CallId call, Prompt, int, Duration) {
  if (auto* line = Find(call)) ++line->view.prompts_played;
}

void SimulatedTelephony::RingAgent(CallId call, AgentId agent, Duration) {
  auto* line = Find(call);
  if (line == nullptr) return;
  auto& ringing = line->view.ringing;
  if (std::find(ringing.begin(), ringing.end(), agent) == ringing.end()) ringing.push_back(agent);
}

void SimulatedTelephony::StopRinging(CallId call, AgentId agent) {
  auto* line = Find(call);
  if (line == nullptr) return;
  std::erase(line->view.ringing, agent);
}

void SimulatedTelephony::Connect(CallId call, AgentId agent) {
  auto* line = Find(call);
  if (line == nullptr) return;
  std::erase(line->view.ringing, agent);
  if (line->view.state == LineState::kDialling) {
    line->view.agent = agent;  // talks once the customer answers (DialAnswered)
    return;
  }
  Cancel(line->patience);
  Cancel(line->dial);  // a pending callback decision is moot once an agent talks
  const bool same_party = line->view.state == LineState::kTalking && line->view.agent == agent;
  line->view.state = LineState::kTalking;
  line->view.agent = agent;
  // A new agent hears the story afresh; the same agent (after a consult) goes on.
  if (!same_party || line->talk == 0) StartTalk(*line);
}

void SimulatedTelephony::Hold(CallId call) {
  if (auto* line = Find(call)) line->view.on_hold = true;
}

void SimulatedTelephony::Resume(CallId call) {
  if (auto* line = Find(call)) line->view.on_hold = false;
}

void SimulatedTelephony::DisconnectAgent(CallId call, AgentId agent) {
  auto* line = Find(call);
  if (line == nullptr) return;
  if (line->view.agent == agent) line->view.agent.reset();
}

void SimulatedTelephony::Dial(CallId call, AgentId agent, const std::string& number) {
  if (lines_.contains(call)) EndLine(call, End::kByCentre);
  LineRec line;
  line.view.call = call;
  line.view.state = LineState::kDialling;
  line.view.outbound = true;
  line.view.dialled_number = number;
  line.view.caller_number = number;
  line.view.agent = agent;
  line.behaviour = options_.default_behaviour;
  auto practice = practice_.find(call);
  const bool is_practice = practice != practice_.end();
  if (is_practice) {
    line.behaviour.mean_talk = practice->second;
    practice_.erase(practice);
  }
  auto& stored = lines_.emplace(call, std::move(line)).first->second;
  ++counts_.dialled;
  const bool answers = is_practice || Chance(options_.dial_answer_probability);
  const Duration after = is_practice ? core::Seconds(1) : Uniform(options_.dial_min, options_.dial_max);
  stored.dial = After(after, [this, call, answers] {
    auto it = lines_.find(call);
    if (it == lines_.end()) return;
    LineRec& l = it->second;
    l.dial = 0;
    if (!answers) {
      ++counts_.dial_failed;
      EndLine(call, End::kByCentre);
      Deliver(DialFailed{call});
      return;
    }
    ++counts_.dial_answered;
    l.view.state = LineState::kTalking;
    StartTalk(l);
    Deliver(DialAnswered{call});
  });
}

void SimulatedTelephony::DialConsult(CallId call, AgentId, const std::string&) {
  auto* line = Find(call);
  if (line == nullptr) return;
  line->view.consult = ConsultLeg::kDialling;
  const bool answers = Chance(options_.dial_answer_probability);
  line->consult = After(Uniform(options_.dial_min, options_.dial_max), [this, call, answers] {
    auto it = lines_.find(call);
    if (it == lines_.end()) return;
    it->second.consult = 0;
    it->second.view.consult = answers ? ConsultLeg::kTalking : ConsultLeg::kNone;
    if (answers)
      Deliver(ConsultAnswered{call});
    else
      Deliver(ConsultFailed{call});
  });
}

void SimulatedTelephony::ConnectConsult(CallId call, AgentId, AgentId) {
  if (auto* line = Find(call)) line->view.consult = ConsultLeg::kTalking;
}

void SimulatedTelephony::Conference(CallId call) {
  if (auto* line = Find(call)) line->view.consult = ConsultLeg::kConference;
}

void SimulatedTelephony::DropConsult(CallId call, AgentId) {
  auto* line = Find(call);
  if (line == nullptr) return;
  Cancel(line->consult);
  line->view.consult = ConsultLeg::kNone;
}

void SimulatedTelephony::TransferOut(CallId call, const std::string&) {
  if (Find(call) != nullptr) EndLine(call, End::kByCentre);
}

void SimulatedTelephony::OfferCallback(CallId call) {
  auto* line = Find(call);
  if (line == nullptr || line->view.state != LineState::kWaiting || line->dial != 0) return;
  line->dial = After(options_.callback_decision, [this, call] {
    auto it = lines_.find(call);
    if (it == lines_.end()) return;
    LineRec& l = it->second;
    l.dial = 0;
    if (l.view.state != LineState::kWaiting || !Chance(options_.callback_accept_probability))
      return;
    Cancel(l.patience);
    l.view.state = LineState::kLeaving;
    ++counts_.callbacks_chosen;
    // A caller who withheld their number keys one in.
    const std::string number =
        l.view.caller_number ? *l.view.caller_number : RandomMobileNumber(rng_);
    Deliver(CallbackChosen{call, number});
  });
}

void SimulatedTelephony::HangUp(CallId call, HangUpCause) {
  if (Find(call) != nullptr) EndLine(call, End::kByCentre);
}

}  // namespace cc::telephony
