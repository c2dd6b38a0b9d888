// Turns the interaction log into call detail records. Pure: it consumes
// LogRecords in sequence order and hands out what changed; CdrProjector
// stores that. A call's CDR is written when the call ends and rewritten while
// its agents finish wrap-up and give a disposition; once every agent who left
// the call has finished wrap-up (or two hours after the end) the builder lets
// the call go, and what still arrives for it becomes a CdrPatch.
//
// Records it cannot read (bad JSON, a call it never saw open) are skipped and
// counted, so one bad record cannot stop the projection.
//
// Thread-safety: none; one thread owns a builder.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "reporting/cdr.h"
#include "storage/interaction_log.h"

namespace cc::reporting {

// What changed since the last TakeChanges().
struct CdrChanges {
  std::vector<Cdr> cdrs;           // ended calls, new or changed: insert or replace by call
  std::vector<CdrPatch> patches;   // late changes to CDRs of calls already let go
  std::vector<std::pair<core::CallId, std::string>> saved;  // calls still held: their state
  std::vector<core::CallId> released;                        // calls no longer held

  bool empty() const {
    return cdrs.empty() && patches.empty() && saved.empty() && released.empty();
  }
};

class CdrBuilder {
 public:
  // How long an ended call waits for its agents' wrap-up before it is let go.
  static constexpr core::Duration kMaxWrapUpWait = std::chrono::hours(2);

  void Consume(const storage::LogRecord& record);
  CdrChanges TakeChanges();

  // Calls that have started and not ended, in id order.
  std::vector<core::CallId> OpenCalls() const;
  // Lets go of ended calls still waiting for wrap-up (after a restart it will
  // never come); they appear in the next TakeChanges() as released.
  void ReleaseEnded();

  // Puts back a call saved from CdrChanges::saved by an earlier builder.
  core::Status Restore(const std::string& saved_state);

  std::size_t held() const { return calls_.size(); }
  std::int64_t skipped() const { return skipped_; }

 private:
  struct Call {
    Cdr cdr;
    bool ended = false;
    std::set<std::int64_t> pending_wrap_up;  // agents who left and have not finished
  };

  Call* Open(const storage::LogRecord& record, std::int64_t call_id);
  void Apply(Call& call, const storage::LogRecord& record, const nlohmann::json& j);
  void Late(std::int64_t call_id, const storage::LogRecord& record, const nlohmann::json& j);
  void Touch(const Call& call);
  void MaybeRelease(std::int64_t call_id);
  void Release(std::int64_t call_id);
  void ReleaseOverdue(std::int64_t now_ms);
  static std::string Save(const Call& call);

  std::map<std::int64_t, Call> calls_;
  std::set<std::pair<std::int64_t, std::int64_t>> ended_by_time_;  // (ended ms, call)
  std::map<std::int64_t, Cdr> changed_cdrs_;
  std::set<std::int64_t> dirty_;
  std::set<std::int64_t> released_;
  std::vector<CdrPatch> patches_;
  std::int64_t skipped_ = 0;
};

}  // namespace cc::reporting
