#include "sim/simulator.h"

#include <cmath>

namespace cc::sim {

using core::ErrorCode;
using core::Fail;
using core::Status;

Simulator::Simulator(DayModel model)
    : model_(std::move(model)),
      end_(model_.start + model_.interval * model_.intervals),
      report_(model_),
      rng_(model_.seed),
      now_(model_.start) {}

void Simulator::Schedule(Timestamp at, Kind kind, std::uint64_t call, std::uint32_t index,
                         acd::NotReadyReason reason) {
  pending_.push(Pending{at, ++seq_, kind, call, index, reason});
}

Duration Simulator::SampleExp(Duration mean) {
  std::exponential_distribution<double> d(1.0 / static_cast<double>(mean.count()));
  return Duration(static_cast<std::int64_t>(std::llround(d(rng_))));
}

Duration Simulator::SampleHandle(std::size_t queue) {
  const HandleTime& h = model_.queues[queue].handle;
  if (h.kind == HandleDistribution::kExponential) return SampleExp(h.mean);
  const double sigma2 = std::log(1.0 + h.cv * h.cv);
  const double mu = std::log(static_cast<double>(h.mean.count())) - sigma2 / 2.0;
  std::lognormal_distribution<double> d(mu, std::sqrt(sigma2));
  return Duration(static_cast<std::int64_t>(std::llround(d(rng_))));
}

// Poisson arrivals with a rate that is constant within each interval: draw
// an exponential gap at the current rate; if it crosses into the next
// interval, start again from the boundary (memorylessness makes this exact).
void Simulator::ScheduleNextArrival(std::size_t queue, Timestamp after) {
  const auto& arrivals = model_.queues[queue].arrivals;
  Timestamp t = after;
  while (t < end_) {
    const auto i = static_cast<std::size_t>((t - model_.start) / model_.interval);
    const Timestamp boundary = model_.start + model_.interval * static_cast<std::int64_t>(i + 1);
    const double expected = i < arrivals.size() ? arrivals[i] : 0.0;
    if (expected > 0) {
      const double rate_per_ms = expected / static_cast<double>(model_.interval.count());
      std::exponential_distribution<double> gap(rate_per_ms);
      const Timestamp next = t + Duration(static_cast<std::int64_t>(std::ceil(gap(rng_))));
      if (next < boundary) {
        Schedule(next, Kind::kArrival, 0, static_cast<std::uint32_t>(queue));
        return;
      }
    }
    t = boundary;
  }
}

Status Simulator::Setup() {
  // Queues first without overflow, so overflow targets exist whatever the order.
  for (const auto& q : model_.queues) {
    acd::QueueConfig cfg = q.config;
    cfg.overflow = {};
    if (cfg.when_no_agents == acd::NoAgentsAction::kOverflow)
      cfg.when_no_agents = acd::NoAgentsAction::kWait;
    if (auto s = engine_.Apply(acd::UpsertQueue{cfg}, now_, out_); !s) return s;
  }
  for (const auto& q : model_.queues)
    if (auto s = engine_.Apply(acd::UpsertQueue{q.config}, now_, out_); !s) return s;
  std::uint32_t next_agent = 1;
  for (const auto& shift : model_.shifts) {
    for (int i = 0; i < shift.agents; ++i) {
      const acd::AgentId id(next_agent++);
      acd::AgentConfig cfg;
      cfg.id = id;
      cfg.name = shift.name + "-" + std::to_string(i + 1);
      cfg.skills = shift.skills;
      cfg.queues = shift.queues;
      if (auto s = engine_.Apply(acd::UpsertAgent{cfg}, now_, out_); !s) return s;
      Schedule(model_.start + shift.start_offset, Kind::kAgentReady, 0, id.value());
      for (const auto& b : shift.breaks) {
        const Duration spread =
            shift.agents > 1 ? shift.stagger * i / (shift.agents - 1) : Duration{};
        const Timestamp begin = model_.start + b.start_offset + spread;
        Schedule(begin, Kind::kAgentBreak, 0, id.value(), b.reason);
        Schedule(begin + b.length, Kind::kAgentReady, 0, id.value());
      }
      Schedule(model_.start + shift.end_offset, Kind::kAgentLogout, 0, id.value());
    }
  }
  for (const auto& e : out_.events) report_.OnEvent(e);
  out_.clear();
  for (std::size_t q = 0; q < model_.queues.size(); ++q) ScheduleNextArrival(q, model_.start);
  return {};
}

void Simulator::Apply(const acd::Input& input) {
  out_.clear();
  ++inputs_;
  // Refusals are expected here (an answer racing a hang-up); they change nothing.
  (void)engine_.Apply(input, now_, out_);
  Carry(out_);
}

// Simulated telephony: carries out the engine's commands.
void Simulator::Carry(const acd::Output& out) {
  for (const auto& e : out.events) {
    report_.OnEvent(e);
    if (const auto* ended = std::get_if<acd::CallEnded>(&e.body)) call_queue_.erase(ended->call);
  }
  for (const auto& c : out.commands) {
    if (const auto* offer = std::get_if<acd::OfferCall>(&c)) {
      if (offer->kind != acd::OfferKind::kConsult)
        Schedule(now_ + model_.answer_delay, Kind::kAnswer, offer->call.value(),
                 offer->agent.value());
    } else if (const auto* bridge = std::get_if<acd::Bridge>(&c)) {
      auto it = call_queue_.find(bridge->call);
      const std::size_t q = it != call_queue_.end() ? it->second : 0;
      Schedule(now_ + SampleHandle(q), Kind::kComplete, bridge->call.value(),
               bridge->agent.value());
    } else if (const auto* dial = std::get_if<acd::Originate>(&c)) {
      Schedule(now_ + model_.answer_delay, Kind::kDialAnswered, dial->call.value(),
               dial->agent.value());
    }
  }
}

void Simulator::Handle(const Pending& p) {
  const acd::CallId call(p.call);
  switch (p.kind) {
    case Kind::kArrival: {
      const QueueModel& q = model_.queues[p.index];
      const acd::CallId id(next_call_++);
      call_queue_[id] = p.index;
      acd::CallArrived in{id, q.config.id, {}};
      in.attributes.tenant = q.config.tenant;
      if (q.patience) Schedule(now_ + SampleExp(*q.patience), Kind::kAbandon, id.value(), p.index);
      Apply(in);
      ScheduleNextArrival(p.index, now_);
      break;
    }
    case Kind::kAbandon: {
      auto v = engine_.Call(call);
      if (v && (v->stage == acd::CallStage::kQueued || v->stage == acd::CallStage::kOffered) &&
          !v->is_callback)
        Apply(acd::CallerHungUp{call});
      break;
    }
    case Kind::kAnswer:
      Apply(acd::OfferAccepted{call, acd::AgentId(p.index)});
      break;
    case Kind::kDialAnswered: {
      Apply(acd::OriginateAnswered{call});
      auto it = call_queue_.find(call);
      Schedule(now_ + SampleHandle(it != call_queue_.end() ? it->second : 0), Kind::kComplete,
               p.call, p.index);
      break;
    }
    case Kind::kComplete:
      Apply(acd::AgentHangsUp{call, acd::AgentId(p.index)});
      break;
    case Kind::kAgentReady:
      Apply(acd::AgentReady{acd::AgentId(p.index)});
      break;
    case Kind::kAgentBreak:
      Apply(acd::AgentNotReady{acd::AgentId(p.index), p.reason});
      break;
    case Kind::kAgentLogout:
      Apply(acd::AgentLogout{acd::AgentId(p.index)});
      break;
  }
}

core::Result<Report> Simulator::Run() {
  if (model_.intervals <= 0 || model_.interval.count() <= 0)
    return Fail(ErrorCode::kInvalidArgument,
                "the day needs at least one interval of positive length");
  for (const auto& q : model_.queues)
    if (q.arrivals.size() != static_cast<std::size_t>(model_.intervals))
      return Fail(ErrorCode::kInvalidArgument,
                  "queue '" + q.config.name + "' has " + std::to_string(q.arrivals.size()) +
                      " arrival figures for " + std::to_string(model_.intervals) + " intervals");
  if (auto s = Setup(); !s) return tl::unexpected(s.error());
  // Calls still in progress at the end of the day are played out (no new
  // arrivals), for at most two more hours.
  const Timestamp hard_stop = end_ + std::chrono::hours(2);
  for (;;) {
    const auto deadline = engine_.NextDeadline();
    const bool have_pending = !pending_.empty();
    if (deadline && (!have_pending || *deadline <= pending_.top().at)) {
      if (*deadline > hard_stop) break;
      now_ = std::max(now_, *deadline);
      Apply(acd::Tick{});
      continue;
    }
    if (!have_pending) break;
    const Pending p = pending_.top();
    if (p.at > hard_stop) break;
    pending_.pop();
    now_ = std::max(now_, p.at);
    Handle(p);
  }
  return report_.Finish(end_, inputs_);
}

}  // namespace cc::sim
