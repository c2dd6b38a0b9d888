// SipTelephony's calls to outside numbers through the trunk: Dial (a
// callback or outbound call: the agent's phone first, then the customer),
// TransferOut (the caller handed to an outside number), and the consults that
// do not go over SIP yet. The rest of the class is in sip_telephony.cpp.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "telephony/sip/sdp_offer.h"
#include "telephony/sip/sip_telephony.h"

namespace cc::telephony::sip {

std::optional<std::string> SipTelephony::CannotDial(const std::string& number) const {
  if (!options_.trunk) return "no trunk is configured ([sip.trunk])";
  const bool dialable = !number.empty() && number.size() <= 32 &&
                        number.find_first_not_of("+0123456789*#") == std::string::npos;
  if (!dialable) return "not a number a trunk can dial";
  return std::nullopt;
}

void SipTelephony::Dial(core::CallId id, AgentId agent, const std::string& number) {
  if (calls_.count(id) > 0) {
    spdlog::error("sip: call {} dialled twice; the second is refused", id.value());
    Deliver(DialFailed{id});
    return;
  }
  if (auto why = CannotDial(number)) {
    spdlog::warn("sip: call {} to '{}' not placed: {}", id.value(), number, *why);
    Deliver(DialFailed{id});
    return;
  }
  Call& call = calls_[id];
  call.id = id;
  call.stage = Stage::kDialling;
  call.caller_number = number;
  call.agent = agent;
  ++counts_.dials;
  if (!RingPhones(call, agent)) {
    DialFailedNow(call, "the agent's phone cannot be rung");
    return;
  }
  spdlog::info("sip: call {} to {}: ringing agent {}'s phone first", id.value(), number, agent.value());
}

void SipTelephony::CustomerAnswered(Call& call, const LegAnswered& e) {
  if (auto taken = TakeAnswer(call.id, media::Leg::kCaller, e.sdp); !taken) {
    DialFailedNow(call, "the number answered with unusable SDP: " + taken.error().message);
    return;
  }
  call.stage = Stage::kConnected;
  Bridge(call);
  spdlog::info("sip: call {}: {} answered, bridged to agent {}", call.id.value(), call.caller_number,
               call.agent ? call.agent->value() : 0);
  Deliver(DialAnswered{call.id});
  if (call.agent) StartRecording(call, *call.agent);
}

void SipTelephony::DialFailedNow(Call& call, const std::string& why) {
  spdlog::info("sip: call {} to {} failed: {}", call.id.value(), call.caller_number, why);
  const core::CallId id = call.id;
  HangUp(id, HangUpCause::kEnded);
  Deliver(DialFailed{id});
}

void SipTelephony::DialConsult(core::CallId id, AgentId agent, const std::string& number) {
  Call* call = Find(id);
  if (!call || call->stage != Stage::kConnected || call->agent != agent || call->consult_leg != 0) {
    Deliver(telephony::ConsultFailed{id});
    return;
  }
  if (auto why = CannotDial(number)) {
    spdlog::warn("sip: consult of call {} with '{}' not placed: {}", id.value(), number, *why);
    Deliver(telephony::ConsultFailed{id});
    return;
  }
  // The caller already holds (music); the agent hears the number ring.
  const std::string from = options_.trunk->credentials.user.empty() ? "callcenter" : options_.trunk->credentials.user;
  const LegId leg = InviteOutside(*call, media::Leg::kConsult, number, from);
  if (leg == 0) {
    Deliver(telephony::ConsultFailed{id});
    return;
  }
  call->consult_leg = leg;
  call->consult_number = number;
  call->consult_answered = false;
  spdlog::info("sip: call {}: agent {} consults {} through the trunk", id.value(), agent.value(), number);
}

void SipTelephony::OnConsultAnswered(Call& call, const LegAnswered& e) {
  if (auto taken = TakeAnswer(call.id, media::Leg::kConsult, e.sdp); !taken) {
    spdlog::warn("sip: the consulted number answered call {} with unusable SDP: {}", call.id.value(),
                 taken.error().message);
    EndConsultLeg(call);
    Deliver(telephony::ConsultFailed{call.id});
    return;
  }
  call.consult_answered = true;
  LinkConsult(call);
  Deliver(telephony::ConsultAnswered{call.id});
}

void SipTelephony::EndConsultLeg(Call& call) {
  if (call.consult_leg == 0) return;
  leg_calls_.erase(call.consult_leg);
  fork_agents_.erase(call.consult_leg);
  call.consult_agent.reset();
  stack_->Hangup(call.consult_leg);
  media_->CloseLeg(call.id, media::Leg::kConsult);
  call.consult_leg = 0;
  call.consult_answered = false;
}

void SipTelephony::ConnectConsult(core::CallId id, AgentId, AgentId with_agent) {
  Call* call = Find(id);
  if (!call || call->consult_agent != with_agent || call->consult_leg == 0) return;
  LinkConsult(*call);  // the caller keeps holding
}

void SipTelephony::DropConsult(core::CallId id, AgentId) {
  if (Call* call = Find(id)) {
    EndConference(*call);
    EndConsultLeg(*call);
    EndPhoneLine(*call);
  }
}

void SipTelephony::TransferOut(core::CallId id, const std::string& number) {
  Call* call = Find(id);
  if (!call || call->stage == Stage::kEnding) return;
  if (auto why = CannotDial(number)) {
    spdlog::warn("sip: call {} cannot be handed to '{}': {}; it ends", id.value(), number, *why);
    HangUp(id, HangUpCause::kEnded);
    return;
  }
  if (call->consult_leg != 0 && call->consult_answered && call->consult_number == number) {
    // After a consult: the consulted party is already on the line; the agent
    // leaves and the caller is put through to them.
    CancelRings(*call, 0);
    DropAgent(*call);
    HandToConsultedNumber(*call);
    return;
  }
  EndConsultLeg(*call);
  // The agent leaves (their phone is hung up, the recording closed); the
  // caller hears music until the outside number answers.
  CancelRings(*call, 0);
  DropAgent(*call);
  call->stage = Stage::kOutside;
  StartMusic(*call);
  const LegId leg = InviteOutside(*call, media::Leg::kAgent, number,
                                  call->caller_number.empty() ? std::string("anonymous") : call->caller_number);
  if (leg == 0) {
    HangUp(id, HangUpCause::kEnded);
    return;
  }
  call->outside_leg = leg;
  spdlog::info("sip: call {} handed to {} through the trunk {}", id.value(), number, options_.trunk->address);
}

void SipTelephony::HandToConsultedNumber(Call& call) {
  call.stage = Stage::kOutside;
  call.outside_leg = call.consult_leg;
  call.consult_leg = 0;
  call.consult_answered = false;
  media_->Play(call.id, media::Leg::kCaller, {}, false);  // the music stops
  media_->Pair(call.id, media::Leg::kCaller, media::Leg::kConsult);
  spdlog::info("sip: call {} handed to the consulted {}", call.id.value(), call.consult_number);
}

LegId SipTelephony::InviteOutside(Call& call, media::Leg media_leg, const std::string& number,
                                  const std::string& from_user) {
  auto local = media_->OpenLeg(call.id, media_leg);
  if (!local) {
    spdlog::warn("sip: no media port to call {} for call {}: {}", number, call.id.value(), local.error().message);
    return 0;
  }
  const LegId leg = stack_->NewLeg();
  leg_calls_[leg] = call.id;
  call.legs.push_back(leg);
  ++counts_.outside_calls;
  stack_->Invite(leg, "sip:" + number + "@" + options_.trunk->address, from_user, "",
                 AudioOffer(local->address, local->rtp_port, {call.id.value() + 2'000'000'000, 1}),
                 options_.trunk->credentials);
  return leg;
}

void SipTelephony::HandleOutsideAnswered(Call& call, const LegAnswered& e) {
  if (auto taken = TakeAnswer(call.id, media::Leg::kAgent, e.sdp); !taken) {
    spdlog::warn("sip: the outside number answered call {} with unusable SDP: {}", call.id.value(),
                 taken.error().message);
    HangUp(call.id, HangUpCause::kEnded);
    return;
  }
  Bridge(call);
}

}  // namespace cc::telephony::sip
