// Where call detail records are kept and searched: the `cdr` table (and the
// projector's bookkeeping tables), written by CdrProjector, read by reports
// and the interaction-history API. Portable SQL only.
//
// Thread-safety: Query() and Find() may be called from any thread, as
// storage::Database allows. The Database must outlive the repository.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "reporting/cdr.h"
#include "storage/database.h"

namespace cc::reporting {

struct CdrFilter {
  std::optional<core::Timestamp> from;  // arrived_at >= from
  std::optional<core::Timestamp> to;    // arrived_at < to
  core::QueueId queue;                  // invalid: any queue
  core::AgentId agent;                  // invalid: any agent
  // The tenants the reader may see; absent means every tenant (an empty
  // list matches nothing).
  std::optional<std::vector<core::TenantId>> tenants;
  std::string outcome;  // empty: any
  std::vector<std::string> callers;  // calls from any of these numbers; empty: any
  int limit = 100;      // 1..kMaxLimit
  std::string cursor;   // CdrPage::next_cursor of the previous page; empty for the first
};

struct CdrPage {
  std::vector<Cdr> cdrs;    // newest arrival first, then higher call id first
  std::string next_cursor;  // empty on the last page
};

class CdrRepository {
 public:
  static constexpr int kMaxLimit = 500;

  explicit CdrRepository(storage::Database& db) : db_(db) {}

  // The schema (tables cdr, cdr_open_calls, cdr_progress): version 3, "cdr".
  static storage::Migration Migration();
  // An index on the caller's number (a customer's timeline finds their calls by it).
  static storage::Migration CallerIndexMigration(int version);
  // The IVR topic of each call (a column added after the table).
  static storage::Migration TopicMigration(int version);

  // kInvalidArgument for a limit outside 1..500 or a cursor this never gave.
  core::Result<CdrPage> Query(const CdrFilter& filter);
  core::Result<std::optional<Cdr>> Find(core::CallId call);

  // Statements that write `cdr` whole (insert or replace), or apply a patch.
  static std::vector<storage::Statement> Upsert(const Cdr& cdr);
  static std::vector<storage::Statement> Patch(const CdrPatch& patch);

 private:
  storage::Database& db_;
};

}  // namespace cc::reporting
