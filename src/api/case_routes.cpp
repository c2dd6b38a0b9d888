// Cases (complaints, remarks, suggestions, requests) with their categories,
// and scheduled callbacks.
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

}  // namespace

void AddCaseRoutes(http::Router& router, ApiServices& s, Guard guard) {
  router.Add("GET", "/api/case-categories",
             CrmRoute(s, guard, Action::kReadCases,
                      [&s, guard](http::Request&, const Caller& c, CrmServices& desks) {
                        auto list = desks.cases.Categories(ScopeOf(c.who));
                        if (!list) return Error(list.error());
                        json out = json::array();
                        for (const auto& k : *list) out.push_back(crm::ToJson(k));
                        return Ok(out);
                      }));

  router.Add(
      "PUT", "/api/case-categories",
      CrmRoute(s, guard, Action::kManageCaseCategories,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto body = BodyOrEmpty(r);
                 if (!body) return Error(body.error());
                 auto tenant = BodyTenant(c, *body);
                 if (!tenant) return Error(tenant.error());
                 (*body)["tenant_id"] = tenant->value();
                 auto category = crm::CaseCategoryFromJson(*body);
                 if (!category) return Error(category.error());
                 auto departments = s.directory.ListDepartments(*tenant);
                 if (!departments) return Error(departments.error());
                 const bool known = std::any_of(
                     departments->begin(), departments->end(),
                     [&](const access::Department& d) { return d.id == category->department; });
                 if (!known) {
                   return Error({ErrorCode::kInvalidArgument,
                                 "department " + std::to_string(category->department.value()) +
                                     " is not one of this tenant's"});
                 }
                 if (auto saved = desks.cases.SaveCategory(*category); !saved)
                   return Error(saved.error());
                 guard.Audit(c, r, "case_category.save", "case_category", category->code,
                             {{"department", category->department.value()},
                              {"sla_minutes", category->sla_minutes}});
                 return Ok(crm::ToJson(*category));
               }));

  router.Add("POST", "/api/cases",
             CrmRoute(s, guard, Action::kOpenCases,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto tenant = BodyTenant(c, *body);
                        if (!tenant) return Error(tenant.error());
                        (*body)["tenant_id"] = tenant->value();
                        auto input = crm::CaseInputFromJson(*body);
                        if (!input) return Error(input.error());
                        if (input->customer) {
                          auto customer = desks.customers.Get(*input->customer);
                          if (!customer) return Error(customer.error());
                          if (!*customer || (*customer)->tenant != *tenant) {
                            return Error({ErrorCode::kInvalidArgument,
                                          "customer_id does not name a customer of this tenant"});
                          }
                        }
                        auto opened =
                            desks.cases.Open(std::move(*input), c.who.user, s.clock.Now());
                        if (!opened) return Error(opened.error());
                        return Created(NameBook(s, desks).Case(crm::ToJson(*opened)));
                      }));

  router.Add("GET", "/api/cases",
             CrmRoute(s, guard, Action::kReadCases,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        crm::CaseFilter f;
                        f.scope = ScopeOf(c.who);
                        auto limit = QueryInt(r, "limit", 50, 1, 500);
                        auto offset = QueryInt(r, "offset", 0, 0, 10'000'000);
                        auto department = QueryId(r, "department_id");
                        auto customer = QueryId(r, "customer_id");
                        if (!limit) return Error(limit.error());
                        if (!offset) return Error(offset.error());
                        if (!department) return Error(department.error());
                        if (!customer) return Error(customer.error());
                        f.limit = static_cast<int>(*limit);
                        f.offset = static_cast<int>(*offset);
                        if (*department)
                          f.department =
                              core::DepartmentId(static_cast<std::uint32_t>(**department));
                        if (*customer) f.customer = crm::CustomerId(**customer);
                        if (auto status = r.Query("status"); status && !status->empty()) {
                          auto parsed = crm::CaseStatusFromString(*status);
                          if (!parsed) return Error(parsed.error());
                          f.status = *parsed;
                        }
                        f.overdue_only = r.Query("overdue").value_or("") == "true";
                        f.now = s.clock.Now();
                        auto cases = desks.cases.List(f);
                        if (!cases) return Error(cases.error());
                        json out = json::array();
                        NameBook names(s, desks);
                        for (const auto& k : *cases) out.push_back(names.Case(crm::ToJson(k)));
                        return Ok(out);
                      }));

  router.Add("GET", "/api/cases/{id}",
             CrmRoute(s, guard, Action::kReadCases,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto id = PathId(r);
                        if (!id) return Error(id.error());
                        auto found = Visible(c, desks.cases.Get(crm::CaseId(*id)), "case " + std::to_string(*id));
                        if (!found) return Error(found.error());
                        return Ok(NameBook(s, desks).Case(crm::ToJson(*found)));
                      }));

  router.Add("POST", "/api/cases/{id}/status",
             CrmRoute(s, guard, Action::kWorkCases,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto id = PathId(r);
                        if (!id) return Error(id.error());
                        auto found = Visible(c, desks.cases.Get(crm::CaseId(*id)), "case " + std::to_string(*id));
                        if (!found) return Error(found.error());
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto status_text = TextField(*body, "status");
                        if (!status_text) return Error(status_text.error());
                        auto status = crm::CaseStatusFromString(*status_text);
                        if (!status) return Error(status.error());
                        auto moved = desks.cases.Move(crm::CaseId(*id), *status, c.who.user,
                                                      CommentOf(*body), s.clock.Now());
                        if (!moved) return Error(moved.error());
                        return Ok(NameBook(s, desks).Case(crm::ToJson(*moved)));
                      }));

  router.Add("POST", "/api/callbacks",
             CrmRoute(s, guard, Action::kScheduleCallbacks,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto tenant = BodyTenant(c, *body);
                        if (!tenant) return Error(tenant.error());
                        (*body)["tenant_id"] = tenant->value();
                        auto input = crm::CallbackInputFromJson(*body, s.clock.Now());
                        if (!input) return Error(input.error());
                        auto queue = s.repository.FindQueue(input->queue);
                        if (!queue) return Error(queue.error());
                        if (!*queue || (*queue)->config.tenant != *tenant) {
                          return Error({ErrorCode::kInvalidArgument,
                                        "queue_id does not name a queue of this tenant"});
                        }
                        auto scheduled =
                            desks.callbacks.Schedule(std::move(*input), c.who.user, s.clock.Now());
                        if (!scheduled) return Error(scheduled.error());
                        return Created(crm::ToJson(*scheduled));
                      }));

  router.Add("GET", "/api/callbacks",
             CrmRoute(s, guard, Action::kReadCallbacks,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        crm::CallbackFilter f;
                        f.scope = ScopeOf(c.who);
                        auto limit = QueryInt(r, "limit", 50, 1, 500);
                        auto customer = QueryId(r, "customer_id");
                        if (!limit) return Error(limit.error());
                        if (!customer) return Error(customer.error());
                        f.limit = static_cast<int>(*limit);
                        if (*customer) f.customer = crm::CustomerId(**customer);
                        if (auto status = r.Query("status"); status && !status->empty()) {
                          auto parsed = crm::CallbackStatusFromString(*status);
                          if (!parsed) return Error(parsed.error());
                          f.status = *parsed;
                        }
                        auto list = desks.callbacks.List(f);
                        if (!list) return Error(list.error());
                        json out = json::array();
                        for (const auto& b : *list) out.push_back(crm::ToJson(b));
                        return Ok(out);
                      }));

  router.Add("POST", "/api/callbacks/{id}/cancel",
             CrmRoute(s, guard, Action::kScheduleCallbacks,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto id = PathId(r);
                        if (!id) return Error(id.error());
                        auto found = Visible(c, desks.callbacks.Get(crm::CallbackId(*id)), "callback " + std::to_string(*id));
                        if (!found) return Error(found.error());
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto cancelled = desks.callbacks.Cancel(crm::CallbackId(*id), c.who.user,
                                                                CommentOf(*body), s.clock.Now());
                        if (!cancelled) return Error(cancelled.error());
                        return Ok(crm::ToJson(*cancelled));
                      }));
}

}  // namespace cc::api
