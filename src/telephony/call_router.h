// CallRouter: one CallControl over two telephonies — simulated calls and SIP
// calls in the same centre (the demo takes both). Each command goes to the
// telephony that owns the call: SIP for the calls it let in or dialled,
// simulated for everything else. A call the centre dials (Dial) goes to SIP
// when `dial_by_sip` says so (the agent has a registered phone), otherwise it
// is simulated. Both report to the same handler.
// Thread-safety: as CallControl — the core loop only.
#pragma once

#include <functional>

#include "telephony/call_control.h"

namespace cc::telephony {

class CallRouter final : public CallControl {
 public:
  // `owned_by_sip(call)` tells whether `sip` owns the call; `dial_by_sip(call,
  // agent)` whether a call the centre places for `agent` goes over SIP.
  CallRouter(CallControl& simulated, CallControl& sip, std::function<bool(CallId)> owned_by_sip,
             std::function<bool(CallId, AgentId)> dial_by_sip)
      : simulated_(simulated),
        sip_(sip),
        owned_by_sip_(std::move(owned_by_sip)),
        dial_by_sip_(std::move(dial_by_sip)) {}

  void SetHandler(CallEventHandler* handler) override {
    simulated_.SetHandler(handler);
    sip_.SetHandler(handler);
  }
  void PlayQueueMusic(CallId call, QueueId queue) override { For(call).PlayQueueMusic(call, queue); }
  void Play(CallId call, Prompt prompt, int position, Duration expected_wait) override {
    For(call).Play(call, prompt, position, expected_wait);
  }
  void RingAgent(CallId call, AgentId agent, Duration timeout) override {
    For(call).RingAgent(call, agent, timeout);
  }
  void StopRinging(CallId call, AgentId agent) override { For(call).StopRinging(call, agent); }
  void Connect(CallId call, AgentId agent) override { For(call).Connect(call, agent); }
  void Hold(CallId call) override { For(call).Hold(call); }
  void Resume(CallId call) override { For(call).Resume(call); }
  void DisconnectAgent(CallId call, AgentId agent) override { For(call).DisconnectAgent(call, agent); }
  void AgentLeft(CallId call, AgentId agent) override { For(call).AgentLeft(call, agent); }
  void Dial(CallId call, AgentId agent, const std::string& number) override {
    CallControl& to = owned_by_sip_(call) || dial_by_sip_(call, agent) ? sip_ : simulated_;
    to.Dial(call, agent, number);
  }
  void DialConsult(CallId call, AgentId agent, const std::string& number) override {
    For(call).DialConsult(call, agent, number);
  }
  void ConnectConsult(CallId call, AgentId agent, AgentId with_agent) override {
    For(call).ConnectConsult(call, agent, with_agent);
  }
  void Conference(CallId call) override { For(call).Conference(call); }
  void DropConsult(CallId call, AgentId agent) override { For(call).DropConsult(call, agent); }
  void TransferOut(CallId call, const std::string& number) override { For(call).TransferOut(call, number); }
  void OfferCallback(CallId call) override { For(call).OfferCallback(call); }
  void TransferRefused(CallId call, AgentId agent, const std::string& why) override {
    For(call).TransferRefused(call, agent, why);
  }
  void ConsultRefused(CallId call, AgentId agent, const std::string& why) override {
    For(call).ConsultRefused(call, agent, why);
  }
  void HangUp(CallId call, HangUpCause cause) override { For(call).HangUp(call, cause); }

 private:
  CallControl& For(CallId call) { return owned_by_sip_(call) ? sip_ : simulated_; }

  CallControl& simulated_;
  CallControl& sip_;
  std::function<bool(CallId)> owned_by_sip_;
  std::function<bool(CallId, AgentId)> dial_by_sip_;
};

}  // namespace cc::telephony
