// The queue between the callers of Database::Write() and a database's single
// writer thread (SQLite and PostgreSQL alike): callers push batches and get
// futures; the writer takes whatever is waiting as one group to commit.
// Thread-safety: Push() from any thread; TakeGroup() from the writer thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "storage/database.h"

namespace cc::storage {

struct PendingBatch {
  std::vector<Statement> statements;
  std::promise<core::Status> done;
};

class WriteQueue {
 public:
  // Queues `batch`; the future is ready once the writer has answered it. An
  // empty batch is answered at once, and after Close() with kUnavailable.
  std::future<core::Status> Push(std::vector<Statement> batch);

  // Waits until batches are waiting or the queue is closed, then moves up to
  // `max` of them into `group`. False once the queue is closed and empty: the
  // writer may stop (everything pushed before Close() has been taken).
  bool TakeGroup(std::vector<PendingBatch>& group, std::size_t max);

  // Refuses new batches; those already queued are still taken.
  void Close();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<PendingBatch> queue_;  // guarded by mutex_
  bool closed_ = false;             // guarded by mutex_
};

}  // namespace cc::storage
