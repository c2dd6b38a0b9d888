// The script sessions of the operators' calls: one per agent, replaced when
// the agent moves on to another call. Each session has its own lock, so one
// operator's slow action never holds up another's panel.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "script_desk/call_session.h"

namespace cc::script_desk {

class ScriptSessions {
 public:
  // Runs `fn(session)` on `agent`'s session for `context.call` under that
  // session's lock; a session for another call is replaced by a fresh one.
  template <typename Fn>
  auto With(const CallContext& context, Fn fn) -> decltype(fn(std::declval<CallSession&>())) {
    std::shared_ptr<Slot> slot = SlotFor(context);
    std::lock_guard lock(slot->mutex);
    return fn(*slot->session);
  }

  // Forgets `agent`'s session (e.g. at logout).
  void Drop(core::AgentId agent);

 private:
  struct Slot {
    std::mutex mutex;
    std::unique_ptr<CallSession> session;
  };
  std::shared_ptr<Slot> SlotFor(const CallContext& context);

  std::mutex mutex_;
  std::unordered_map<core::AgentId, std::shared_ptr<Slot>> slots_;
};

}  // namespace cc::script_desk
