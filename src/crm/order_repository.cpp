#include "crm/order_repository.h"

#include <fmt/format.h>

#include "crm/sql_util.h"

namespace cc::crm {

using nlohmann::json;
using storage::Statement;
using storage::Value;

namespace {

constexpr const char* kOrderColumns =
    "SELECT id, status, manager_id, total, document, created_by, created_at_ms, updated_at_ms "
    "FROM crm_orders o WHERE 1 = 1";

json StoredDocument(const Order& o) {
  json doc = ToJson(o.input);
  doc["quote"] = o.quote;
  doc["vat"] = o.vat;
  return doc;
}

Statement HistoryStatement(OrderId id, const OrderChange& c) {
  return {"INSERT INTO crm_order_history (order_id, at_ms, seq, user_id, status, manager_id, comment) "
          "SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, CAST(? AS BIGINT), ?, CAST(? AS BIGINT), ? "
          "FROM crm_order_history WHERE order_id = ?",
          {sql::Id(id.value()), core::ToMillis(c.at), sql::OptionalId(c.by), std::string(ToString(c.status)),
           sql::OptionalId(c.manager), c.comment, sql::Id(id.value())}};
}

}  // namespace

OrderRepository::OrderRepository(storage::Database& db) : db_(db), ids_(db, "order") {}

core::Result<OrderId> OrderRepository::NextId() {
  auto id = ids_.Next();
  if (!id) return tl::unexpected(id.error());
  return OrderId(*id);
}

std::vector<Statement> OrderRepository::InsertStatements(const Order& o) const {
  std::vector<Statement> out = {
      {"INSERT INTO crm_orders (id, tenant_id, customer_id, call_id, status, manager_id, total, "
       "delivery_date, region, document, created_by, created_at_ms, updated_at_ms) VALUES (?, ?, ?, "
       "CAST(? AS BIGINT), ?, CAST(? AS BIGINT), ?, ?, ?, ?, ?, ?, ?)",
       {sql::Id(o.id.value()), static_cast<std::int64_t>(o.input.tenant.value()),
        sql::Id(o.input.customer.value()), sql::OptionalId(o.input.call), std::string(ToString(o.status)),
        sql::OptionalId(o.manager), o.total, FormatDate(o.input.delivery.date), o.input.delivery.region,
        StoredDocument(o).dump(), static_cast<std::int64_t>(o.created_by.value()),
        core::ToMillis(o.created_at), core::ToMillis(o.updated_at)}}};
  for (const OrderChange& c : o.history) {
    // Rows of one batch: the seq of each follows the previous one.
    out.push_back(HistoryStatement(o.id, c));
  }
  return out;
}

std::vector<Statement> OrderRepository::UpdateStatements(const Order& o, OrderStatus from,
                                                         const std::vector<OrderChange>& changes) const {
  std::vector<Statement> out = sql::Guard("SELECT COUNT(*) FROM crm_orders WHERE id = ? AND status = ?",
                                          {sql::Id(o.id.value()), std::string(ToString(from))});
  out.push_back(
      {"UPDATE crm_orders SET status = ?, manager_id = CAST(? AS BIGINT), total = ?, delivery_date = ?, "
       "region = ?, document = ?, updated_at_ms = ? WHERE id = ?",
       {std::string(ToString(o.status)), sql::OptionalId(o.manager), o.total,
        FormatDate(o.input.delivery.date), o.input.delivery.region, StoredDocument(o).dump(),
        core::ToMillis(o.updated_at), sql::Id(o.id.value())}});
  for (const OrderChange& c : changes) out.push_back(HistoryStatement(o.id, c));
  return out;
}

core::Result<std::vector<Order>> OrderRepository::List(const OrderFilter& f) {
  std::vector<Value> params;
  std::string where = sql::TenantFilter("o.tenant_id", f.scope, params);
  if (f.status) {
    where += " AND o.status = ?";
    params.emplace_back(std::in_place_type<std::string>, ToString(*f.status));
  }
  if (f.manager) {
    where += " AND o.manager_id = ?";
    params.push_back(static_cast<std::int64_t>(f.manager->value()));
  }
  if (f.customer) {
    where += " AND o.customer_id = ?";
    params.push_back(sql::Id(f.customer->value()));
  }
  if (f.created_by) {
    where += " AND o.created_by = ?";
    params.push_back(static_cast<std::int64_t>(f.created_by->value()));
  }
  where += " ORDER BY o.updated_at_ms DESC, o.id DESC LIMIT ? OFFSET ?";
  params.push_back(std::int64_t{f.limit});
  params.push_back(std::int64_t{f.offset});
  return ReadOrders(where, std::move(params));
}

core::Result<std::vector<Order>> OrderRepository::ReadOrders(const std::string& where,
                                                             std::vector<Value> params) {
  auto rows = db_.Query({std::string(kOrderColumns) + where, std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Order> out;
  for (const storage::Row& r : *rows) {
    Order o;
    o.id = OrderId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    auto status = OrderStatusFromString(r.Text(1).value_or(""));
    if (!status) return tl::unexpected(status.error());
    o.status = *status;
    if (!r.IsNull(2)) o.manager = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 2)));
    o.total = sql::IntOr0(r, 3);
    const json doc = json::parse(r.Text(4).value_or("{}"), nullptr, false);
    auto input = StoredInputFromJson(doc);
    if (!input) {
      return core::Fail(core::ErrorCode::kInternal,
                        fmt::format("order {} is stored unreadably: {}", o.id.value(), input.error().message));
    }
    o.input = std::move(*input);
    o.quote = doc.value("quote", json::object());
    o.vat = doc.value("vat", std::int64_t{0});
    o.created_by = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 5)));
    o.created_at = core::FromMillis(sql::IntOr0(r, 6));
    o.updated_at = core::FromMillis(sql::IntOr0(r, 7));
    out.push_back(std::move(o));
  }
  return out;
}

core::Result<std::optional<Order>> OrderRepository::Get(OrderId id) {
  auto found = ReadOrders(" AND o.id = ?", {sql::Id(id.value())});
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<Order>();
  Order o = std::move(found->front());
  auto history = db_.Query({"SELECT at_ms, user_id, status, manager_id, comment FROM crm_order_history "
                            "WHERE order_id = ? ORDER BY seq",
                            {sql::Id(id.value())}});
  if (!history) return tl::unexpected(history.error());
  for (const storage::Row& r : *history) {
    OrderChange c;
    c.at = core::FromMillis(sql::IntOr0(r, 0));
    if (!r.IsNull(1)) c.by = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 1)));
    c.status = OrderStatusFromString(r.Text(2).value_or("")).value_or(OrderStatus::kDraft);
    if (!r.IsNull(3)) c.manager = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 3)));
    c.comment = r.Text(4).value_or("");
    o.history.push_back(std::move(c));
  }
  return std::optional<Order>(std::move(o));
}

core::Result<std::vector<ManagerProfile>> OrderRepository::Managers(core::TenantId tenant) {
  auto rows = db_.Query({"SELECT user_id, regions, categories, active FROM crm_managers WHERE tenant_id = ? "
                         "ORDER BY user_id",
                         {static_cast<std::int64_t>(tenant.value())}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<ManagerProfile> out;
  for (const storage::Row& r : *rows) {
    ManagerProfile m;
    m.user = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(r, 0)));
    const json regions = json::parse(r.Text(1).value_or("[]"), nullptr, false);
    if (regions.is_array()) {
      for (const json& x : regions) {
        if (x.is_string()) m.regions.push_back(x.get<std::string>());
      }
    }
    const json categories = json::parse(r.Text(2).value_or("[]"), nullptr, false);
    if (categories.is_array()) {
      for (const json& x : categories) {
        if (x.is_number_unsigned()) m.categories.push_back(CategoryId(x.get<std::uint64_t>()));
      }
    }
    m.active = sql::IntOr0(r, 3) != 0;
    out.push_back(std::move(m));
  }
  // Load: open orders per manager, and when each last got one.
  auto load = db_.Query({"SELECT manager_id, COUNT(*) FROM crm_orders WHERE tenant_id = ? AND status IN "
                         "('assigned', 'in_fulfilment') AND manager_id IS NOT NULL GROUP BY manager_id",
                         {static_cast<std::int64_t>(tenant.value())}});
  if (!load) return tl::unexpected(load.error());
  for (const storage::Row& r : *load) {
    for (ManagerProfile& m : out) {
      if (m.user.value() == static_cast<std::uint32_t>(sql::IntOr0(r, 0))) m.open_orders = static_cast<int>(sql::IntOr0(r, 1));
    }
  }
  auto last = db_.Query({"SELECT h.manager_id, MAX(h.at_ms) FROM crm_order_history h JOIN crm_orders o ON "
                         "o.id = h.order_id WHERE o.tenant_id = ? AND h.status = 'assigned' AND "
                         "h.manager_id IS NOT NULL GROUP BY h.manager_id",
                         {static_cast<std::int64_t>(tenant.value())}});
  if (!last) return tl::unexpected(last.error());
  for (const storage::Row& r : *last) {
    for (ManagerProfile& m : out) {
      if (m.user.value() == static_cast<std::uint32_t>(sql::IntOr0(r, 0))) {
        m.last_assigned = core::FromMillis(sql::IntOr0(r, 1));
      }
    }
  }
  return out;
}

core::Status OrderRepository::SaveManager(core::TenantId tenant, const ManagerProfile& m) {
  json categories = json::array();
  for (CategoryId c : m.categories) categories.push_back(c.value());
  return db_.Write({{"DELETE FROM crm_managers WHERE user_id = ? AND tenant_id = ?",
                     {static_cast<std::int64_t>(m.user.value()), static_cast<std::int64_t>(tenant.value())}},
                    {"INSERT INTO crm_managers (user_id, tenant_id, regions, categories, active) VALUES "
                     "(?, ?, ?, ?, ?)",
                     {static_cast<std::int64_t>(m.user.value()), static_cast<std::int64_t>(tenant.value()),
                      json(m.regions).dump(), categories.dump(), std::int64_t{m.active}}}})
      .get();
}

}  // namespace cc::crm
