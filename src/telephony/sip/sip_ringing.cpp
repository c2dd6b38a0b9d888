// SipTelephony ringing agents' phones: one INVITE per registered contact of
// the agent (a fork each; SRTP offered to TLS phones when required), and
// cancelling the forks that lost. The rest of the class is in sip_telephony.cpp.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "telephony/media/srtp.h"
#include "telephony/sip/sdp_offer.h"
#include "telephony/sip/sip_telephony.h"

namespace cc::telephony::sip {

void SipTelephony::RingAgent(core::CallId id, AgentId agent, core::Duration) {
  Call* call = Find(id);
  if (!call || call->stage == Stage::kEnding) return;
  // A colleague rung while this call's agent is on it: a consult, on the third leg.
  const bool consult = call->stage == Stage::kConnected && call->agent_answered && call->agent &&
                       *call->agent != agent && call->consult_leg == 0;
  if (!RingPhones(*call, agent, consult ? media::Leg::kConsult : media::Leg::kAgent)) {
    Deliver(AgentRejected{id, agent});
    return;
  }
  if (consult) call->rings[agent].consult = true;
}

bool SipTelephony::RingPhones(Call& call, AgentId agent, media::Leg media_leg) {
  const core::CallId id = call.id;
  const auto contacts = registrar_.Targets(agent, clock_.Now());
  if (contacts.empty()) {
    spdlog::info("sip: agent {} has no registered phone; call {} not put through", agent.value(), id.value());
    return false;
  }
  auto local = media_->OpenLeg(id, media_leg);
  if (!local) {
    spdlog::warn("sip: no media port to ring agent {}: {}", agent.value(), local.error().message);
    return false;
  }
  const media::SdpOrigin origin{id.value() + 1'000'000'000, 1};
  const std::string display = call.stage == Stage::kDialling ? "Dial " + call.caller_number
                                                              : fmt::format("Call {}", id.value());
  Ring& ring = call.rings[agent];
  ring.agent = agent;
  for (const auto& target : contacts) {
    const LegId leg = stack_->NewLeg();
    ring.forks.insert(leg);
    leg_calls_[leg] = id;
    call.legs.push_back(leg);
    fork_agents_[leg] = agent;
    ++counts_.agent_rings;
    // With SRTP required, a phone that registered over TLS is offered SRTP
    // (its key goes over that connection); otherwise plain RTP, which every phone takes.
    std::string key;
    if (target.source.transport == "tls" && options_.srtp == SrtpPolicy::kRequire) {
      key = media::SrtpKeyText(media::NewSrtpKey());
      offer_keys_[leg] = key;
    }
    stack_->Invite(leg, target.contact, "callcenter", display,
                   AudioOffer(local->address, local->rtp_port, origin, media::Direction::kSendRecv, key), {},
                   target.source);
  }
  return true;
}

void SipTelephony::CancelRings(Call& call, LegId except_leg) {
  for (auto& [agent, ring] : call.rings) CancelRing(ring, except_leg);
}

void SipTelephony::CancelRing(Ring& ring, LegId except_leg) {
  for (LegId leg : ring.forks) {
    if (leg == except_leg || !ring.cancelled.insert(leg).second) continue;
    stack_->Hangup(leg);  // CANCEL, once per fork; LegEnded or LegFailed follows
  }
}

void SipTelephony::StopRinging(core::CallId id, AgentId agent) {
  Call* call = Find(id);
  if (!call) return;
  auto ring = call->rings.find(agent);
  if (ring == call->rings.end()) return;
  CancelRing(ring->second, 0);
  if (ring->second.consult && !call->phone_line_answered) EndPhoneLine(*call);  // nobody to consult
}

}  // namespace cc::telephony::sip
