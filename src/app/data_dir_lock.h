// An exclusive, non-blocking lock on a data directory (an flock on
// DATA_DIR/callcenter.lock): `serve` holds it while it runs, `restore` takes
// it so it never replaces the database under a running server. The lock
// goes away with the process, so a crash never leaves it stuck.
// Thread-safety: a move-only owner; use one from one thread at a time.
#pragma once

#include <string>

#include "core/result.h"

namespace cc::app {

class DataDirLock {
 public:
  static constexpr const char* kFileName = "callcenter.lock";

  // kFailedPrecondition when another process (or another DataDirLock in this
  // one) holds it; the message says which pid wrote the lock file.
  static core::Result<DataDirLock> Acquire(const std::string& data_dir);

  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace cc::app
