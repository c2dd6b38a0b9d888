// Orders: quote-priced drafts, confirmation with hand-off to a manager,
// manual reassignment, and the managers' status changes. Managers see and
// change only the orders assigned to them (docs/rbac.md).
#include <nlohmann/json.hpp>

#include "api/crm_names.h"
#include "api/crm_support.h"
#include "api/routes.h"
#include "api/util.h"

namespace cc::api {

namespace {

using access::Action;
using core::ErrorCode;
using nlohmann::json;

bool IsManager(const Caller& c) {
  return c.who.role == access::Role::kManager;
}

// The order by path id if the caller may see it: its tenant, and for a
// manager only an order assigned to them.
core::Result<crm::Order> LoadOrder(CrmServices& desks, const Caller& c, const http::Request& r,
                                   const Guard& guard) {
  auto id = PathId(r);
  if (!id) return tl::unexpected(id.error());
  auto found = desks.orders.Get(crm::OrderId(*id));
  if (!found) return tl::unexpected(found.error());
  const std::string what = "order " + std::to_string(*id);
  if (!*found) return core::Fail(ErrorCode::kNotFound, what + " does not exist");
  if (auto ok = CheckTenant(c, (*found)->input.tenant, what); !ok)
    return tl::unexpected(ok.error());
  if (IsManager(c) && (*found)->manager != c.who.user) {
    return tl::unexpected(guard.Deny(c, r, "an order assigned to another manager"));
  }
  return std::move(**found);
}

core::Result<crm::OrderInput> InputFrom(const Caller& c, json body) {
  auto tenant = BodyTenant(c, body);
  if (!tenant) return tl::unexpected(tenant.error());
  body["tenant_id"] = tenant->value();
  return crm::OrderInputFromJson(body);
}

json ManagerJson(const crm::ManagerProfile& m, const std::string& name) {
  json categories = json::array();
  for (auto cat : m.categories) categories.push_back(cat.value());
  return {{"user_id", m.user.value()},
          {"name", name},
          {"regions", m.regions},
          {"categories", categories},
          {"active", m.active},
          {"open_orders", m.open_orders},
          {"last_assigned", m.last_assigned.time_since_epoch().count() == 0
                                ? json(nullptr)
                                : json(core::FormatUtc(m.last_assigned))}};
}

}  // namespace

void AddOrderRoutes(http::Router& router, ApiServices& s, Guard guard) {
  router.Add(
      "POST", "/api/orders",
      CrmRoute(s, guard, Action::kTakeOrders,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto body = BodyOrEmpty(r);
                 if (!body) return Error(body.error());
                 if (!body->is_object())
                   return Error({ErrorCode::kInvalidArgument, "an order must be a JSON object"});
                 auto input = InputFrom(c, *body);
                 if (!input) return Error(input.error());
                 auto created = desks.orders.Create(std::move(*input), c.who.user, s.clock.Now());
                 if (!created) return Error(created.error());
                 if (body->value("confirm", false)) {
                   // Read back and confirmed in the same step: a draft that fails the
                   // confirmation rules stays a draft, and the answer says why.
                   auto confirmed = desks.orders.Confirm(created->id, c.who.user, CommentOf(*body),
                                                         s.clock.Now());
                   if (!confirmed) {
                     auto problem = Error(confirmed.error());
                     json detail = json::parse(problem.body, nullptr, false);
                     if (detail.is_object()) {
                       detail["draft_order_id"] = created->id.value();
                       problem.body = detail.dump();
                     }
                     return problem;
                   }
                   return Created(NameBook(s, desks).Order(crm::ToJson(*confirmed)));
                 }
                 return Created(NameBook(s, desks).Order(crm::ToJson(*created)));
               }));

  router.Add("GET", "/api/orders",
             CrmRoute(s, guard, Action::kReadOrders,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        crm::OrderFilter f;
                        f.scope = ScopeOf(c.who);
                        auto limit = QueryInt(r, "limit", 50, 1, 500);
                        auto offset = QueryInt(r, "offset", 0, 0, 10'000'000);
                        auto customer = QueryId(r, "customer_id");
                        auto manager = QueryId(r, "manager_id");
                        if (!limit) return Error(limit.error());
                        if (!offset) return Error(offset.error());
                        if (!customer) return Error(customer.error());
                        if (!manager) return Error(manager.error());
                        f.limit = static_cast<int>(*limit);
                        f.offset = static_cast<int>(*offset);
                        if (auto status = r.Query("status"); status && !status->empty()) {
                          auto parsed = crm::OrderStatusFromString(*status);
                          if (!parsed) return Error(parsed.error());
                          f.status = *parsed;
                        }
                        if (*customer) f.customer = crm::CustomerId(**customer);
                        if (*manager)
                          f.manager = core::UserId(static_cast<std::uint32_t>(**manager));
                        if (r.Query("mine").value_or("") == "true") f.created_by = c.who.user;
                        if (IsManager(c))
                          f.manager = c.who.user;  // a manager's inbox: only their orders
                        auto orders = desks.orders.List(f);
                        if (!orders) return Error(orders.error());
                        json out = json::array();
                        NameBook names(s, desks);
                        for (const auto& o : *orders) out.push_back(names.Order(crm::ToJson(o)));
                        return Ok(out);
                      }));

  router.Add("GET", "/api/orders/{id}",
             CrmRoute(s, guard, Action::kReadOrders,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto order = LoadOrder(desks, c, r, guard);
                        if (!order) return Error(order.error());
                        return Ok(NameBook(s, desks).Order(crm::ToJson(*order)));
                      }));

  router.Add(
      "PUT", "/api/orders/{id}",
      CrmRoute(s, guard, Action::kTakeOrders,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto order = LoadOrder(desks, c, r, guard);
                 if (!order) return Error(order.error());
                 auto body = BodyOrEmpty(r);
                 if (!body) return Error(body.error());
                 if (!body->is_object())
                   return Error({ErrorCode::kInvalidArgument, "an order must be a JSON object"});
                 auto input = InputFrom(c, *body);
                 if (!input) return Error(input.error());
                 auto updated = desks.orders.UpdateDraft(order->id, std::move(*input), c.who.user,
                                                         s.clock.Now());
                 if (!updated) return Error(updated.error());
                 return Ok(NameBook(s, desks).Order(crm::ToJson(*updated)));
               }));

  router.Add("POST", "/api/orders/{id}/confirm",
             CrmRoute(s, guard, Action::kTakeOrders,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto order = LoadOrder(desks, c, r, guard);
                        if (!order) return Error(order.error());
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto confirmed = desks.orders.Confirm(order->id, c.who.user,
                                                              CommentOf(*body), s.clock.Now());
                        if (!confirmed) return Error(confirmed.error());
                        return Ok(NameBook(s, desks).Order(crm::ToJson(*confirmed)));
                      }));

  router.Add("POST", "/api/orders/{id}/status", [&s, guard](http::Request& r) {
    auto c = guard.Authenticate(r);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto status_text = TextField(*body, "status");
    if (!status_text) return Error(status_text.error());
    auto status = crm::OrderStatusFromString(*status_text);
    if (!status) return Error(status.error());
    // Fulfilment is the managers' (and supervisors') work; whoever takes
    // orders may cancel a draft they are still writing.
    const bool cancel_draft =
        *status == crm::OrderStatus::kCancelled && access::Allows(c->who, Action::kTakeOrders);
    auto allowed = guard.Require(r, cancel_draft ? Action::kTakeOrders : Action::kWorkOrders);
    if (!allowed) return Error(allowed.error());
    auto order = LoadOrder(**crm, *c, r, guard);
    if (!order) return Error(order.error());
    if (cancel_draft && !access::Allows(c->who, Action::kWorkOrders) &&
        order->status != crm::OrderStatus::kDraft) {
      return Error(guard.Deny(*c, r, "cancelling an order that is already with a manager"));
    }
    auto moved =
        (*crm)->orders.Move(order->id, *status, c->who.user, CommentOf(*body), s.clock.Now());
    if (!moved) return Error(moved.error());
    return Ok(NameBook(s, **crm).Order(crm::ToJson(*moved)));
  });

  router.Add(
      "POST", "/api/orders/{id}/assign",
      CrmRoute(s, guard, Action::kAssignOrders,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto order = LoadOrder(desks, c, r, guard);
                 if (!order) return Error(order.error());
                 auto body = BodyOrEmpty(r);
                 if (!body) return Error(body.error());
                 std::optional<core::UserId> manager;
                 if (body->contains("manager_id") && !(*body)["manager_id"].is_null()) {
                   auto id = IdField(*body, "manager_id");
                   if (!id) return Error(id.error());
                   manager = core::UserId(static_cast<std::uint32_t>(*id));
                 }
                 auto moved = desks.orders.Reassign(order->id, manager, c.who.user,
                                                    CommentOf(*body), s.clock.Now());
                 if (!moved) return Error(moved.error());
                 guard.Audit(
                     c, r, "order.assign", "order", std::to_string(order->id.value()),
                     {{"manager", moved->manager ? json(moved->manager->value()) : json(nullptr)}});
                 return Ok(NameBook(s, desks).Order(crm::ToJson(*moved)));
               }));

  router.Add("GET", "/api/managers",
             CrmRoute(s, guard, Action::kAssignOrders,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto tenant = QueryTenant(c, r);
                        if (!tenant) return Error(tenant.error());
                        auto managers = desks.orders.Managers(*tenant);
                        if (!managers) return Error(managers.error());
                        json out = json::array();
                        NameBook names(s, desks);
                        for (const auto& m : *managers) out.push_back(ManagerJson(m, names.User(m.user.value())));
                        return Ok(out);
                      }));

  router.Add(
      "PUT", "/api/managers/{id}",
      CrmRoute(
          s, guard, Action::kAssignOrders,
          [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
            auto id = PathId(r);
            if (!id) return Error(id.error());
            auto body = BodyOrEmpty(r);
            if (!body) return Error(body.error());
            auto tenant = BodyTenant(c, *body);
            if (!tenant) return Error(tenant.error());
            auto user = s.directory.GetUser(core::UserId(static_cast<std::uint32_t>(*id)));
            if (!user) return Error(user.error());
            if (user->role != access::Role::kManager) {
              return Error(
                  {ErrorCode::kInvalidArgument, "user " + user->login + " is not a manager"});
            }
            if (std::find(user->tenants.begin(), user->tenants.end(), *tenant) ==
                user->tenants.end()) {
              return Error({ErrorCode::kInvalidArgument, "manager " + user->login +
                                                             " does not work for tenant " +
                                                             std::to_string(tenant->value())});
            }
            crm::ManagerProfile m;
            m.user = user->id;
            if (body->contains("regions")) {
              if (!(*body)["regions"].is_array())
                return Error({ErrorCode::kInvalidArgument, "regions must be a list of texts"});
              for (const auto& x : (*body)["regions"]) {
                if (!x.is_string())
                  return Error({ErrorCode::kInvalidArgument, "regions must be a list of texts"});
                m.regions.push_back(x.get<std::string>());
              }
            }
            if (body->contains("categories")) {
              if (!(*body)["categories"].is_array())
                return Error({ErrorCode::kInvalidArgument, "categories must be a list of ids"});
              for (const auto& x : (*body)["categories"]) {
                if (!x.is_number_unsigned())
                  return Error({ErrorCode::kInvalidArgument, "categories must be a list of ids"});
                m.categories.push_back(crm::CategoryId(x.get<std::uint64_t>()));
              }
            }
            if (body->contains("active")) {
              if (!(*body)["active"].is_boolean())
                return Error({ErrorCode::kInvalidArgument, "active must be true or false"});
              m.active = (*body)["active"].get<bool>();
            }
            if (auto saved = desks.orders.SaveManager(*tenant, m); !saved)
              return Error(saved.error());
            guard.Audit(c, r, "manager.update", "user", std::to_string(m.user.value()),
                        {{"tenant", tenant->value()}, {"active", m.active}});
            return Ok(ManagerJson(m, NameBook(s, desks).User(m.user.value())));
          }));
}

}  // namespace cc::api
