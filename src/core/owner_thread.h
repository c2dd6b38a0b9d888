// One owner thread for one piece of state. Other threads never touch that
// state; they Post() closures that run on the owner thread, in order.
// Thread-safety: Post() and Stop() may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace cc::core {

class OwnerThread {
 public:
  OwnerThread();
  ~OwnerThread();  // Runs what was posted before, then joins.
  OwnerThread(const OwnerThread&) = delete;
  OwnerThread& operator=(const OwnerThread&) = delete;

  // Queues `task` to run on the owner thread. Returns false after Stop().
  bool Post(std::function<void()> task);
  // Refuses new posts, runs everything already posted, joins the thread.
  void Stop();
  bool IsOwnerThread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::thread thread_;
};

}  // namespace cc::core
