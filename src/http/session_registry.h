// SessionRegistry: the server's list of open connections, so Stop() can ask
// each to finish and wait until all are gone. Internal to cc_http.
// Thread-safety: all members are safe from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace cc::http {

// One open connection. Shutdown() must not block: it posts to the connection's strand.
class Session {
 public:
  virtual ~Session() = default;
  // Finish the request in flight (if any), then close; WebSockets close with 1001.
  virtual void Shutdown() = 0;
};

class SessionRegistry {
 public:
  // The session removes itself (Remove) from its destructor.
  std::uint64_t Add(std::weak_ptr<Session> session);
  void Remove(std::uint64_t id);
  void ShutdownAll();
  // True if every session is gone before the timeout.
  bool WaitEmpty(std::chrono::milliseconds timeout);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable empty_;
  std::uint64_t next_id_ = 1;                                       // GUARDED_BY(mutex_)
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions_;  // GUARDED_BY(mutex_)
};

}  // namespace cc::http
