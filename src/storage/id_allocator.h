// Record ids that stay unique when several server nodes share one database:
// each allocator reserves a block of ids for one kind of record ("order",
// "customer", ...) in the `id_blocks` table, hands them out from memory, and
// reserves the next block when it runs out. Ids therefore increase on one
// node but jump to a fresh block after a restart or between nodes.
// Thread-safety: Next() may be called from any thread (a mutex guards the block).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "core/result.h"
#include "storage/database.h"

namespace cc::storage {

class IdAllocator {
 public:
  IdAllocator(Database& db, std::string kind, std::uint64_t block_size = 1000);
  static storage::Migration Migration(int version);

  // The next unused id of this kind (reserving a block when needed).
  core::Result<std::uint64_t> Next();

 private:
  core::Status Reserve();

  Database& db_;
  const std::string kind_;
  const std::uint64_t block_size_;
  const std::string owner_;  // this allocator's reservations in id_blocks
  std::mutex mutex_;
  std::uint64_t next_ = 0;  // guarded by mutex_
  std::uint64_t last_ = 0;  // guarded by mutex_; next_ > last_: no ids left
};

}  // namespace cc::storage
