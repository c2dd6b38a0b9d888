// SipTelephony's transfers and consults that involve agents' phones: an
// agent leaving a call that goes on, a phone's REFER (blind; attended ones
// are in sip_phone_consult.cpp) and its outcome, a consulted colleague's
// phone answering on the third media leg, and that colleague taking the
// caller over. Consults with outside numbers are in sip_outbound.cpp; the
// rest of the class is in sip_telephony.cpp.
#include <spdlog/spdlog.h>

#include "telephony/sip/sip_telephony.h"

namespace cc::telephony::sip {

void SipTelephony::Conference(core::CallId id) {
  Call* call = Find(id);
  if (!call || call->stage != Stage::kConnected || call->consult_leg == 0 || !call->consult_answered) {
    spdlog::warn("sip: call {}: no answered consult to make a conference of", id.value());
    return;
  }
  // Whoever consulted talks on: the agent's leg, or the phone's own consult call.
  const media::Leg consulting = call->phone_line != 0 && call->phone_line_answered ? media::Leg::kPhoneLine
                                                                                  : media::Leg::kAgent;
  call->conference = true;
  call->held = false;
  call->music_after_prompt = false;
  media_->Play(id, media::Leg::kCaller, {}, false);  // the music stops
  media_->Mix(id, {media::Leg::kCaller, consulting, media::Leg::kConsult});
  spdlog::info("sip: call {}: conference of the caller, agent {} and {}", id.value(),
               call->agent ? call->agent->value() : 0,
               call->consult_agent ? "agent " + std::to_string(call->consult_agent->value()) : call->consult_number);
}

void SipTelephony::EndConference(Call& call) {
  if (!call.conference) return;
  call.conference = false;
  media_->Mix(call.id, {});
}

void SipTelephony::DisconnectAgent(core::CallId id, AgentId agent) {
  // The agent leaves a conference (their phone hung up, or the desk did);
  // the consulted party keeps the caller: a colleague through the Connect
  // that follows, an outside number here.
  Call* call = Find(id);
  if (!call) return;
  if (!call->conference) {  // the engine sends it for conferences only; otherwise as a blind hand-off
    if (call->agent != agent) return;
    DropAgent(*call);
    call->stage = Stage::kQueued;
    StartMusic(*call);
    return;
  }
  EndConference(*call);
  if (call->agent == agent) DropAgent(*call);  // the desk hung up; after the phone's BYE the agent is gone already
  if (!call->consult_agent && call->consult_leg != 0 && call->consult_answered) HandToConsultedNumber(*call);
}

void SipTelephony::AgentLeft(core::CallId id, AgentId agent) {
  // E.g. a blind transfer: the agent's phone is let go at once and the caller
  // hears music while the next phone rings. An agent leaving a conference is
  // DisconnectAgent's.
  Call* call = Find(id);
  if (!call || call->agent != agent || call->stage != Stage::kConnected || call->conference) return;
  DropAgent(*call);
  call->stage = Stage::kQueued;
  StartMusic(*call);
}

void SipTelephony::DropAgent(Call& call) {
  StopRecording(call);
  media_->Bridge(call.id, false);
  if (call.agent_leg && call.refer_pending) stack_->NotifyRefer(call.agent_leg, 200, "OK");  // the transfer is done
  call.refer_pending = false;
  EndPhoneLine(call);  // the phone's consult call, if it made one
  if (call.agent_leg) {
    fork_agents_.erase(call.agent_leg);
    leg_calls_.erase(call.agent_leg);
    stack_->Hangup(call.agent_leg);
  }
  media_->CloseLeg(call.id, media::Leg::kAgent);
  call.agent_leg = 0;
  call.agent.reset();
  call.agent_answered = false;
  call.phone_held = false;
  call.held = false;
}

void SipTelephony::HandleRefer(const ReferRequest& r) {
  auto owner = leg_calls_.find(r.leg);
  Call* call = owner == leg_calls_.end() ? nullptr : Find(owner->second);
  if (!call || r.leg != call->agent_leg || !call->agent || call->stage != Stage::kConnected || call->refer_pending) {
    // Only an agent's phone on a call it holds transfers it.
    spdlog::info("sip: REFER on leg {} refused: {}", r.leg,
                 !call ? "no call" : r.leg != call->agent_leg ? "not the agent's leg"
                                   : call->stage != Stage::kConnected ? "the call is not connected" : "pending");
    stack_->NotifyRefer(r.leg, 403, "Forbidden");
    return;
  }
  if (r.attended) {
    HandleAttendedRefer(*call, r);
    return;
  }
  call->refer_pending = true;
  PhoneTransfer transfer{call->id, *call->agent};
  if (auto colleague = registrar_.AgentOf(r.target)) {
    transfer.to_agent = *colleague;
  } else {
    transfer.number = r.target;
  }
  spdlog::info("sip: call {}: agent {}'s phone transfers it to '{}'", call->id.value(), call->agent->value(), r.target);
  Deliver(std::move(transfer));
}

void SipTelephony::TransferRefused(core::CallId id, AgentId agent, const std::string& why) {
  Call* call = Find(id);
  if (!call || call->agent != agent || !call->refer_pending) return;
  call->refer_pending = false;
  spdlog::info("sip: call {}: the phone's transfer is refused: {}", id.value(), why);
  if (call->agent_leg) stack_->NotifyRefer(call->agent_leg, 603, "Declined");
}

void SipTelephony::ConsultPhoneAnswered(Call& call, AgentId agent, const LegAnswered& e) {
  if (call.consult_leg != 0) {  // another consult won meanwhile
    stack_->Hangup(e.leg);
    return;
  }
  if (auto taken = TakeAnswer(call.id, media::Leg::kConsult, e.sdp, e.leg); !taken) {
    spdlog::warn("sip: agent {}'s phone answered the consult of call {} with unusable SDP: {}", agent.value(),
                 call.id.value(), taken.error().message);
    stack_->Hangup(e.leg);
    return;
  }
  auto ring = call.rings.find(agent);
  if (ring != call.rings.end()) {
    CancelRing(ring->second, e.leg);
    call.rings.erase(ring);
  }
  call.consult_leg = e.leg;
  call.consult_agent = agent;
  call.consult_answered = true;
  Deliver(AgentAnswered{call.id, agent});  // the engine bridges the consult (ConnectConsult)
}

void SipTelephony::PromoteConsultAgent(Call& call, AgentId agent) {
  const LegId leg = call.consult_leg;
  EndConference(call);
  DropAgent(call);  // the consulting agent's phone is let go, their recording closed
  media_->MoveLeg(call.id, media::Leg::kConsult, media::Leg::kAgent);
  call.consult_leg = 0;
  call.consult_agent.reset();
  call.consult_answered = false;
  call.agent = agent;
  call.agent_leg = leg;
  call.agent_answered = true;
  call.stage = Stage::kConnected;
  call.held = false;
  spdlog::info("sip: call {} taken over by agent {} after the consult", call.id.value(), agent.value());
  JoinAgent(call, agent);
}

}  // namespace cc::telephony::sip
