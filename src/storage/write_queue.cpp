#include "storage/write_queue.h"

#include <utility>

namespace cc::storage {

std::future<core::Status> WriteQueue::Push(std::vector<Statement> batch) {
  std::promise<core::Status> done;
  auto future = done.get_future();
  if (batch.empty()) {
    done.set_value({});
    return future;
  }
  {
    std::lock_guard lock(mutex_);
    if (closed_) {
      done.set_value(core::Fail(core::ErrorCode::kUnavailable, "the database is closing"));
      return future;
    }
    queue_.push_back(PendingBatch{std::move(batch), std::move(done)});
  }
  wake_.notify_one();
  return future;
}

bool WriteQueue::TakeGroup(std::vector<PendingBatch>& group, std::size_t max) {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return closed_ || !queue_.empty(); });
  if (queue_.empty()) return false;
  while (!queue_.empty() && group.size() < max) {
    group.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return true;
}

void WriteQueue::Close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  wake_.notify_all();
}

}  // namespace cc::storage
