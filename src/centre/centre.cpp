#include "centre/centre.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <algorithm>
#include <chrono>

#include "acd/event_json.h"
#include "centre/bot_agents.h"
#include "core/overloaded.h"

namespace cc::centre {

namespace {

using core::ErrorCode;
using core::Fail;

std::shared_future<core::Status> Done(core::Status status) {
  std::promise<core::Status> promise;
  promise.set_value(std::move(status));
  return promise.get_future().share();
}

storage::LogRecord Record(const acd::Event& event) {
  storage::LogRecord r;
  r.at_ms = core::ToMillis(event.at);
  r.type = std::string(acd::EventName(event.body));
  auto keys = acd::KeysOf(event.body);
  r.call_id = keys.call;
  r.agent_id = keys.agent;
  r.queue_id = keys.queue;
  r.payload = acd::ToJson(event).dump();
  return r;
}

storage::LogRecord Record(core::Timestamp at, std::string type, nlohmann::json payload,
                          std::optional<core::CallId> call, std::optional<core::AgentId> agent) {
  storage::LogRecord r;
  r.at_ms = core::ToMillis(at);
  payload["type"] = type;
  payload["at"] = core::FormatUtc(at);
  r.type = std::move(type);
  if (call) r.call_id = static_cast<std::int64_t>(call->value());
  if (agent) r.agent_id = static_cast<std::int64_t>(agent->value());
  r.payload = payload.dump();
  return r;
}

telephony::Prompt PromptFor(acd::AnnouncementKind kind) {
  return kind == acd::AnnouncementKind::kPosition ? telephony::Prompt::kQueuePosition
                                                  : telephony::Prompt::kNoAgents;
}

telephony::HangUpCause CauseFor(acd::HangUpReason reason) {
  switch (reason) {
    case acd::HangUpReason::kQueueFull:
      return telephony::HangUpCause::kQueueFull;
    case acd::HangUpReason::kCallbackRequested:
      return telephony::HangUpCause::kCallbackRequested;
    case acd::HangUpReason::kAgentEnded:
      return telephony::HangUpCause::kEnded;
  }
  return telephony::HangUpCause::kEnded;
}

}  // namespace

const QueueSetup* CentreSetup::FindQueue(core::QueueId id) const {
  for (const auto& q : queues) {
    if (q.config.id == id) return &q;
  }
  return nullptr;
}

const AgentSetup* CentreSetup::FindAgent(core::AgentId id) const {
  for (const auto& a : agents) {
    if (a.config.id == id) return &a;
  }
  return nullptr;
}

Centre::Centre(core::Clock& clock, storage::InteractionLog& log, CentreOptions options)
    : clock_(clock),
      log_(log),
      options_(std::move(options)),
      engine_timer_(loop_),
      midnight_timer_(loop_),
      engine_(options_.engine),
      last_write_(Done({})) {}

Centre::~Centre() { Stop(); }

void Centre::SetTelephony(telephony::CallControl* telephony) { telephony_ = telephony; }
void Centre::AddListener(CentreListener* listener) { listeners_.push_back(listener); }
void Centre::SetBots(BotAgents* bots) { bots_ = bots; }

void Centre::Start(const CentreSetup& setup) {
  setup_ = setup;
  for (const auto& q : setup_.queues) {
    for (const auto& number : q.numbers) numbers_[number] = q.config.id;
  }
  if (telephony_) telephony_->SetHandler(this);
  stopped_ = false;
  // The setup is applied on the loop, before anything else can arrive.
  Post([this] {
    // Queues first without their overflow targets (which may come later in
    // the list), then as configured.
    for (const auto& q : setup_.queues) {
      acd::QueueConfig plain = q.config;
      plain.overflow = {};
      if (auto s = Apply(acd::UpsertQueue{plain}).applied; !s) {
        spdlog::error("queue {} refused: {}", q.config.name, s.error().message);
      }
    }
    for (const auto& q : setup_.queues) {
      if (q.config.overflow.kind == acd::OverflowKind::kNone) continue;
      if (auto s = Apply(acd::UpsertQueue{q.config}).applied; !s) {
        spdlog::error("queue {} refused: {}", q.config.name, s.error().message);
      }
    }
    for (const auto& a : setup_.agents) {
      if (auto s = Apply(acd::UpsertAgent{a.config}).applied; !s) {
        spdlog::error("agent {} refused: {}", a.config.name, s.error().message);
      }
    }
    ArmMidnight();
  });
  thread_ = std::thread([this] {
    auto guard = boost::asio::make_work_guard(loop_);
    loop_.run();
  });
}

void Centre::Stop() {
  if (stopped_) return;
  stopped_ = true;
  std::promise<void> drained;
  auto done = drained.get_future();
  boost::asio::post(loop_, [this, &drained] {
    engine_timer_.cancel();
    midnight_timer_.cancel();
    drained.set_value();
  });
  done.wait();
  loop_.stop();
  if (thread_.joinable()) thread_.join();
  last_write_.wait();
}

void Centre::Post(std::function<void()> fn) { boost::asio::post(loop_, std::move(fn)); }

std::future<Ack> Centre::Submit(acd::Input input) {
  auto promise = std::make_shared<std::promise<Ack>>();
  auto future = promise->get_future();
  Post([this, promise, input = std::move(input)] { promise->set_value(Apply(input)); });
  return future;
}

std::future<Ack> Centre::FinishWrapUp(core::AgentId agent, std::string code, std::string note) {
  auto promise = std::make_shared<std::promise<Ack>>();
  auto future = promise->get_future();
  Post([this, promise, agent, code = std::move(code), note = std::move(note)] {
    auto view = engine_.Agent(agent);
    if (!view) {
      promise->set_value(Ack{Fail(ErrorCode::kNotFound, "no such agent"), Done({})});
      return;
    }
    if (view->state != acd::AgentState::kWrapUp) {
      promise->set_value(Ack{Fail(ErrorCode::kFailedPrecondition,
                                  "the agent is not in wrap-up (state " +
                                      std::string(acd::ToString(view->state)) + ")"),
                             Done({})});
      return;
    }
    std::vector<storage::LogRecord> before;
    const Desk& desk = DeskFor(agent);
    if (desk.wrap_up) {
      before.push_back(Record(clock_.Now(), "call.disposition",
                              {{"call", desk.wrap_up->call.value()},
                               {"agent", agent.value()},
                               {"code", code},
                               {"note", note}},
                              desk.wrap_up->call, agent));
    }
    promise->set_value(Apply(acd::WrapUpDone{agent}, std::move(before)));
  });
  return future;
}

std::future<Ack> Centre::Configure(QueueSetup queue) {
  auto promise = std::make_shared<std::promise<Ack>>();
  auto future = promise->get_future();
  Post([this, promise, queue = std::move(queue)] {
    Ack ack = Apply(acd::UpsertQueue{queue.config});
    if (ack.applied) {
      std::erase_if(numbers_, [&](const auto& n) { return n.second == queue.config.id; });
      for (const auto& number : queue.numbers) numbers_[number] = queue.config.id;
      auto it = std::find_if(setup_.queues.begin(), setup_.queues.end(),
                             [&](const QueueSetup& q) { return q.config.id == queue.config.id; });
      if (it == setup_.queues.end()) {
        setup_.queues.push_back(queue);
      } else {
        *it = queue;
      }
    }
    promise->set_value(std::move(ack));
  });
  return future;
}

std::future<Ack> Centre::Configure(AgentSetup agent) {
  auto promise = std::make_shared<std::promise<Ack>>();
  auto future = promise->get_future();
  Post([this, promise, agent = std::move(agent)] {
    Ack ack = Apply(acd::UpsertAgent{agent.config});
    if (ack.applied) {
      auto it = std::find_if(setup_.agents.begin(), setup_.agents.end(),
                             [&](const AgentSetup& a) { return a.config.id == agent.config.id; });
      if (it == setup_.agents.end()) {
        setup_.agents.push_back(agent);
      } else {
        *it = agent;
      }
    }
    promise->set_value(std::move(ack));
  });
  return future;
}

std::optional<Desk> Centre::DeskOf(core::AgentId agent) const {
  auto it = desks_.find(agent);
  if (it != desks_.end()) return it->second;
  if (!engine_.Agent(agent)) return std::nullopt;
  Desk desk;
  desk.agent = agent;
  return desk;
}

const CallInfo* Centre::Call(core::CallId call) const {
  auto it = calls_.find(call);
  return it == calls_.end() ? nullptr : &it->second;
}

CallInfo* Centre::FindCall(core::CallId call) {
  auto it = calls_.find(call);
  return it == calls_.end() ? nullptr : &it->second;
}

Desk& Centre::DeskFor(core::AgentId agent) {
  auto [it, inserted] = desks_.try_emplace(agent);
  if (inserted) it->second.agent = agent;
  return it->second;
}

core::Status Centre::ApplyOnLoop(const acd::Input& input) { return Apply(input).applied; }

Ack Centre::Apply(const acd::Input& input, std::vector<storage::LogRecord> before) {
  // Whatever asks to dial out (the desk, a script, the simulator) passes the dial plan first.
  if (auto permitted = options_.dial_plan.Permits(input); !permitted) {
    spdlog::warn("dial plan: refused: {}", permitted.error().message);
    return Ack{std::move(permitted), Done({})};
  }
  const core::Timestamp now = clock_.Now();
  acd::Output out;
  core::Status applied = engine_.Apply(input, now, out);
  if (!applied && out.events.empty() && out.commands.empty() && before.empty()) {
    ArmTimer();
    return Ack{std::move(applied), Done({})};
  }
  if (!applied) before.clear();  // a refused input leaves no trace of its own
  std::vector<storage::LogRecord> records = std::move(before);
  records.reserve(records.size() + out.events.size());
  for (const auto& event : out.events) {
    records.push_back(Record(event));
    stats_.OnEvent(event);
    Track(event);
  }
  for (const auto& command : out.commands) Carry(command);
  std::shared_future<core::Status> durable = Done({});
  if (!records.empty()) {
    durable = log_.Append(std::move(records)).share();
    last_write_ = durable;
  }
  if (bots_) {
    for (const auto& command : out.commands) bots_->OnCommand(command);
    for (const auto& event : out.events) bots_->OnEvent(event);
  }
  for (auto* listener : listeners_) listener->OnEvents(out.events);
  for (auto agent : desks_changed_) PublishDesk(agent);
  desks_changed_.clear();
  ArmTimer();
  return Ack{std::move(applied), std::move(durable)};
}

void Centre::PublishDesk(core::AgentId agent) {
  Desk& desk = DeskFor(agent);
  desk.driven_by_bot = bots_ && bots_->Drives(agent);
  for (auto* listener : listeners_) listener->OnDesk(desk);
}

void Centre::Carry(const acd::Command& command) {
  auto mark = [this](core::AgentId a) { desks_changed_.push_back(a); };
  std::visit(
      core::Overloaded{
          [&](const acd::OfferCall& c) {
            Desk& desk = DeskFor(c.agent);
            DeskCall offered{c.call, {}, {}, {}, clock_.Now()};
            if (const CallInfo* info = FindCall(c.call)) {
              offered.caller = info->caller;
              offered.dialled = info->dialled;
              offered.topic = info->topic;
            }
            if (auto view = engine_.Call(c.call)) {
              offered.queue = view->queue;
              // A callback has no line yet: the desk shows whom it will call.
              if (!offered.caller && !view->number.empty()) offered.caller = view->number;
            }
            desk.offer = offered;
            desk.offer_kind = c.kind;
            mark(c.agent);
            if (telephony_) telephony_->RingAgent(c.call, c.agent, c.ring_timeout);
          },
          [&](const acd::CancelOffer& c) {
            Desk& desk = DeskFor(c.agent);
            if (desk.offer && desk.offer->call == c.call) desk.offer.reset();
            mark(c.agent);
            if (telephony_) telephony_->StopRinging(c.call, c.agent);
          },
          [&](const acd::Bridge& c) {
            Desk& desk = DeskFor(c.agent);
            DeskCall call{c.call, {}, {}, {}, clock_.Now()};
            if (desk.offer && desk.offer->call == c.call) call = *desk.offer;
            call.since = clock_.Now();
            if (const CallInfo* info = FindCall(c.call)) {
              call.caller = info->caller;
              call.dialled = info->dialled;
              call.topic = info->topic;
            }
            if (auto view = engine_.Call(c.call)) call.queue = view->queue;
            desk.offer.reset();
            desk.call = call;
            call_desks_[c.call] = c.agent;
            mark(c.agent);
            if (telephony_) telephony_->Connect(c.call, c.agent);
          },
          [&](const acd::Announce& c) {
            if (telephony_) telephony_->Play(c.call, PromptFor(c.kind), c.position, c.expected_wait);
          },
          [&](const acd::OfferCallbackChoice& c) {
            if (telephony_) telephony_->OfferCallback(c.call);
          },
          [&](const acd::MoveToQueue& c) {
            if (telephony_) telephony_->PlayQueueMusic(c.call, c.to);
          },
          [&](const acd::HoldCaller& c) {
            if (telephony_) telephony_->Hold(c.call);
          },
          [&](const acd::ResumeCaller& c) {
            if (telephony_) telephony_->Resume(c.call);
          },
          [&](const acd::Originate& c) {
            // The agent is on the call from the moment it is dialled: the
            // desk shows it (a callback or an outbound call) with its number.
            Desk& desk = DeskFor(c.agent);
            DeskCall call{c.call, {}, c.number, {}, clock_.Now()};
            if (desk.offer && desk.offer->call == c.call) call = *desk.offer;
            call.caller = c.number;
            call.since = clock_.Now();
            if (auto view = engine_.Call(c.call)) call.queue = view->queue;
            desk.offer.reset();
            desk.call = call;
            call_desks_[c.call] = c.agent;
            mark(c.agent);
            if (telephony_) telephony_->Dial(c.call, c.agent, c.number);
          },
          [&](const acd::DialConsult& c) {
            if (telephony_) telephony_->DialConsult(c.call, c.agent, c.number);
          },
          [&](const acd::BridgeConsult& c) {
            if (telephony_) telephony_->ConnectConsult(c.call, c.agent, c.with_agent);
          },
          [&](const acd::Conference& c) {
            if (telephony_) telephony_->Conference(c.call);
          },
          [&](const acd::DropConsult& c) {
            if (telephony_) telephony_->DropConsult(c.call, c.agent);
          },
          [&](const acd::TransferOut& c) {
            if (telephony_) telephony_->TransferOut(c.call, c.number);
          },
          [&](const acd::DisconnectAgent& c) {
            Desk& desk = DeskFor(c.agent);
            if (desk.call && desk.call->call == c.call) {
              desk.ended = desk.call;
              desk.call.reset();
            }
            mark(c.agent);
            if (telephony_) telephony_->DisconnectAgent(c.call, c.agent);
          },
          [&](const acd::HangUpCaller& c) {
            if (telephony_) telephony_->HangUp(c.call, CauseFor(c.reason));
          },
          [&](const acd::StartWrapUp& c) {
            Desk& desk = DeskFor(c.agent);
            DeskCall done{c.call, {}, {}, {}, clock_.Now()};
            if (desk.call && desk.call->call == c.call) done = *desk.call;
            else if (desk.ended && desk.ended->call == c.call) done = *desk.ended;
            desk.call.reset();
            desk.ended.reset();
            desk.wrap_up = done;
            desk.wrap_up_until = clock_.Now() + c.duration;
            mark(c.agent);
          },
          [&](const acd::EndWrapUp& c) {
            DeskFor(c.agent).wrap_up.reset();
            mark(c.agent);
          },
      },
      command);
}

void Centre::Track(const acd::Event& event) {
  std::visit(core::Overloaded{
                 [&](const acd::AgentStateChanged& e) {
                   Desk& desk = DeskFor(e.agent);
                   desk.state = e.to;
                   desk.reason = e.reason;
                   desk.since = event.at;
                   if (e.to != acd::AgentState::kReserved) desk.offer.reset();
                   if (e.to == acd::AgentState::kOnHold && desk.call) desk.call->on_hold = true;
                   if (e.to == acd::AgentState::kOnCall && desk.call) desk.call->on_hold = false;
                   if (e.to != acd::AgentState::kWrapUp) desk.wrap_up.reset();
                   desks_changed_.push_back(e.agent);
                 },
                 [&](const acd::ConsultStarted& e) {
                   Desk& desk = DeskFor(e.agent);
                   if (desk.call) {
                     desk.call->consult = e.target;
                     desk.call->consult_connected = false;
                     desk.call->conference = false;
                   }
                   desks_changed_.push_back(e.agent);
                 },
                 [&](const acd::ConsultConnected& e) {
                   Desk& desk = DeskFor(e.agent);
                   if (desk.call) desk.call->consult_connected = true;
                   desks_changed_.push_back(e.agent);
                 },
                 [&](const acd::ConsultEnded& e) {
                   // A conference keeps the consulted party on the line until
                   // they leave (ConsultEnded again, with outcome return).
                   Desk& desk = DeskFor(e.agent);
                   if (desk.call) {
                     desk.call->conference = e.outcome == acd::ConsultOutcome::kConference;
                     if (!desk.call->conference) desk.call->consult.reset();
                     desk.call->consult_connected = desk.call->conference;
                   }
                   desks_changed_.push_back(e.agent);
                 },
                 [&](const acd::AgentLeftCall& e) {
                   // Before the commands of the same step (a transfer's next ring).
                   if (telephony_) telephony_->AgentLeft(e.call, e.agent);
                   Desk& desk = DeskFor(e.agent);
                   if (desk.call && desk.call->call == e.call) {
                     desk.ended = desk.call;
                     desk.call.reset();
                   }
                   desks_changed_.push_back(e.agent);
                 },
                 [&](const acd::CallEnded& e) {
                   calls_.erase(e.call);
                   // A call that ended without the agent ever talking (a dialled
                   // number that did not answer) leaves no AgentLeftCall.
                   auto at = call_desks_.find(e.call);
                   if (at == call_desks_.end()) return;
                   const core::AgentId agent = at->second;
                   call_desks_.erase(at);
                   Desk& desk = DeskFor(agent);
                   if (desk.call && desk.call->call == e.call) {
                     desk.ended = desk.call;
                     desk.call.reset();
                     desks_changed_.push_back(agent);
                   }
                 },
                 [](const auto&) {},
             },
             event.body);
}

void Centre::OnCallEvent(const telephony::CallEvent& event) {
  std::visit(
      core::Overloaded{
          [&](const telephony::IncomingCall& e) {
            // An IVR menu names the queue; otherwise the dialled number does.
            std::optional<core::QueueId> target = e.queue;
            if (!target) {
              auto number = numbers_.find(e.dialled_number);
              if (number != numbers_.end()) target = number->second;
            }
            const QueueSetup* queue = target ? setup_.FindQueue(*target) : nullptr;
            if (!queue) {
              spdlog::warn("call {} to {} refused: no queue {}", e.call.value(), e.dialled_number,
                           target ? std::to_string(target->value()) : std::string("takes that number"));
              if (telephony_) telephony_->HangUp(e.call, telephony::HangUpCause::kEnded);
              return;
            }
            CallInfo info{e.call, queue->config.tenant, "inbound", e.dialled_number,
                          e.caller_number, clock_.Now(), e.topic};
            calls_[e.call] = info;
            nlohmann::json caller = nullptr;
            if (e.caller_number) caller = *e.caller_number;
            nlohmann::json received = {{"call", e.call.value()},
                                       {"dialled", e.dialled_number},
                                       {"caller", caller},
                                       {"tenant", queue->config.tenant.value()},
                                       {"direction", "inbound"}};
            if (e.ivr_menu != 0) {
              received["ivr"] = {{"menu", e.ivr_menu}, {"keys", e.ivr_keys}, {"topic", e.topic}};
            }
            std::vector<storage::LogRecord> before{
                Record(clock_.Now(), "call.received", std::move(received), e.call, std::nullopt)};
            acd::CallAttributes attributes;
            attributes.tenant = queue->config.tenant;
            attributes.dialled_number = e.dialled_number;
            attributes.caller_number = e.caller_number;
            attributes.ivr_topic = e.topic;
            auto ack = Apply(acd::CallArrived{e.call, queue->config.id, attributes}, std::move(before));
            if (!ack.applied) {
              calls_.erase(e.call);
              spdlog::warn("call {} refused: {}", e.call.value(), ack.applied.error().message);
              if (telephony_) telephony_->HangUp(e.call, telephony::HangUpCause::kEnded);
            } else if (telephony_ && engine_.Call(e.call) &&
                       engine_.Call(e.call)->stage == acd::CallStage::kQueued) {
              telephony_->PlayQueueMusic(e.call, queue->config.id);
            }
          },
          [&](const telephony::CallerHungUp& e) { Apply(acd::CallerHungUp{e.call}); },
          [&](const telephony::AgentAnswered& e) { Apply(acd::OfferAccepted{e.call, e.agent}); },
          [&](const telephony::AgentRejected& e) { Apply(acd::OfferRejected{e.call, e.agent}); },
          [&](const telephony::AgentHungUp& e) { Apply(acd::AgentHangsUp{e.call, e.agent}); },
          [&](const telephony::DialAnswered& e) { Apply(acd::OriginateAnswered{e.call}); },
          [&](const telephony::DialFailed& e) { Apply(acd::OriginateFailed{e.call}); },
          [&](const telephony::ConsultAnswered& e) { Apply(acd::ConsultAnswered{e.call}); },
          [&](const telephony::ConsultFailed& e) { Apply(acd::ConsultFailed{e.call}); },
          [&](const telephony::ConsultPartyHungUp& e) {
            Apply(acd::CompleteConsult{e.call, acd::ConsultOutcome::kReturn});
          },
          [&](const telephony::CallbackChosen& e) {
            Apply(acd::CallbackRequested{e.call, e.number});
          },
          [&](const telephony::PhoneTransfer& e) {
            // A transfer from the agent's phone (SIP REFER): a colleague, a queue's number, or outside.
            const acd::ConsultTarget to = PhoneTarget(e.to_agent, e.number);
            Ack ack;
            switch (to.kind) {
              case acd::ConsultTargetKind::kAgent:
                ack = Apply(acd::TransferToAgent{e.call, to.agent});
                break;
              case acd::ConsultTargetKind::kQueue:
                ack = Apply(acd::TransferToQueue{e.call, to.queue});
                break;
              case acd::ConsultTargetKind::kExternal:
                ack = Apply(acd::TransferExternal{e.call, to.number});
                break;
            }
            if (!ack.applied) {
              spdlog::info("call {}: transfer from agent {}'s phone refused: {}", e.call.value(), e.agent.value(),
                           ack.applied.error().message);
              if (telephony_) telephony_->TransferRefused(e.call, e.agent, ack.applied.error().message);
            }
          },
          [&](const telephony::PhoneConsult& e) {
            // The agent's phone dialled while on a call: a consult with a colleague, a queue or outside.
            auto ack = Apply(acd::StartConsult{e.call, PhoneTarget(e.to_agent, e.number)});
            if (!ack.applied) {
              spdlog::info("call {}: consult from agent {}'s phone refused: {}", e.call.value(), e.agent.value(),
                           ack.applied.error().message);
              if (telephony_) telephony_->ConsultRefused(e.call, e.agent, ack.applied.error().message);
            }
          },
          [&](const telephony::PhoneConsultEnded& e) {
            auto ack = Apply(acd::CompleteConsult{
                e.call, e.transfer ? acd::ConsultOutcome::kTransfer : acd::ConsultOutcome::kReturn});
            if (!ack.applied) {
              spdlog::info("call {}: agent {}'s phone ended its consult ({}), refused: {}", e.call.value(),
                           e.agent.value(), e.transfer ? "transfer" : "return", ack.applied.error().message);
              if (e.transfer && telephony_) telephony_->TransferRefused(e.call, e.agent, ack.applied.error().message);
            }
          },
          [&](const telephony::IvrEnded& e) {
            // The engine never saw the call: only the log keeps that it came and what it chose.
            nlohmann::json caller = nullptr;
            if (e.caller_number) caller = *e.caller_number;
            last_write_ = log_.Append({Record(clock_.Now(), "ivr.ended",
                                {{"call", e.call.value()},
                                 {"dialled", e.dialled_number},
                                 {"caller", caller},
                                 {"menu", e.ivr_menu},
                                 {"keys", e.ivr_keys},
                                 {"outcome", e.outcome},
                                 {"open", e.open},
                                 {"ivr_ms", std::chrono::duration_cast<std::chrono::milliseconds>(e.in_menu).count()},
                                 {"tenant", e.tenant.valid() ? nlohmann::json(e.tenant.value()) : nlohmann::json()}},
                                e.call, std::nullopt)})
                              .share();
          },
          [&](const telephony::AgentPhoneHold& e) {
            if (e.held) {
              Apply(acd::HoldCall{e.call});
            } else {
              Apply(acd::ResumeCall{e.call});
            }
          },
      },
      event);
}

acd::ConsultTarget Centre::PhoneTarget(std::optional<core::AgentId> to_agent, const std::string& number) const {
  acd::ConsultTarget target;
  if (to_agent) {
    target.kind = acd::ConsultTargetKind::kAgent;
    target.agent = *to_agent;
  } else if (auto q = numbers_.find(number); q != numbers_.end()) {
    target.kind = acd::ConsultTargetKind::kQueue;
    target.queue = q->second;
  } else {
    target.kind = acd::ConsultTargetKind::kExternal;
    target.number = number;
  }
  return target;
}

void Centre::ArmTimer() {
  auto deadline = engine_.NextDeadline();
  if (!deadline) return;
  auto delay = *deadline - clock_.Now();
  if (delay < core::Duration::zero()) delay = core::Duration::zero();
  engine_timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(delay));
  engine_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // re-armed or cancelled
    Apply(acd::Tick{});
  });
}

void Centre::ArmMidnight() {
  if (!options_.next_midnight) return;
  const core::Timestamp now = clock_.Now();
  auto delay = options_.next_midnight(now) - now;
  if (delay < core::Duration::zero()) delay = core::Duration::zero();
  midnight_timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(delay));
  midnight_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    Apply(acd::NewDay{});
    stats_.StartNewDay();
    ArmMidnight();
  });
}

}  // namespace cc::centre
