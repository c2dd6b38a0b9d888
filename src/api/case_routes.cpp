// Cases (complaints, remarks, suggestions, requests) with their categories,
// and scheduled callbacks.
#include <nlohmann/json.hpp>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/util.h"

namespace cc::api {

namespace {

using access::Action;
using core::ErrorCode;
using nlohmann::json;

std::string CommentOf(const json& body) {
  if (body.is_object() && body.contains("comment") && body["comment"].is_string()) {
    return body["comment"].get<std::string>();
  }
  return "";
}

}  // namespace

void AddCaseRoutes(http::Router& router, ApiServices& s, Guard guard) {
  router.Add("GET", "/api/case-categories", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadCases);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto list = (*crm)->cases.Categories(ScopeOf(c->who));
    if (!list) return Error(list.error());
    json out = json::array();
    for (const auto& k : *list) out.push_back(crm::ToJson(k));
    return Ok(out);
  });

  router.Add("PUT", "/api/case-categories", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageCaseCategories);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto tenant = BodyTenant(*c, *body);
    if (!tenant) return Error(tenant.error());
    (*body)["tenant_id"] = tenant->value();
    auto category = crm::CaseCategoryFromJson(*body);
    if (!category) return Error(category.error());
    auto departments = s.directory.ListDepartments(*tenant);
    if (!departments) return Error(departments.error());
    const bool known = std::any_of(departments->begin(), departments->end(),
                                   [&](const access::Department& d) { return d.id == category->department; });
    if (!known) {
      return Error({ErrorCode::kInvalidArgument,
                    "department " + std::to_string(category->department.value()) + " is not one of this tenant's"});
    }
    if (auto saved = (*crm)->cases.SaveCategory(*category); !saved) return Error(saved.error());
    guard.Audit(*c, r, "case_category.save", "case_category", category->code,
                {{"department", category->department.value()}, {"sla_minutes", category->sla_minutes}});
    return Ok(crm::ToJson(*category));
  });

  router.Add("POST", "/api/cases", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kOpenCases);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto tenant = BodyTenant(*c, *body);
    if (!tenant) return Error(tenant.error());
    (*body)["tenant_id"] = tenant->value();
    auto input = crm::CaseInputFromJson(*body);
    if (!input) return Error(input.error());
    if (input->customer) {
      auto customer = (*crm)->customers.Get(*input->customer);
      if (!customer) return Error(customer.error());
      if (!*customer || (*customer)->tenant != *tenant) {
        return Error({ErrorCode::kInvalidArgument, "customer_id does not name a customer of this tenant"});
      }
    }
    auto opened = (*crm)->cases.Open(std::move(*input), c->who.user, s.clock.Now());
    if (!opened) return Error(opened.error());
    return Created(crm::ToJson(*opened));
  });

  router.Add("GET", "/api/cases", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadCases);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    crm::CaseFilter f;
    f.scope = ScopeOf(c->who);
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
    if (*department) f.department = core::DepartmentId(static_cast<std::uint32_t>(**department));
    if (*customer) f.customer = crm::CustomerId(**customer);
    if (auto status = r.Query("status"); status && !status->empty()) {
      auto parsed = crm::CaseStatusFromString(*status);
      if (!parsed) return Error(parsed.error());
      f.status = *parsed;
    }
    f.overdue_only = r.Query("overdue").value_or("") == "true";
    f.now = s.clock.Now();
    auto cases = (*crm)->cases.List(f);
    if (!cases) return Error(cases.error());
    json out = json::array();
    for (const auto& k : *cases) out.push_back(crm::ToJson(k));
    return Ok(out);
  });

  router.Add("GET", "/api/cases/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadCases);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto found = (*crm)->cases.Get(crm::CaseId(*id));
    if (!found) return Error(found.error());
    const std::string what = "case " + std::to_string(*id);
    if (!*found) return Error({ErrorCode::kNotFound, what + " does not exist"});
    if (auto ok = CheckTenant(*c, (*found)->input.tenant, what); !ok) return Error(ok.error());
    return Ok(crm::ToJson(**found));
  });

  router.Add("POST", "/api/cases/{id}/status", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kWorkCases);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto found = (*crm)->cases.Get(crm::CaseId(*id));
    if (!found) return Error(found.error());
    const std::string what = "case " + std::to_string(*id);
    if (!*found) return Error({ErrorCode::kNotFound, what + " does not exist"});
    if (auto ok = CheckTenant(*c, (*found)->input.tenant, what); !ok) return Error(ok.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto status_text = TextField(*body, "status");
    if (!status_text) return Error(status_text.error());
    auto status = crm::CaseStatusFromString(*status_text);
    if (!status) return Error(status.error());
    auto moved = (*crm)->cases.Move(crm::CaseId(*id), *status, c->who.user, CommentOf(*body), s.clock.Now());
    if (!moved) return Error(moved.error());
    return Ok(crm::ToJson(*moved));
  });

  router.Add("POST", "/api/callbacks", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kScheduleCallbacks);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto tenant = BodyTenant(*c, *body);
    if (!tenant) return Error(tenant.error());
    (*body)["tenant_id"] = tenant->value();
    auto input = crm::CallbackInputFromJson(*body, s.clock.Now());
    if (!input) return Error(input.error());
    auto queue = s.repository.FindQueue(input->queue);
    if (!queue) return Error(queue.error());
    if (!*queue || (*queue)->config.tenant != *tenant) {
      return Error({ErrorCode::kInvalidArgument, "queue_id does not name a queue of this tenant"});
    }
    auto scheduled = (*crm)->callbacks.Schedule(std::move(*input), c->who.user, s.clock.Now());
    if (!scheduled) return Error(scheduled.error());
    return Created(crm::ToJson(*scheduled));
  });

  router.Add("GET", "/api/callbacks", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadCallbacks);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    crm::CallbackFilter f;
    f.scope = ScopeOf(c->who);
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
    auto list = (*crm)->callbacks.List(f);
    if (!list) return Error(list.error());
    json out = json::array();
    for (const auto& b : *list) out.push_back(crm::ToJson(b));
    return Ok(out);
  });

  router.Add("POST", "/api/callbacks/{id}/cancel", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kScheduleCallbacks);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto found = (*crm)->callbacks.Get(crm::CallbackId(*id));
    if (!found) return Error(found.error());
    const std::string what = "callback " + std::to_string(*id);
    if (!*found) return Error({ErrorCode::kNotFound, what + " does not exist"});
    if (auto ok = CheckTenant(*c, (*found)->input.tenant, what); !ok) return Error(ok.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto cancelled = (*crm)->callbacks.Cancel(crm::CallbackId(*id), c->who.user, CommentOf(*body), s.clock.Now());
    if (!cancelled) return Error(cancelled.error());
    return Ok(crm::ToJson(*cancelled));
  });
}

}  // namespace cc::api
