// The order desk: quoting, creating and confirming orders, and moving them
// through their statuses. Confirmation re-prices the order with the one
// quoting function, checks the confirmation rules, assigns a manager by the
// hand-off rules and commits the order, its history and its interaction-log
// record in one transaction; the manager is notified once it is durable.
// Thread-safety: every method may be called from any thread. The managers'
// load is kept in memory per tenant under a mutex (read from the database
// on first use), so a busy desk does not count open orders on every
// confirmation; several nodes therefore balance on slightly stale counts.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "core/time_zone.h"
#include "crm/catalogue_repository.h"
#include "crm/customer_repository.h"
#include "crm/notifier.h"
#include "crm/order_repository.h"

namespace cc::crm {

class OrderDesk {
 public:
  OrderDesk(storage::Database& db, CatalogueRepository& catalogue, CustomerRepository& customers,
            OrderRepository& orders, Notifier& notifier, core::TimeZone zone);

  // Prices lines for a tenant on the centre's current day (or `on`).
  core::Result<Quote> QuoteLines(core::TenantId tenant, const std::vector<QuoteLineRequest>& lines,
                                 std::optional<CustomerId> customer, core::Timestamp now,
                                 std::optional<Date> on = std::nullopt);

  // Creates a draft (lines are priced; the confirmation rules wait for Confirm).
  core::Result<Order> Create(OrderInput input, core::UserId by, core::Timestamp now);
  // Replaces a draft's input.
  core::Result<Order> UpdateDraft(OrderId id, OrderInput input, core::UserId by, core::Timestamp now);
  // Confirms a draft after the operator read it back to the customer, and hands it off.
  core::Result<Order> Confirm(OrderId id, core::UserId by, std::string comment, core::Timestamp now);
  // A status change by a person (in fulfilment, delivered, cancelled, returned).
  core::Result<Order> Move(OrderId id, OrderStatus to, core::UserId by, std::string comment,
                           core::Timestamp now);
  // Gives the order to another manager (or to the rules again when `manager` is empty).
  core::Result<Order> Reassign(OrderId id, std::optional<core::UserId> manager, core::UserId by,
                               std::string comment, core::Timestamp now);

  core::Result<std::optional<Order>> Get(OrderId id) { return orders_.Get(id); }
  core::Result<std::vector<Order>> List(const OrderFilter& filter) { return orders_.List(filter); }

  // Removes the personal data of a customer's orders (receivers, address,
  // note) when the customer is erased; amounts and statuses stay.
  core::Status Anonymise(CustomerId customer, core::TenantId tenant, core::Timestamp now);

  core::Status SaveManager(core::TenantId tenant, const ManagerProfile& profile);
  core::Result<std::vector<ManagerProfile>> Managers(core::TenantId tenant);

 private:
  core::Result<Quote> Price(const OrderInput& input, core::Timestamp now);
  // QuoteLines that also hands back the pricing data it read.
  core::Result<Quote> QuoteWith(core::TenantId tenant, const std::vector<QuoteLineRequest>& lines,
                                std::optional<CustomerId> customer, core::Timestamp now, std::optional<Date> on,
                                PricingData& data);
  core::Result<Order> Load(OrderId id);
  core::Result<Order> Commit(Order order, OrderStatus from, std::vector<OrderChange> changes,
                             const std::string& log_type, core::Timestamp now);
  // Chooses a manager and counts the order against them (in memory).
  std::optional<HandOffChoice> Assign(const Order& order, const std::vector<CategoryId>& categories);
  void Released(core::TenantId tenant, std::optional<core::UserId> manager);

  storage::Database& db_;
  CatalogueRepository& catalogue_;
  CustomerRepository& customers_;
  OrderRepository& orders_;
  Notifier& notifier_;
  core::TimeZone zone_;
  std::mutex mutex_;
  std::map<core::TenantId, std::vector<ManagerProfile>> managers_;  // guarded by mutex_
};

}  // namespace cc::crm
