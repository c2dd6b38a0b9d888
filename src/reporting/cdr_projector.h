// Keeps the `cdr` table in step with the interaction log. Each Poll() reads
// the log after the last record it projected and writes, in ONE batch per
// chunk read, the CDRs that changed, the state of the calls still open and
// the new position: after a crash it resumes exactly where the last
// acknowledged batch left it, so every CDR is written exactly once.
//
// Start-up order for the server: Open(), RecoverInterrupted(now) before the
// engine takes new calls, then Poll() about once a second.
//
// Several nodes on one database may each run a projector: every batch moves
// cdr_progress only from the position it read, so when another node got
// there first the batch fails as a whole and this projector reloads the
// stored position and open calls and goes on from there.
//
// Thread-safety: none; one thread calls Poll() and RecoverInterrupted(). The
// Database and the log must outlive the projector.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/result.h"
#include "reporting/cdr_builder.h"
#include "storage/database.h"
#include "storage/interaction_log.h"

namespace cc::reporting {

class CdrProjector {
 public:
  static constexpr int kChunk = 1000;  // log records per write batch

  // Loads the position and the open calls the previous run saved.
  static core::Result<std::unique_ptr<CdrProjector>> Open(storage::Database& db,
                                                          storage::InteractionLog& log);

  // Projects every record after the last one projected; returns how many it
  // read. On a write error nothing is lost: the projector reloads its saved
  // state and the next Poll() starts again from there.
  core::Result<std::int64_t> Poll();

  // Catches up, then closes every call still open: appends a call.interrupted
  // record at `now` for each and projects them (CDR outcome "interrupted").
  // Ended calls still waiting for wrap-up are let go as they are. Returns the
  // calls it closed, in id order.
  // With `owned`, only the open calls it accepts are closed: on a shared
  // database the others belong to nodes that may still be running them.
  core::Result<std::vector<core::CallId>> RecoverInterrupted(
      core::Timestamp now, const std::function<bool(core::CallId)>& owned = {});

  std::int64_t last_seq() const { return last_seq_; }
  // Calls started and not ended, as far as the log has been projected.
  std::vector<core::CallId> OpenCalls() const { return builder_.OpenCalls(); }

 private:
  CdrProjector(storage::Database& db, storage::InteractionLog& log) : db_(db), log_(log) {}

  core::Status Load();
  core::Status Store(std::int64_t new_last_seq);

  storage::Database& db_;
  storage::InteractionLog& log_;
  CdrBuilder builder_;
  std::int64_t last_seq_ = 0;
};

}  // namespace cc::reporting
