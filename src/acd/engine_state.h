// Internal records of the engine (not part of its public surface). They are
// plain data; every rule that changes them lives in the Engine.
#pragma once

#include <algorithm>
#include <compare>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "acd/commands.h"
#include "acd/config.h"
#include "acd/inputs.h"

namespace cc::acd::detail {

// How ids appear in error messages: "agent-7", "call-3", "queue-2".
inline std::string Name(AgentId id) {
  return "agent-" + std::to_string(id.value());
}
inline std::string Name(CallId id) {
  return "call-" + std::to_string(id.value());
}
inline std::string Name(QueueId id) {
  return "queue-" + std::to_string(id.value());
}

// Order of callers within a queue: requeued-at-head first, then higher caller
// priority, then earlier arrival, then insertion order.
struct WaitKey {
  int rank = 1;  // 0: put back at the head (S-11), 1: normal
  int neg_priority = 0;
  std::int64_t arrival_ms = 0;
  std::uint64_t seq = 0;
  friend auto operator<=>(const WaitKey&, const WaitKey&) = default;
};

// Order of ready agents within a queue: lower tier first, then by the queue's
// policy (k1, k2 ascending), then by agent id so the order is total.
struct ReadyKey {
  int tier = 1;
  std::int64_t k1 = 0;
  std::int64_t k2 = 0;
  std::uint32_t agent = 0;
  friend auto operator<=>(const ReadyKey&, const ReadyKey&) = default;
};

// A queue's ready members in ReadyKey order. A sorted vector rather than a
// tree: a queue has tens to a few thousand ready members, and a contiguous
// array is searched, walked and updated without a heap allocation or a
// cache miss per element (bench/README.md).
class ReadySet {
 public:
  using const_iterator = std::vector<ReadyKey>::const_iterator;
  void insert(const ReadyKey& k) { keys_.insert(std::lower_bound(keys_.begin(), keys_.end(), k), k); }
  void erase(const ReadyKey& k) {
    auto it = std::lower_bound(keys_.begin(), keys_.end(), k);
    if (it != keys_.end() && *it == k) keys_.erase(it);
  }
  bool contains(const ReadyKey& k) const { return std::binary_search(keys_.begin(), keys_.end(), k); }
  bool empty() const { return keys_.empty(); }
  const_iterator begin() const { return keys_.begin(); }
  const_iterator end() const { return keys_.end(); }

 private:
  std::vector<ReadyKey> keys_;
};

using CallPhase = CallStage;
enum class CallKind { kInbound, kCallback, kOutbound };

struct Consult {
  ConsultTarget target;
  AgentId agent;  // the consulted agent, when the target is an agent or a queue
  bool connected = false;
};

struct CallRec {
  CallId id;
  CallAttributes attrs;
  CallKind kind = CallKind::kInbound;
  std::string number;  // the number to dial for callbacks and outbound calls
  CallPhase phase = CallPhase::kQueued;
  QueueId queue;
  AgentId agent;  // offered to, dialling for, or talking with
  OfferKind offer_kind = OfferKind::kInbound;
  Timestamp arrived;   // first arrival; kept across overflow and transfers
  Timestamp enqueued;  // start of the current queue visit
  Timestamp due;       // scheduled callbacks
  WaitKey key;
  bool in_waiting = false;
  bool live_visit = false;  // a live caller's queue visit is open (KPI)
  bool callback_offered = false;
  std::vector<SkillRequirement> needs;  // queue requirements merged with the call's
  std::size_t relax_step = 0;           // relaxations already reached
  // Agents whose offer of this caller ended unanswered, and until when they
  // are passed over for this caller (so the caller tries someone else first).
  std::vector<std::pair<AgentId, Timestamp>> declined;
  int overflow_hops = 0;
  std::optional<Consult> consult;
  std::uint64_t epoch = 0;  // bumped on every phase change; stale timers compare it
};

// An agent's part in one call, for talk and hold times.
struct Segment {
  CallId call;
  QueueId queue;
  Timestamp answered;
  Timestamp hold_started;
  bool on_hold = false;
  Duration hold{};
  Duration talk{};  // filled when the agent leaves
};

struct Membership {
  QueueId queue;
  int tier = 1;
  std::uint64_t rr_last = 0;  // round-robin: when this member last got an offer from the queue
  ReadyKey key;               // the key under which the agent sits in the queue's ready set
  bool indexed = false;
};

struct PendingState {
  AgentState state;
  NotReadyReason reason;
  bool forced;
};

struct AgentRec {
  AgentConfig config;  // skills sorted by skill id
  std::vector<Membership> memberships;
  AgentState state = AgentState::kLoggedOut;
  NotReadyReason reason = NotReadyReason::kNone;
  Timestamp since;
  Timestamp idle_since;  // end of the last handled call's wrap-up, or login
  int calls_today = 0;
  int missed_in_row = 0;
  CallId call;  // the call the agent is reserved for or busy with
  std::optional<Segment> segment;
  std::optional<PendingState> pending;  // applied when the call and wrap-up end
  Timestamp wrap_started;
  std::uint64_t epoch = 0;
};

struct QueueRec {

  QueueConfig config;
  std::set<std::pair<WaitKey, CallId>> waiting;
  ReadySet ready;
  std::vector<AgentId> members;
  int logged_in = 0;
  int live_waiting = 0;  // live callers in `waiting` (callbacks excluded), for max_callers
  std::uint64_t rr_counter = 0;
  Duration handled_total{};
  std::int64_t handled_count = 0;
};

enum class TimerKind { kRing, kMaxWait, kAnnounce, kRelax, kRetry, kWrapUp, kCallbackDue };

struct Timer {
  Timestamp due;
  std::uint64_t seq;
  TimerKind kind;
  std::uint64_t id;  // call or agent id
  std::uint64_t epoch;
  bool operator>(const Timer& o) const { return std::tie(due, seq) > std::tie(o.due, o.seq); }
};

}  // namespace cc::acd::detail
