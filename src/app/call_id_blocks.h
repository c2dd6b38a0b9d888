// Call ids come in blocks reserved in the database, one block per server
// start, so nodes that share a PostgreSQL never hand out the same id, and a
// node that restarts can tell which calls left open were its own (the other
// nodes' calls may still be live). Each node has a persistent id, kept in its
// data dir (`node-id`).
// Thread-safety: functions; the Database may be shared.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/ids.h"
#include "core/result.h"
#include "storage/database.h"

namespace cc::app {

struct CallIdBlock {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

// Ten million calls per run: a busy centre's year.
constexpr std::uint64_t kCallIdBlockSize = 10'000'000;

storage::Migration CallIdBlocksMigration(int version);

// The id of the node whose data dir this is; created on the first start.
core::Result<std::string> LoadNodeId(const std::string& data_dir);

// Reserves the next block above every id reserved or logged so far, for `node`.
core::Result<CallIdBlock> ReserveCallIds(storage::Database& db, const std::string& node,
                                         std::int64_t now_ms,
                                         std::uint64_t size = kCallIdBlockSize);

// Whether a call is `node`'s to close after a restart: its id lies in one of
// the node's blocks, or in none (ids from before blocks existed: one node then).
core::Result<std::function<bool(core::CallId)>> CallsOwnedBy(storage::Database& db,
                                                             const std::string& node);

}  // namespace cc::app
