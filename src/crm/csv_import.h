// CSV import and export of customers and products. An import is all or
// nothing: every row is checked first and, if any is wrong, nothing is
// written and the report lists each rejected row with the reason; otherwise
// all rows are written in one transaction.
//
// Customers: kind,name,phones,emails,addresses,note,customer_group_id
//   (several phones, e-mails or addresses separated by ";").
// Products:  sku,name,description,unit,vat_percent,available,category_id
// Columns are found by their header name, in any order; unknown columns are
// an error (a misspelt header would silently drop data).
// Thread-safety: the functions are; the repositories are thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crm/catalogue_repository.h"
#include "crm/customer_repository.h"

namespace cc::crm {

struct RejectedRow {
  int line = 0;  // in the file, the header being line 1
  std::string error;
};

struct ImportReport {
  int imported = 0;
  std::vector<RejectedRow> rejected;  // non-empty: nothing was imported
};

nlohmann::json ToJson(const ImportReport& report);

core::Result<ImportReport> ImportCustomers(CustomerRepository& customers, storage::Database& db,
                                           core::TenantId tenant, std::string_view csv, core::Timestamp now);
core::Result<ImportReport> ImportProducts(CatalogueRepository& catalogue, storage::Database& db,
                                          core::TenantId tenant, std::string_view csv);

std::string CustomersCsv(const std::vector<Customer>& customers);
std::string ProductsCsv(const std::vector<Product>& products);

}  // namespace cc::crm
