// Practice calls (S-17): a simulated caller plays a playbook situation to an
// operator. The call is placed through the simulation for that operator;
// while it is connected the caller's lines go to the operator's desk one by
// one over the WebSocket ({"type":"training.line"}). What the operator did is
// in script_uses with training = 1, so supervisors see how each went.
// Thread-safety: every method may be called from any thread; the line timers
// run on the centre's loop.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "call_scripts/script.h"
#include "centre/centre.h"
#include "core/ids.h"
#include "core/time.h"
#include "http/ws_hub.h"

namespace cc::api {

struct Practice {
  core::CallId call;
  core::AgentId agent;
  core::TenantId tenant;
  std::string situation;  // "S-02"
  call_scripts::Language language = call_scripts::Language::kRu;
  std::vector<std::string> lines;
  core::Timestamp placed;
  std::vector<std::pair<core::Timestamp, std::string>> said;  // lines sent so far
};

class TrainingCalls {
 public:
  TrainingCalls(centre::Centre& centre, http::WsHub& hub,
                std::chrono::milliseconds line_every = std::chrono::seconds(4))
      : centre_(centre), hub_(hub), line_every_(line_every) {}

  // Remembers a placed practice call (for a day) and starts feeding its lines.
  void Begin(Practice practice);
  std::optional<Practice> Find(core::CallId call) const;

 private:
  void Tick(core::CallId call, int idle_ticks);

  centre::Centre& centre_;
  http::WsHub& hub_;
  std::chrono::milliseconds line_every_;
  mutable std::mutex mutex_;
  std::map<core::CallId, Practice> calls_;
};

}  // namespace cc::api
