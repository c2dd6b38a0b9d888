// CSV import (all or nothing, with a report of each rejected row) and CSV or
// JSON export of customers and products. Request bodies are limited by the
// server's body limit (1 MiB by default: about 5,000 customers per file).
#include <nlohmann/json.hpp>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/util.h"
#include "crm/csv_import.h"

namespace cc::api {

namespace {

using access::Action;
using core::ErrorCode;
using nlohmann::json;

http::Response ImportAnswer(const crm::ImportReport& report) {
  if (report.rejected.empty()) return Ok(crm::ToJson(report));
  json problem = {
      {"type", "about:blank"},
      {"title", "Bad Request"},
      {"status", 400},
      {"detail",
       std::to_string(report.rejected.size()) +
           " row(s) rejected; nothing was imported. Fix them and send the whole file again."}};
  problem["rejected"] = crm::ToJson(report)["rejected"];
  http::Response r = http::Json(400, problem);
  r.content_type = "application/problem+json";
  return r;
}

bool WantsCsv(const http::Request& r) {
  return r.Query("format").value_or("csv") != "json";
}

http::Response CsvFile(std::string body, const std::string& name) {
  http::Response r = http::Text(200, std::move(body));
  r.content_type = "text/csv; charset=utf-8";
  r.headers.Set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

}  // namespace

void AddImportRoutes(http::Router& router, ApiServices& s, Guard guard) {
  router.Add("POST", "/api/import/customers",
             CrmRoute(s, guard, Action::kManageCustomers,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto tenant = QueryTenant(c, r);
                        if (!tenant) return Error(tenant.error());
                        auto report = crm::ImportCustomers(desks.customers, desks.db, *tenant,
                                                           r.body, s.clock.Now());
                        if (!report) return Error(report.error());
                        if (report->rejected.empty()) {
                          guard.Audit(c, r, "customers.import", "tenant",
                                      std::to_string(tenant->value()),
                                      {{"imported", report->imported}});
                        }
                        return ImportAnswer(*report);
                      }));

  router.Add(
      "POST", "/api/import/products",
      CrmRoute(s, guard, Action::kManageCatalogue,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto tenant = QueryTenant(c, r);
                 if (!tenant) return Error(tenant.error());
                 auto report = crm::ImportProducts(desks.catalogue, desks.db, *tenant, r.body);
                 if (!report) return Error(report.error());
                 if (report->rejected.empty()) {
                   guard.Audit(c, r, "products.import", "tenant", std::to_string(tenant->value()),
                               {{"imported", report->imported}});
                 }
                 return ImportAnswer(*report);
               }));

  router.Add("GET", "/api/export/customers",
             CrmRoute(s, guard, Action::kManagePersonalData,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto tenant = QueryTenant(c, r);
                        if (!tenant) return Error(tenant.error());
                        std::vector<crm::Customer> all;
                        for (int offset = 0;; offset += 500) {
                          auto page =
                              desks.customers.List(crm::TenantScope::Only({*tenant}), 500, offset);
                          if (!page) return Error(page.error());
                          for (const auto& summary : *page) {
                            auto customer = desks.customers.Get(summary.id);
                            if (!customer) return Error(customer.error());
                            if (*customer) all.push_back(std::move(**customer));
                          }
                          if (page->size() < 500) break;
                        }
                        guard.Audit(c, r, "customers.export", "tenant",
                                    std::to_string(tenant->value()), {{"customers", all.size()}});
                        if (WantsCsv(r)) return CsvFile(crm::CustomersCsv(all), "customers.csv");
                        json out = json::array();
                        for (const auto& customer : all) out.push_back(crm::ToJson(customer));
                        return Ok(out);
                      }));

  router.Add("GET", "/api/export/products",
             CrmRoute(s, guard, Action::kReadCatalogue,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto tenant = QueryTenant(c, r);
                        if (!tenant) return Error(tenant.error());
                        std::vector<crm::Product> all;
                        for (int offset = 0;; offset += 1000) {
                          auto page = desks.catalogue.Products(crm::TenantScope::Only({*tenant}),
                                                               std::nullopt, 1000, offset);
                          if (!page) return Error(page.error());
                          all.insert(all.end(), page->begin(), page->end());
                          if (page->size() < 1000) break;
                        }
                        if (WantsCsv(r)) return CsvFile(crm::ProductsCsv(all), "products.csv");
                        json out = json::array();
                        for (const auto& p : all) out.push_back(crm::ToJson(p));
                        return Ok(out);
                      }));
}

}  // namespace cc::api
