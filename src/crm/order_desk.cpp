#include "crm/order_desk.h"

#include <fmt/format.h>

#include <set>

#include "crm/pricing_json.h"
#include "storage/interaction_log.h"

namespace cc::crm {

using nlohmann::json;

namespace {

core::Error Precondition(std::string message) {
  return {core::ErrorCode::kFailedPrecondition, std::move(message)};
}

storage::LogRecord OrderRecord(const Order& o, const std::string& type, core::Timestamp now) {
  json payload = {{"order", o.id.value()},
                  {"tenant", o.input.tenant.value()},
                  {"customer", o.input.customer.value()},
                  {"status", ToString(o.status)},
                  {"total", o.total}};
  // The call is in the payload, not the record's call column: the call may
  // have ended long ago and its own records are closed (log_consistency).
  if (o.input.call) payload["call"] = o.input.call->value();
  if (o.manager) payload["manager"] = o.manager->value();
  if (!o.history.empty() && o.history.back().by) payload["by"] = o.history.back().by->value();
  storage::LogRecord r;
  r.at_ms = core::ToMillis(now);
  r.type = type;
  r.payload = payload.dump();
  return r;
}

json Notification(const Order& o, const std::string& reason) {
  return {{"type", "order.assigned"},
          {"order", {{"id", o.id.value()},
                     {"tenant_id", o.input.tenant.value()},
                     {"customer_id", o.input.customer.value()},
                     {"status", ToString(o.status)},
                     {"total", o.total},
                     {"delivery_date", FormatDate(o.input.delivery.date)},
                     {"region", o.input.delivery.region}}},
          {"reason", reason}};
}

// To the operator who took the order, at every later change of its status or
// manager: the whole order as GET /api/orders/{id} shows it.
json StatusNotification(const Order& o) { return {{"type", "order.status"}, {"order", ToJson(o)}}; }

}  // namespace

OrderDesk::OrderDesk(storage::Database& db, CatalogueRepository& catalogue, CustomerRepository& customers,
                     OrderRepository& orders, Notifier& notifier, core::TimeZone zone)
    : db_(db),
      catalogue_(catalogue),
      customers_(customers),
      orders_(orders),
      notifier_(notifier),
      zone_(std::move(zone)) {}

core::Result<Quote> OrderDesk::QuoteLines(core::TenantId tenant, const std::vector<QuoteLineRequest>& lines,
                                          std::optional<CustomerId> customer, core::Timestamp now,
                                          std::optional<Date> on) {
  PricingData data;
  return QuoteWith(tenant, lines, customer, now, on, data);
}

core::Result<Quote> OrderDesk::QuoteWith(core::TenantId tenant, const std::vector<QuoteLineRequest>& lines,
                                         std::optional<CustomerId> customer, core::Timestamp now,
                                         std::optional<Date> on, PricingData& data) {
  QuoteRequest request;
  request.lines = lines;
  request.on = on ? *on : std::chrono::sys_days(zone_.ToLocal(now).date);
  if (customer) {
    auto found = customers_.Get(*customer);
    if (!found) return tl::unexpected(found.error());
    if (!*found || (*found)->erased || (*found)->tenant != tenant) {
      return core::Fail(core::ErrorCode::kNotFound,
                        fmt::format("customer {} does not exist in tenant {}", customer->value(), tenant.value()));
    }
    if ((*found)->group) request.customer_groups.push_back(*(*found)->group);
  }
  std::vector<ProductId> products;
  for (const QuoteLineRequest& l : lines) products.push_back(l.product);
  auto loaded = catalogue_.PricingFor(tenant, products);
  if (!loaded) return tl::unexpected(loaded.error());
  data = std::move(*loaded);
  return QuoteOrder(data, request);
}

core::Result<Quote> OrderDesk::Price(const OrderInput& input, core::Timestamp now) {
  return QuoteLines(input.tenant, input.lines, input.customer, now);
}

core::Result<Order> OrderDesk::Load(OrderId id) {
  auto found = orders_.Get(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return core::Fail(core::ErrorCode::kNotFound, fmt::format("order {} does not exist", id.value()));
  return std::move(**found);
}

core::Result<Order> OrderDesk::Create(OrderInput input, core::UserId by, core::Timestamp now) {
  auto quote = Price(input, now);
  if (!quote) return tl::unexpected(quote.error());
  auto id = orders_.NextId();
  if (!id) return tl::unexpected(id.error());
  Order o;
  o.id = *id;
  o.input = std::move(input);
  o.quote = ToJson(*quote);
  o.total = quote->total;
  o.vat = quote->vat;
  o.status = OrderStatus::kDraft;
  o.created_by = by;
  o.created_at = o.updated_at = now;
  o.history.push_back({now, by, OrderStatus::kDraft, std::nullopt, "created"});
  auto batch = orders_.InsertStatements(o);
  for (auto& s : storage::InteractionLog::AppendStatements({OrderRecord(o, "order.created", now)})) {
    batch.push_back(std::move(s));
  }
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  return o;
}

core::Result<Order> OrderDesk::UpdateDraft(OrderId id, OrderInput input, core::UserId by, core::Timestamp now) {
  auto order = Load(id);
  if (!order) return order;
  if (order->status != OrderStatus::kDraft) {
    return tl::unexpected(Precondition(fmt::format("order {} is {}; only a draft can be changed", id.value(),
                                                   ToString(order->status))));
  }
  if (input.tenant != order->input.tenant || input.customer != order->input.customer) {
    return tl::unexpected(Precondition("an order keeps its tenant and customer; start a new order instead"));
  }
  auto quote = Price(input, now);
  if (!quote) return tl::unexpected(quote.error());
  order->input = std::move(input);
  order->quote = ToJson(*quote);
  order->total = quote->total;
  order->vat = quote->vat;
  return Commit(std::move(*order), OrderStatus::kDraft, {{now, by, OrderStatus::kDraft, std::nullopt, "changed"}},
                "order.changed", now);
}

core::Result<Order> OrderDesk::Confirm(OrderId id, core::UserId by, std::string comment, core::Timestamp now) {
  auto order = Load(id);
  if (!order) return order;
  if (order->status != OrderStatus::kDraft) {
    return tl::unexpected(Precondition(fmt::format("order {} is {} already; only a draft can be confirmed",
                                                   id.value(), ToString(order->status))));
  }
  const core::LocalDateTime local = zone_.ToLocal(now);
  const int minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local.time_of_day).count());
  if (auto valid = ValidateForConfirmation(order->input, std::chrono::sys_days(local.date), minute); !valid) {
    return tl::unexpected(valid.error());
  }
  PricingData data;
  auto quote = QuoteWith(order->input.tenant, order->input.lines, order->input.customer, now, std::nullopt, data);
  if (!quote) return tl::unexpected(quote.error());
  if (quote->total != order->total) {
    return tl::unexpected(Precondition(fmt::format(
        "the prices changed since the order was priced: the total was {} kopecks and is now {}; "
        "save the order again to see the new prices and read it back to the customer",
        order->total, quote->total)));
  }
  order->quote = ToJson(*quote);
  order->vat = quote->vat;
  // The order's categories for the hand-off rules (gift products do not count).
  std::vector<CategoryId> categories;
  {
    std::set<CategoryId> seen;
    for (const QuoteLineRequest& l : order->input.lines) {
      auto it = data.products.find(l.product);
      if (it == data.products.end()) continue;
      for (CategoryId c : it->second.categories) {
        if (seen.insert(c).second) categories.push_back(c);
      }
    }
  }
  std::vector<OrderChange> changes = {{now, by, OrderStatus::kConfirmed, std::nullopt,
                                       comment.empty() ? "read back to the customer and confirmed" : comment}};
  order->status = OrderStatus::kConfirmed;
  const auto choice = Assign(*order, categories);
  if (choice) {
    order->status = OrderStatus::kAssigned;
    order->manager = choice->manager;
    changes.push_back({now, std::nullopt, OrderStatus::kAssigned, choice->manager, choice->reason});
  }
  auto committed = Commit(std::move(*order), OrderStatus::kDraft, changes, "order.confirmed", now);
  if (!committed) {
    if (choice) Released(order->input.tenant, choice->manager);
    return committed;
  }
  if (choice) notifier_.NotifyUser(choice->manager, Notification(*committed, choice->reason));
  return committed;
}

core::Result<Order> OrderDesk::Move(OrderId id, OrderStatus to, core::UserId by, std::string comment,
                                    core::Timestamp now) {
  auto order = Load(id);
  if (!order) return order;
  const OrderStatus from = order->status;
  if (!CanMove(from, to)) {
    return tl::unexpected(Precondition(fmt::format("order {} is {} and cannot become {} by hand", id.value(),
                                                   ToString(from), ToString(to))));
  }
  if (to == OrderStatus::kCancelled && comment.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "a cancellation needs a comment saying why");
  }
  order->status = to;
  const auto manager = order->manager;
  auto committed = Commit(std::move(*order), from, {{now, by, to, manager, comment}}, "order.status", now);
  if (committed && IsOpen(from) && !IsOpen(to) && from != OrderStatus::kDraft && from != OrderStatus::kConfirmed) {
    Released(committed->input.tenant, manager);
  }
  if (committed && committed->created_by != by) notifier_.NotifyUser(committed->created_by, StatusNotification(*committed));
  return committed;
}

core::Result<Order> OrderDesk::Reassign(OrderId id, std::optional<core::UserId> manager, core::UserId by,
                                        std::string comment, core::Timestamp now) {
  auto order = Load(id);
  if (!order) return order;
  const OrderStatus from = order->status;
  if (from != OrderStatus::kConfirmed && from != OrderStatus::kAssigned && from != OrderStatus::kInFulfilment) {
    return tl::unexpected(Precondition(
        fmt::format("order {} is {}; only confirmed, assigned or in-fulfilment orders have a manager", id.value(),
                    ToString(from))));
  }
  const auto previous = order->manager;
  std::string reason = comment;
  if (manager) {
    auto managers = Managers(order->input.tenant);
    if (!managers) return tl::unexpected(managers.error());
    const bool known = std::any_of(managers->begin(), managers->end(),
                                   [&](const ManagerProfile& m) { return m.user == *manager && m.active; });
    if (!known) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        fmt::format("user {} is not an active manager of tenant {}", manager->value(),
                                    order->input.tenant.value()));
    }
    std::lock_guard lock(mutex_);
    for (ManagerProfile& m : managers_[order->input.tenant]) {
      if (m.user == *manager) {
        ++m.open_orders;
        m.last_assigned = now;
      }
    }
  } else {
    auto choice = Assign(*order, {});
    if (!choice) return tl::unexpected(Precondition("no active manager of this tenant can take the order"));
    manager = choice->manager;
    if (reason.empty()) reason = choice->reason;
  }
  order->manager = manager;
  if (from == OrderStatus::kConfirmed) order->status = OrderStatus::kAssigned;
  auto committed = Commit(std::move(*order), from, {{now, by, order->status, manager, reason}},
                          "order.assigned", now);
  if (!committed) {
    Released(order->input.tenant, manager);
    return committed;
  }
  Released(committed->input.tenant, previous);
  notifier_.NotifyUser(*manager, Notification(*committed, reason));
  // The manager who had it learns it is gone from their inbox.
  if (previous && *previous != *manager && *previous != by) {
    notifier_.NotifyUser(*previous, StatusNotification(*committed));
  }
  if (committed->created_by != by) notifier_.NotifyUser(committed->created_by, StatusNotification(*committed));
  return committed;
}

core::Result<Order> OrderDesk::Commit(Order order, OrderStatus from, std::vector<OrderChange> changes,
                                      const std::string& log_type, core::Timestamp now) {
  order.updated_at = now;
  for (const OrderChange& c : changes) order.history.push_back(c);
  auto batch = orders_.UpdateStatements(order, from, changes);
  for (auto& s : storage::InteractionLog::AppendStatements({OrderRecord(order, log_type, now)})) {
    batch.push_back(std::move(s));
  }
  if (auto done = db_.Write(std::move(batch)).get(); !done) {
    auto current = orders_.Get(order.id);
    if (current && *current && (*current)->status != from) {
      return tl::unexpected(Precondition(fmt::format("order {} was changed meanwhile: it is {} now",
                                                     order.id.value(), ToString((*current)->status))));
    }
    return tl::unexpected(done.error());
  }
  return order;
}

std::optional<HandOffChoice> OrderDesk::Assign(const Order& order, const std::vector<CategoryId>& categories) {
  const core::TenantId tenant = order.input.tenant;
  {
    std::lock_guard lock(mutex_);
    if (managers_.contains(tenant)) {
      auto& list = managers_[tenant];
      auto choice = ChooseManager(list, order.input.delivery.region, categories);
      if (choice) {
        for (ManagerProfile& m : list) {
          if (m.user == choice->manager) {
            ++m.open_orders;
            m.last_assigned = order.updated_at;
          }
        }
      }
      return choice;
    }
  }
  auto loaded = orders_.Managers(tenant);
  if (!loaded) return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    managers_.try_emplace(tenant, std::move(*loaded));
  }
  return Assign(order, categories);
}

void OrderDesk::Released(core::TenantId tenant, std::optional<core::UserId> manager) {
  if (!manager) return;
  std::lock_guard lock(mutex_);
  auto it = managers_.find(tenant);
  if (it == managers_.end()) return;
  for (ManagerProfile& m : it->second) {
    if (m.user == *manager && m.open_orders > 0) --m.open_orders;
  }
}

core::Status OrderDesk::Anonymise(CustomerId customer, core::TenantId tenant, core::Timestamp) {
  OrderFilter filter;
  filter.scope = TenantScope::Only({tenant});
  filter.customer = customer;
  filter.limit = 1000;
  for (;;) {
    auto orders = orders_.List(filter);
    if (!orders) return tl::unexpected(orders.error());
    for (Order& o : *orders) {
      o.input.delivery.address = "(erased)";
      o.input.note.clear();
      for (Receiver& r : o.input.receivers) {
        r.name = "(erased)";
        r.phone.clear();
      }
      auto batch = orders_.UpdateStatements(o, o.status, {});
      // The history keeps its order; updated_at is not moved by an erasure.
      if (auto done = db_.Write(std::move(batch)).get(); !done) return done;
    }
    if (orders->size() < static_cast<std::size_t>(filter.limit)) return {};
    filter.offset += filter.limit;
  }
}

core::Status OrderDesk::SaveManager(core::TenantId tenant, const ManagerProfile& profile) {
  auto saved = orders_.SaveManager(tenant, profile);
  std::lock_guard lock(mutex_);
  managers_.erase(tenant);  // read again, with the load, on next use
  return saved;
}

core::Result<std::vector<ManagerProfile>> OrderDesk::Managers(core::TenantId tenant) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = managers_.find(tenant); it != managers_.end()) return it->second;
  }
  auto loaded = orders_.Managers(tenant);
  if (!loaded) return loaded;
  std::lock_guard lock(mutex_);
  return managers_.try_emplace(tenant, std::move(*loaded)).first->second;
}

}  // namespace cc::crm
