// Customers: search and caller lookup, the card with its timeline (calls,
// orders, cases, callbacks), create and update, consents, and on a person's
// request the export of everything held on them and its erasure (audited).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/util.h"
#include "crm/phone.h"

namespace cc::api {

namespace {

using access::Action;
using core::ErrorCode;
using core::Fail;
using nlohmann::json;

// The customer by path id, if the caller may see its tenant.
core::Result<crm::Customer> LoadCustomer(CrmServices& desks, const Caller& c,
                                         const http::Request& r) {
  auto id = PathId(r);
  if (!id) return tl::unexpected(id.error());
  auto found = desks.customers.Get(crm::CustomerId(*id));
  if (!found) return tl::unexpected(found.error());
  const std::string what = "customer " + std::to_string(*id);
  if (!*found || (*found)->erased) return Fail(ErrorCode::kNotFound, what + " does not exist");
  if (auto ok = CheckTenant(c, (*found)->tenant, what); !ok) return tl::unexpected(ok.error());
  return std::move(**found);
}

json Summaries(const std::vector<crm::CustomerSummary>& list) {
  json out = json::array();
  for (const auto& s : list) out.push_back(crm::ToJson(s));
  return out;
}

// Calls, orders, cases and callbacks of a customer, newest first.
core::Result<json> Timeline(ApiServices& s, CrmServices& desks, const crm::Customer& customer,
                            int limit) {
  json items = json::array();
  if (!customer.phones.empty()) {
    reporting::CdrFilter f;
    f.tenants = std::vector<core::TenantId>{customer.tenant};
    for (const auto& p : customer.phones) f.callers.push_back(p.number);
    f.limit = limit;
    auto page = s.cdrs.Query(f);
    if (!page) return tl::unexpected(page.error());
    for (const auto& cdr : page->cdrs) {
      items.push_back({{"kind", "call"},
                       {"at", core::FormatUtc(cdr.arrived_at)},
                       {"call", reporting::ToJson(cdr)}});
    }
  }
  crm::OrderFilter of;
  of.scope = crm::TenantScope::Only({customer.tenant});
  of.customer = customer.id;
  of.limit = limit;
  auto orders = desks.orders.List(of);
  if (!orders) return tl::unexpected(orders.error());
  for (const auto& o : *orders) {
    items.push_back({{"kind", "order"},
                     {"at", core::FormatUtc(o.created_at)},
                     {"order",
                      {{"id", o.id.value()},
                       {"status", crm::ToString(o.status)},
                       {"total", o.total},
                       {"manager_id", o.manager ? json(o.manager->value()) : json(nullptr)},
                       {"delivery_date", crm::FormatDate(o.input.delivery.date)},
                       {"updated_at", core::FormatUtc(o.updated_at)}}}});
  }
  crm::CaseFilter cf;
  cf.scope = crm::TenantScope::Only({customer.tenant});
  cf.customer = customer.id;
  cf.limit = limit;
  auto cases = desks.cases.List(cf);
  if (!cases) return tl::unexpected(cases.error());
  for (const auto& k : *cases) {
    items.push_back({{"kind", "case"},
                     {"at", core::FormatUtc(k.created_at)},
                     {"case",
                      {{"id", k.id.value()},
                       {"kind", crm::ToString(k.input.kind)},
                       {"category", k.input.category},
                       {"summary", k.input.summary},
                       {"status", crm::ToString(k.status)},
                       {"due_at", core::FormatUtc(k.due_at)}}}});
  }
  crm::CallbackFilter bf;
  bf.scope = crm::TenantScope::Only({customer.tenant});
  bf.customer = customer.id;
  bf.limit = limit;
  auto callbacks = desks.callbacks.List(bf);
  if (!callbacks) return tl::unexpected(callbacks.error());
  for (const auto& b : *callbacks) {
    items.push_back({{"kind", "callback"},
                     {"at", core::FormatUtc(b.input.due_at)},
                     {"callback", crm::ToJson(b)}});
  }
  std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
    return a["at"].get<std::string>() > b["at"].get<std::string>();
  });
  if (items.size() > static_cast<std::size_t>(limit))
    items.erase(items.begin() + limit, items.end());
  return items;
}

}  // namespace

void AddCustomerRoutes(http::Router& router, ApiServices& s, Guard guard) {
  router.Add(
      "GET", "/api/customers/lookup",
      CrmRoute(
          s, guard, Action::kReadCustomers,
          [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
            const std::string raw(r.Query("number").value_or(""));
            if (raw.empty())
              return Ok({{"number", nullptr}, {"withheld", true}, {"matches", json::array()}});
            auto number = crm::NormalizePhone(raw);
            if (!number) return Error(number.error());
            auto found = desks.customers.FindByPhone(*number, ScopeOf(c.who));
            if (!found) return Error(found.error());
            return Ok({{"number", *number}, {"withheld", false}, {"matches", Summaries(*found)}});
          }));

  router.Add("GET", "/api/customers",
             CrmRoute(s, guard, Action::kReadCustomers,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto limit = QueryInt(r, "limit", 20, 1, 200);
                        auto offset = QueryInt(r, "offset", 0, 0, 1'000'000);
                        if (!limit) return Error(limit.error());
                        if (!offset) return Error(offset.error());
                        const std::string q(r.Query("q").value_or(""));
                        auto found = q.empty() ? desks.customers.List(ScopeOf(c.who),
                                                                      static_cast<int>(*limit),
                                                                      static_cast<int>(*offset))
                                               : desks.customers.Search(q, ScopeOf(c.who),
                                                                        static_cast<int>(*limit));
                        if (!found) return Error(found.error());
                        return Ok(Summaries(*found));
                      }));

  router.Add("POST", "/api/customers",
             CrmRoute(s, guard, Action::kManageCustomers,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto tenant = BodyTenant(c, *body);
                        if (!tenant) return Error(tenant.error());
                        (*body)["tenant_id"] = tenant->value();
                        auto customer = crm::CustomerFromJson(*body);
                        if (!customer) return Error(customer.error());
                        auto created = desks.customers.Create(std::move(*customer), s.clock.Now());
                        if (!created) return Error(created.error());
                        return Created(crm::ToJson(*created));
                      }));

  router.Add("GET", "/api/customers/{id}",
             CrmRoute(s, guard, Action::kReadCustomers,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto customer = LoadCustomer(desks, c, r);
                        if (!customer) return Error(customer.error());
                        return Ok(crm::ToJson(*customer));
                      }));

  router.Add("GET", "/api/customers/{id}/timeline",
             CrmRoute(s, guard, Action::kReadCustomers,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto customer = LoadCustomer(desks, c, r);
                        if (!customer) return Error(customer.error());
                        auto limit = QueryInt(r, "limit", 50, 1, 200);
                        if (!limit) return Error(limit.error());
                        auto items = Timeline(s, desks, *customer, static_cast<int>(*limit));
                        if (!items) return Error(items.error());
                        return Ok(*items);
                      }));

  router.Add(
      "PUT", "/api/customers/{id}",
      CrmRoute(s, guard, Action::kManageCustomers,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto existing = LoadCustomer(desks, c, r);
                 if (!existing) return Error(existing.error());
                 auto body = BodyOrEmpty(r);
                 if (!body) return Error(body.error());
                 if (!body->is_object())
                   return Error({ErrorCode::kInvalidArgument, "a customer must be a JSON object"});
                 (*body)["tenant_id"] = existing->tenant.value();
                 auto customer = crm::CustomerFromJson(*body);
                 if (!customer) return Error(customer.error());
                 customer->id = existing->id;
                 auto updated = desks.customers.Update(std::move(*customer), s.clock.Now());
                 if (!updated) return Error(updated.error());
                 return Ok(crm::ToJson(*updated));
               }));

  router.Add("POST", "/api/customers/{id}/consents",
             CrmRoute(s, guard, Action::kManageCustomers,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto customer = LoadCustomer(desks, c, r);
                        if (!customer) return Error(customer.error());
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto consent = crm::ConsentFromJson(*body, s.clock.Now(), c.who.user);
                        if (!consent) return Error(consent.error());
                        if (auto added = desks.customers.AddConsent(customer->id, customer->tenant,
                                                                    *consent);
                            !added) {
                          return Error(added.error());
                        }
                        guard.Audit(c, r, "customer.consent", "customer",
                                    std::to_string(customer->id.value()),
                                    {{"purpose", consent->purpose},
                                     {"granted", consent->granted},
                                     {"source", consent->source}});
                        return Created(crm::ToJson(*consent));
                      }));

  router.Add("GET", "/api/customers/{id}/export",
             CrmRoute(s, guard, Action::kManagePersonalData,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto customer = LoadCustomer(desks, c, r);
                        if (!customer) return Error(customer.error());
                        auto items = Timeline(s, desks, *customer, 200);
                        if (!items) return Error(items.error());
                        crm::OrderFilter of;
                        of.scope = crm::TenantScope::Only({customer->tenant});
                        of.customer = customer->id;
                        of.limit = 1000;
                        auto orders = desks.orders.List(of);
                        if (!orders) return Error(orders.error());
                        json full_orders = json::array();
                        for (const auto& o : *orders) full_orders.push_back(crm::ToJson(o));
                        guard.Audit(c, r, "customer.export", "customer",
                                    std::to_string(customer->id.value()));
                        return Ok({{"exported_at", core::FormatUtc(s.clock.Now())},
                                   {"customer", crm::ToJson(*customer)},
                                   {"orders", full_orders},
                                   {"timeline", *items}});
                      }));

  router.Add(
      "POST", "/api/customers/{id}/erase",
      CrmRoute(
          s, guard, Action::kManagePersonalData,
          [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
            auto customer = LoadCustomer(desks, c, r);
            if (!customer) return Error(customer.error());
            auto body = BodyOrEmpty(r);
            if (!body) return Error(body.error());
            auto reason = TextField(*body, "reason");
            if (!reason) return Error(reason.error());
            if (auto orders = desks.orders.Anonymise(customer->id, customer->tenant, s.clock.Now());
                !orders) {
              return Error(orders.error());
            }
            if (auto erased = desks.customers.Erase(customer->id, s.clock.Now()); !erased)
              return Error(erased.error());
            // The record of the erasure itself (required by the personal-data law)
            // names what was erased, not the data.
            guard.Audit(c, r, "customer.erase", "customer", std::to_string(customer->id.value()),
                        {{"tenant", customer->tenant.value()},
                         {"reason", *reason},
                         {"phones", customer->phones.size()},
                         {"contacts", customer->contacts.size()}});
            return NoContent();
          }));
}

}  // namespace cc::api
