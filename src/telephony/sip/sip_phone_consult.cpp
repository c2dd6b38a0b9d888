// SipTelephony's consults placed from the agent's own phone, the way desk
// phones do an attended transfer (RFC 5589): on a call, the phone holds the
// caller (a re-INVITE), calls the centre again (a colleague's login, a queue's
// number or an outside number; the phone logs in with its account's digest),
// talks to whoever answers on that second call, then either transfers with a
// REFER on the first call whose Refer-To names the second one (Replaces), or
// hangs the second call up and takes the caller back. The centre runs it as a
// consult (StartConsult, CompleteConsult), so the log keeps the whole chain.
// The phone's second call is media Leg::kPhoneLine of the caller's call.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "telephony/sip/security_log.h"
#include "telephony/sip/sip_telephony.h"

namespace cc::telephony::sip {

SipTelephony::Call* SipTelephony::CallOfAgent(AgentId agent) {
  for (auto& [id, call] : calls_) {
    if (call.agent == agent && call.agent_answered && call.stage == Stage::kConnected) return &call;
  }
  return nullptr;
}

void SipTelephony::HandlePhoneInvite(const InviteRequest& r) {
  Admission admission = registrar_.AuthorizeCall(r, clock_.Now());
  if (!Admitted(r, admission, true)) return;
  const AgentId agent = *admission.agent;
  auto refuse = [&](int status, const char* phrase, const std::string& why) {
    ++counts_.refused;
    spdlog::info("sip: agent {}'s phone called '{}': {} {} ({})", agent.value(), LogSafe(r.request_user), status,
                 phrase, why);
    stack_->Respond(r.leg, status, phrase, {}, {{"Warning", "399 callcenter \"" + LogSafe(why) + "\""}});
  };
  Call* call = CallOfAgent(agent);
  if (!call) return refuse(403, "Forbidden", "a phone calls the centre only to consult during a call");
  if (r.request_user.empty()) return refuse(404, "Not Found", "no number or login to consult");
  if (call->phone_line != 0 || call->consult_leg != 0 || call->refer_pending ||
      std::any_of(call->rings.begin(), call->rings.end(), [](const auto& ring) { return ring.second.consult; })) {
    return refuse(486, "Busy Here", "a consult is already in progress on this call");
  }
  auto offer = media::ParseSdp(r.sdp);
  if (!offer) return refuse(488, "Not Acceptable Here", offer.error().message);
  auto local = media_->OpenLeg(call->id, media::Leg::kPhoneLine);
  if (!local) return refuse(503, "Service Unavailable", "no media port is free");
  const media::SrtpTerms srtp = SrtpFor(r.source);
  auto answer = media::Answer(*offer, local->address, local->rtp_port, {call->id.value(), ++call->sdp_version}, srtp);
  if (!answer) {
    media_->CloseLeg(call->id, media::Leg::kPhoneLine);
    return refuse(488, "Not Acceptable Here", answer.error().message);
  }
  call->phone_line = r.leg;
  call->phone_line_answer = answer->text;
  call->phone_line_audio = answer->audio;
  call->phone_line_srtp = srtp;
  call->phone_line_answered = false;
  leg_calls_[r.leg] = call->id;
  call->legs.push_back(r.leg);
  stack_->Respond(r.leg, 180, "Ringing");  // the phone rings back until the consulted party answers
  PhoneConsult consult{call->id, agent};
  if (auto colleague = registrar_.AgentOf(r.request_user)) {
    consult.to_agent = *colleague;
  } else {
    consult.number = r.request_user;
  }
  spdlog::info("sip: call {}: agent {}'s phone consults '{}'", call->id.value(), agent.value(),
               LogSafe(r.request_user));
  Deliver(std::move(consult));
}

void SipTelephony::ConsultRefused(core::CallId id, AgentId agent, const std::string& why) {
  Call* call = Find(id);
  if (!call || call->agent != agent || call->phone_line == 0 || call->phone_line_answered) return;
  const LegId leg = ForgetPhoneLine(*call);
  stack_->Respond(leg, 403, "Forbidden", {}, {{"Warning", "399 callcenter \"" + LogSafe(why) + "\""}});
}

void SipTelephony::LinkConsult(Call& call) {
  if (call.phone_line == 0) {
    media_->Pair(call.id, media::Leg::kAgent, media::Leg::kConsult);  // the desk consults on the agent's leg
    return;
  }
  if (!call.phone_line_answered) {
    call.phone_line_answered = true;
    media_->SetRemote(call.id, media::Leg::kPhoneLine, call.phone_line_audio);
    stack_->Respond(call.phone_line, 200, "OK", call.phone_line_answer);
  }
  media_->Pair(call.id, media::Leg::kPhoneLine, media::Leg::kConsult);
}

LegId SipTelephony::ForgetPhoneLine(Call& call) {
  const LegId leg = call.phone_line;
  leg_calls_.erase(leg);
  call.phone_line = 0;
  call.phone_line_answered = false;
  media_->CloseLeg(call.id, media::Leg::kPhoneLine);
  return leg;
}

void SipTelephony::EndPhoneLine(Call& call) {
  if (call.phone_line != 0) stack_->Hangup(ForgetPhoneLine(call));
}

void SipTelephony::HandleAttendedRefer(Call& call, const ReferRequest& r) {
  const char* why = nullptr;
  if (!r.replaces_error.empty()) {
    why = "its Replaces cannot be read";
  } else if (r.replaces == 0 || r.replaces != call.phone_line) {
    why = "it names no consult call of this phone";
  } else if (!call.phone_line_answered) {
    why = "the consulted party has not answered yet";
  }
  if (why != nullptr) {
    spdlog::info("sip: call {}: attended transfer from agent {}'s phone refused: {}{}", call.id.value(),
                 call.agent->value(), why, r.replaces_error.empty() ? "" : " (" + r.replaces_error + ")");
    stack_->NotifyRefer(r.leg, 603, "Declined");
    return;
  }
  call.refer_pending = true;  // NOTIFY 200 once the agent is let go (DropAgent)
  spdlog::info("sip: call {}: agent {}'s phone hands the caller to the party it consulted", call.id.value(),
               call.agent->value());
  Deliver(PhoneConsultEnded{call.id, *call.agent, true});
}

}  // namespace cc::telephony::sip
