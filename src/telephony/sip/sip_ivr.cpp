// SipTelephony's IVR: a number with a menu is answered by the menu (its words
// played from the menu's clips, RFC 4733 keys from the caller), and the
// centre hears of the call only when the menu puts the caller in a queue
// (IncomingCall with the queue and the topic) or lets them go (IvrEnded).
// The walk itself is ivr::Walk (pure); this file plays it. The rest of the
// class is in sip_telephony.cpp.
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include "core/phone_number.h"

#include "telephony/sip/sip_telephony.h"

namespace cc::telephony::sip {

void SipTelephony::SetIvrMenus(std::vector<std::shared_ptr<const IvrVoice>> menus) {
  ivr_numbers_.clear();
  ivr_number_digits_.clear();
  for (const auto& voice : menus) {
    for (const std::string& number : voice->menu->numbers) {
      ivr_numbers_[number] = voice;
      if (!core::DigitsOf(number).empty()) ivr_number_digits_[core::DigitsOf(number)] = voice;
    }
  }
}

std::shared_ptr<const IvrVoice> SipTelephony::IvrFor(const std::string& number) const {
  if (auto it = ivr_numbers_.find(number); it != ivr_numbers_.end()) return it->second;
  const std::string digits = core::DigitsOf(number);
  if (digits.empty()) return nullptr;
  auto it = ivr_number_digits_.find(digits);
  return it == ivr_number_digits_.end() ? nullptr : it->second;
}

void SipTelephony::StartIvr(Call& call, std::shared_ptr<const IvrVoice> voice) {
  call.stage = Stage::kIvr;
  call.ivr_voice = voice;
  const ivr::Menu& menu = *voice->menu;
  call.ivr_open = !menu.hours || ivr::IsOpen(*menu.hours, voice->zone.ToLocal(clock_.Now()));
  call.ivr = std::make_shared<ivr::Walk>(voice->menu, call.ivr_open);
  call.ivr_timer = std::make_shared<boost::asio::steady_timer>(loop_);
  spdlog::info("sip: call {} in IVR menu {} '{}'{}", call.id.value(), menu.id, menu.name,
               call.ivr_open ? "" : " (out of hours)");
  IvrStep(call, call.ivr->Start());
}

void SipTelephony::IvrStep(Call& call, ivr::Step step) {
  ++call.ivr_epoch;
  call.ivr_timer->cancel();
  std::vector<media::ClipPtr> clips;
  for (const std::string& text : step.say) {
    auto it = call.ivr_voice->clips.find(text);
    if (it != call.ivr_voice->clips.end()) {
      clips.push_back(it->second);
    } else {
      spdlog::warn("sip: IVR menu {} has no voice for '{}'", call.ivr_voice->menu->id, text);
    }
  }
  call.ivr_step = std::move(step);
  if (clips.empty()) {
    media_->Play(call.id, media::Leg::kCaller, {}, false);  // stops what played
    IvrPlayed(call);
    return;
  }
  media_->Play(call.id, media::Leg::kCaller, std::move(clips), false);  // OnPlayed -> IvrPlayed
}

void SipTelephony::IvrPlayed(Call& call) {
  if (call.ivr_step.then != ivr::Step::Then::kListen) {
    IvrComplete(call);
    return;
  }
  const std::uint64_t epoch = call.ivr_epoch;
  const core::CallId id = call.id;
  call.ivr_timer->expires_after(call.ivr_step.timeout);
  std::weak_ptr<int> alive = alive_;
  call.ivr_timer->async_wait([this, alive, id, epoch](const boost::system::error_code& ec) {
    if (ec || !alive.lock() || stopped_) return;
    Call* c = Find(id);
    if (!c || c->stage != Stage::kIvr || c->ivr_epoch != epoch) return;
    if (auto next = c->ivr->OnTimeout()) IvrStep(*c, std::move(*next));
  });
}

void SipTelephony::IvrComplete(Call& call) {
  const ivr::Step step = call.ivr_step;
  const ivr::Menu& menu = *call.ivr_voice->menu;
  std::optional<std::string> caller;
  if (!call.caller_number.empty()) caller = call.caller_number;
  call.ivr_timer->cancel();
  if (step.then == ivr::Step::Then::kHangUp) {
    spdlog::info("sip: call {} let go by IVR menu {} after keys '{}'", call.id.value(), menu.id, call.ivr->keys());
    IvrEnded ended{call.id, call.dialled, caller, menu.id, call.ivr->keys(), "message", call.ivr_open,
                   clock_.Now() - call.answered_at, menu.tenant};
    if (call.caller_leg) stack_->Hangup(call.caller_leg);
    Finish(call);
    if (handler_) handler_->OnCallEvent(ended);
    return;
  }
  spdlog::info("sip: call {} leaves IVR menu {} for queue {} (keys '{}', topic '{}')", call.id.value(), menu.id,
               step.queue.value(), call.ivr->keys(), step.topic);
  call.stage = Stage::kQueued;
  const core::CallId id = call.id;
  Incoming(call, IncomingCall{id, call.dialled, caller, step.queue, step.topic, menu.id, call.ivr->keys()});
  if (step.then == ivr::Step::Then::kCallback) {
    if (Call* c = Find(id); c && c->stage == Stage::kQueued) Deliver(CallbackChosen{id, {}});
  }
}

}  // namespace cc::telephony::sip
