// Orders on storage: the order row (its input and quote as a JSON document,
// plus the columns lists filter on), the status history, and the managers'
// hand-off settings. Status changes are conditional on the status read, so
// two people moving one order at once cannot both succeed.
// Thread-safety: every method may be called from any thread; writes return
// once durable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "crm/handoff.h"
#include "crm/order.h"
#include "crm/tenant_scope.h"
#include "storage/database.h"
#include "storage/id_allocator.h"

namespace cc::crm {

struct OrderFilter {
  TenantScope scope;
  std::optional<OrderStatus> status;
  std::optional<core::UserId> manager;
  std::optional<CustomerId> customer;
  std::optional<core::UserId> created_by;
  int limit = 50;
  int offset = 0;
};

class OrderRepository {
 public:
  explicit OrderRepository(storage::Database& db);

  core::Result<OrderId> NextId();
  // The statements that insert `order` with its history (all of it).
  std::vector<storage::Statement> InsertStatements(const Order& order) const;
  // The statements that move `order` from status `from` to its current
  // status, manager and document, adding `changes` to its history. The batch
  // rolls back whole if the order is no longer in status `from` when it runs
  // (someone else changed it first); the caller re-reads to say what happened.
  std::vector<storage::Statement> UpdateStatements(const Order& order, OrderStatus from,
                                                   const std::vector<OrderChange>& changes) const;

  core::Result<std::optional<Order>> Get(OrderId id);
  core::Result<std::vector<Order>> List(const OrderFilter& filter);

  core::Result<std::vector<ManagerProfile>> Managers(core::TenantId tenant);
  core::Status SaveManager(core::TenantId tenant, const ManagerProfile& profile);

 private:
  core::Result<std::vector<Order>> ReadOrders(const std::string& where, std::vector<storage::Value> params);
  storage::Database& db_;
  storage::IdAllocator ids_;
};

}  // namespace cc::crm
