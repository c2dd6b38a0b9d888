#include "app/call_id_blocks.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

namespace cc::app {

using core::ErrorCode;
using core::Fail;

storage::Migration CallIdBlocksMigration(int version) {
  return {version,
          "call_id_blocks",
          {"CREATE TABLE call_id_blocks (first_id INTEGER PRIMARY KEY, last_id INTEGER NOT NULL, "
           "node TEXT NOT NULL, reserved_at_ms INTEGER NOT NULL)"}};
}

core::Result<std::string> LoadNodeId(const std::string& data_dir) {
  const auto path = std::filesystem::path(data_dir) / "node-id";
  std::string id;
  if (std::ifstream in(path); in && std::getline(in, id) && !id.empty()) return id;
  std::random_device random;
  id = fmt::format("{:08x}{:08x}", random(), random());
  std::ofstream out(path);
  out << id << "\n";
  out.close();
  if (!out) return Fail(ErrorCode::kUnavailable, "cannot write " + path.string());
  return id;
}

core::Result<CallIdBlock> ReserveCallIds(storage::Database& db, const std::string& node,
                                         std::int64_t now_ms, std::uint64_t size) {
  // The maximum is taken inside the write transaction, which the writers of
  // all nodes take one at a time: two nodes cannot reserve the same block.
  auto reserved =
      db.Write({{"INSERT INTO call_id_blocks (first_id, last_id, node, reserved_at_ms) "
                 "SELECT top.m + 1, top.m + CAST(? AS BIGINT), ?, CAST(? AS BIGINT) FROM "
                 "(SELECT MAX(x) AS m FROM (SELECT COALESCE(MAX(last_id), 0) AS x FROM call_id_blocks "
                 "UNION ALL SELECT COALESCE(MAX(call_id), 0) AS x FROM interaction_log) AS ids) AS top",
                 {static_cast<std::int64_t>(size), node, now_ms}}})
          .get();
  if (!reserved) return tl::unexpected(reserved.error());
  auto rows = db.Query(
      {"SELECT first_id, last_id FROM call_id_blocks WHERE node = ? ORDER BY first_id DESC LIMIT 1",
       {node}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInternal, "the reserved call id block is missing");
  auto first = rows->front().Int(0);
  auto last = rows->front().Int(1);
  if (!first || !last) return Fail(ErrorCode::kInternal, "call_id_blocks holds a malformed row");
  return CallIdBlock{static_cast<std::uint64_t>(*first), static_cast<std::uint64_t>(*last)};
}

core::Result<std::function<bool(core::CallId)>> CallsOwnedBy(storage::Database& db,
                                                             const std::string& node) {
  auto rows = db.Query({"SELECT first_id, last_id, node FROM call_id_blocks ORDER BY first_id", {}});
  if (!rows) return tl::unexpected(rows.error());
  struct Block {
    std::uint64_t first, last;
    bool mine;
  };
  std::vector<Block> blocks;
  for (const storage::Row& row : *rows) {
    blocks.push_back({static_cast<std::uint64_t>(row.Int(0).value_or(0)),
                      static_cast<std::uint64_t>(row.Int(1).value_or(0)),
                      row.Text(2).value_or("") == node});
  }
  return std::function<bool(core::CallId)>([blocks = std::move(blocks)](core::CallId call) {
    auto it = std::upper_bound(blocks.begin(), blocks.end(), call.value(),
                               [](std::uint64_t id, const Block& b) { return id < b.first; });
    if (it == blocks.begin()) return true;  // before any block
    --it;
    if (call.value() > it->last) return true;  // between blocks: not handed out by any node
    return it->mine;
  });
}

}  // namespace cc::app
