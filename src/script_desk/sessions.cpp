#include "script_desk/sessions.h"

namespace cc::script_desk {

std::shared_ptr<ScriptSessions::Slot> ScriptSessions::SlotFor(const CallContext& context) {
  std::lock_guard lock(mutex_);
  auto& slot = slots_[context.agent];
  if (slot == nullptr) slot = std::make_shared<Slot>();
  // The slot's own lock guards its session: take it to check and replace.
  std::lock_guard session_lock(slot->mutex);
  if (slot->session == nullptr || slot->session->context().call != context.call) {
    slot->session = std::make_unique<CallSession>(context);
  }
  return slot;
}

void ScriptSessions::Drop(core::AgentId agent) {
  std::lock_guard lock(mutex_);
  slots_.erase(agent);
}

}  // namespace cc::script_desk
