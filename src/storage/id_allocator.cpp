#include "storage/id_allocator.h"

#include <fmt/format.h>

#include <random>

namespace cc::storage {

namespace {

std::string RandomOwner() {
  std::random_device random;
  return fmt::format("{:08x}{:08x}{:08x}", random(), random(), random());
}

}  // namespace

IdAllocator::IdAllocator(Database& db, std::string kind, std::uint64_t block_size)
    : db_(db), kind_(std::move(kind)), block_size_(block_size), owner_(RandomOwner()) {}

storage::Migration IdAllocator::Migration(int version) {
  return {version,
          "id_blocks",
          {"CREATE TABLE id_blocks (kind TEXT NOT NULL, first_id INTEGER NOT NULL, "
           "last_id INTEGER NOT NULL, owner TEXT NOT NULL, PRIMARY KEY (kind, first_id))"}};
}

core::Result<std::uint64_t> IdAllocator::Next() {
  std::lock_guard lock(mutex_);
  if (next_ == 0 || next_ > last_) {
    if (auto reserved = Reserve(); !reserved) return tl::unexpected(reserved.error());
  }
  return next_++;
}

core::Status IdAllocator::Reserve() {
  // The maximum is read inside the write transaction; writers of all nodes
  // commit one at a time, so no two owners get overlapping blocks.
  auto written =
      db_.Write({{"INSERT INTO id_blocks (kind, first_id, last_id, owner) "
                  "SELECT ?, top.m + 1, top.m + CAST(? AS BIGINT), ? FROM "
                  "(SELECT COALESCE(MAX(last_id), 0) AS m FROM id_blocks WHERE kind = ?) AS top",
                  {kind_, static_cast<std::int64_t>(block_size_), owner_, kind_}}})
          .get();
  if (!written) return tl::unexpected(written.error());
  auto rows = db_.Query({"SELECT first_id, last_id FROM id_blocks WHERE kind = ? AND owner = ? "
                         "ORDER BY first_id DESC LIMIT 1",
                         {kind_, owner_}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) {
    return core::Fail(core::ErrorCode::kInternal, "the reserved id block of " + kind_ + " is missing");
  }
  auto first = rows->front().Int(0);
  auto last = rows->front().Int(1);
  if (!first || !last) return core::Fail(core::ErrorCode::kInternal, "id_blocks holds a malformed row");
  next_ = static_cast<std::uint64_t>(*first);
  last_ = static_cast<std::uint64_t>(*last);
  return {};
}

}  // namespace cc::storage
