// Callbacks on storage, and their dispatch: DispatchDue hands every
// scheduled callback whose time has come to a CallbackSink (the live
// centre, which places the call through the ACD) exactly once. A callback
// is claimed (scheduled -> dispatched) in the database before it is handed
// over, so two nodes never dial the same one; if the sink refuses it, it is
// marked failed with the reason.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "crm/callback.h"
#include "crm/tenant_scope.h"
#include "storage/database.h"
#include "storage/id_allocator.h"

namespace cc::crm {

class CallbackSink {
 public:
  virtual ~CallbackSink() = default;
  // Places the callback; returns the call id it became.
  virtual core::Result<core::CallId> Dispatch(const Callback& callback) = 0;
};

struct CallbackFilter {
  TenantScope scope;
  std::optional<CallbackStatus> status;
  std::optional<CustomerId> customer;
  std::optional<core::UserId> agent;
  int limit = 50;
  int offset = 0;
};

class CallbackDesk {
 public:
  explicit CallbackDesk(storage::Database& db);

  core::Result<Callback> Schedule(CallbackInput input, core::UserId by, core::Timestamp now);
  core::Result<Callback> Cancel(CallbackId id, core::UserId by, std::string note, core::Timestamp now);
  core::Result<std::optional<Callback>> Get(CallbackId id);
  core::Result<std::vector<Callback>> List(const CallbackFilter& filter);

  // Dispatches the callbacks due at `now`; returns how many were handed over.
  core::Result<int> DispatchDue(core::Timestamp now, CallbackSink& sink);

 private:
  core::Result<std::vector<Callback>> Read(const std::string& where, std::vector<storage::Value> params);
  core::Status SetStatus(const Callback& c, CallbackStatus from, const char* log_type, core::Timestamp now,
                         std::optional<core::UserId> by);
  storage::Database& db_;
  storage::IdAllocator ids_;
};

}  // namespace cc::crm
