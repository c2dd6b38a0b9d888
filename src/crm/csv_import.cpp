#include "crm/csv_import.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "crm/csv.h"

namespace cc::crm {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxRows = 100'000;

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ";") {
    if (c == ';') {
      const auto b = item.find_first_not_of(' ');
      const auto e = item.find_last_not_of(' ');
      if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
      item.clear();
    } else {
      item.push_back(c);
    }
  }
  return out;
}

// The header's columns by name; unknown or repeated names are an error.
core::Result<std::map<std::string, std::size_t>> Columns(const CsvRow& header,
                                                         const std::vector<std::string>& known,
                                                         const std::vector<std::string>& required) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name = header[i];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        fmt::format("line 1: unknown column \"{}\"; the columns are {}", header[i], list));
    }
    if (!columns.emplace(name, i).second) {
      return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("line 1: column \"{}\" appears twice", name));
    }
  }
  for (const auto& r : required) {
    if (!columns.contains(r)) {
      return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("line 1: the column \"{}\" is required", r));
    }
  }
  return columns;
}

core::Result<std::vector<CsvRow>> Rows(std::string_view csv) {
  auto rows = ParseCsv(csv);
  if (!rows) return rows;
  if (rows->empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "the file is empty; it needs a header line");
  if (rows->size() - 1 > kMaxRows) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("the file has {} rows; at most {} per import", rows->size() - 1, kMaxRows));
  }
  return rows;
}

std::string Cell(const CsvRow& row, const std::map<std::string, std::size_t>& columns, const std::string& name) {
  auto it = columns.find(name);
  if (it == columns.end() || it->second >= row.size()) return "";
  return row[it->second];
}

// A report line number: the record's index + 1 (the header is line 1).
int LineOf(std::size_t index) { return static_cast<int>(index) + 1; }

}  // namespace

json ToJson(const ImportReport& report) {
  json rejected = json::array();
  for (const auto& r : report.rejected) rejected.push_back({{"line", r.line}, {"error", r.error}});
  return {{"imported", report.imported}, {"rejected", rejected}};
}

core::Result<ImportReport> ImportCustomers(CustomerRepository& customers, storage::Database& db,
                                           core::TenantId tenant, std::string_view csv, core::Timestamp now) {
  auto rows = Rows(csv);
  if (!rows) return tl::unexpected(rows.error());
  auto columns = Columns((*rows)[0], {"kind", "name", "phones", "emails", "addresses", "note", "customer_group_id"},
                         {"name"});
  if (!columns) return tl::unexpected(columns.error());
  ImportReport report;
  std::vector<Customer> parsed;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const CsvRow& row = (*rows)[i];
    if (row.size() > (*rows)[0].size()) {
      report.rejected.push_back({LineOf(i), fmt::format("{} fields, the header has {}", row.size(), (*rows)[0].size())});
      continue;
    }
    json body = {{"tenant_id", tenant.value()},
                 {"name", Cell(row, *columns, "name")},
                 {"phones", SplitList(Cell(row, *columns, "phones"))},
                 {"emails", SplitList(Cell(row, *columns, "emails"))},
                 {"addresses", SplitList(Cell(row, *columns, "addresses"))},
                 {"note", Cell(row, *columns, "note")}};
    if (auto kind = Cell(row, *columns, "kind"); !kind.empty()) body["kind"] = kind;
    if (auto group = Cell(row, *columns, "customer_group_id"); !group.empty()) {
      try {
        body["customer_group_id"] = std::stoll(group);
      } catch (const std::exception&) {
        report.rejected.push_back({LineOf(i), fmt::format("customer_group_id \"{}\" is not a number", group)});
        continue;
      }
    }
    auto customer = CustomerFromJson(body);
    if (!customer) {
      report.rejected.push_back({LineOf(i), customer.error().message});
      continue;
    }
    parsed.push_back(std::move(*customer));
  }
  if (!report.rejected.empty()) return report;
  std::vector<storage::Statement> batch;
  for (Customer& c : parsed) {
    auto statements = customers.CreateStatements(c, now);
    if (!statements) return tl::unexpected(statements.error());
    for (auto& s : *statements) batch.push_back(std::move(s));
  }
  if (auto done = db.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  report.imported = static_cast<int>(parsed.size());
  return report;
}

core::Result<ImportReport> ImportProducts(CatalogueRepository& catalogue, storage::Database& db,
                                          core::TenantId tenant, std::string_view csv) {
  auto rows = Rows(csv);
  if (!rows) return tl::unexpected(rows.error());
  auto columns = Columns((*rows)[0], {"sku", "name", "description", "unit", "vat_percent", "available", "category_id"},
                         {"sku", "name"});
  if (!columns) return tl::unexpected(columns.error());
  auto categories = catalogue.Categories(TenantScope::Only({tenant}));
  if (!categories) return tl::unexpected(categories.error());
  std::set<std::uint64_t> known_categories;
  for (const auto& c : *categories) known_categories.insert(c.id.value());
  ImportReport report;
  std::vector<Product> parsed;
  std::map<std::string, int> sku_line;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const CsvRow& row = (*rows)[i];
    if (row.size() > (*rows)[0].size()) {
      report.rejected.push_back({LineOf(i), fmt::format("{} fields, the header has {}", row.size(), (*rows)[0].size())});
      continue;
    }
    json body = {{"tenant_id", tenant.value()},
                 {"sku", Cell(row, *columns, "sku")},
                 {"name", Cell(row, *columns, "name")},
                 {"description", Cell(row, *columns, "description")},
                 {"unit", Cell(row, *columns, "unit")}};
    std::string problem;
    if (auto vat = Cell(row, *columns, "vat_percent"); !vat.empty()) {
      if (vat == "0" || vat == "10" || vat == "20") {
        body["vat_percent"] = std::stoi(vat);
      } else {
        problem = fmt::format("vat_percent \"{}\" must be 0, 10 or 20", vat);
      }
    }
    if (auto available = Cell(row, *columns, "available"); !available.empty()) {
      if (available == "yes" || available == "true" || available == "1") {
        body["available"] = true;
      } else if (available == "no" || available == "false" || available == "0") {
        body["available"] = false;
      } else {
        problem = fmt::format("available \"{}\" must be yes or no", available);
      }
    }
    if (auto category = Cell(row, *columns, "category_id"); !category.empty()) {
      std::uint64_t id = 0;
      try {
        id = std::stoull(category);
      } catch (const std::exception&) {
      }
      if (!known_categories.contains(id)) {
        problem = fmt::format("category_id \"{}\" is not a category of this tenant", category);
      } else {
        body["category_id"] = id;
      }
    }
    if (!problem.empty()) {
      report.rejected.push_back({LineOf(i), problem});
      continue;
    }
    auto product = ProductFromJson(body);
    if (!product) {
      report.rejected.push_back({LineOf(i), product.error().message});
      continue;
    }
    if (auto [it, fresh] = sku_line.emplace(product->sku, LineOf(i)); !fresh) {
      report.rejected.push_back({LineOf(i), fmt::format("SKU {} is already on line {}", product->sku, it->second)});
      continue;
    }
    auto existing = catalogue.FindSku(tenant, product->sku);
    if (!existing) return tl::unexpected(existing.error());
    if (*existing) {
      report.rejected.push_back({LineOf(i), fmt::format("SKU {} is already in the catalogue", product->sku)});
      continue;
    }
    parsed.push_back(std::move(*product));
  }
  if (!report.rejected.empty()) return report;
  std::vector<storage::Statement> batch;
  for (Product& p : parsed) {
    auto statements = catalogue.CreateProductStatements(p);
    if (!statements) return tl::unexpected(statements.error());
    for (auto& s : *statements) batch.push_back(std::move(s));
  }
  if (auto done = db.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  report.imported = static_cast<int>(parsed.size());
  return report;
}

std::string CustomersCsv(const std::vector<Customer>& customers) {
  std::string out = CsvLine({"id", "kind", "name", "phones", "emails", "addresses", "note", "customer_group_id"});
  auto join = [](const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : "; ") + i;
    return s;
  };
  for (const Customer& c : customers) {
    std::vector<std::string> phones;
    for (const auto& p : c.phones) phones.push_back(p.number);
    out += CsvLine({std::to_string(c.id.value()), std::string(ToString(c.kind)), c.name, join(phones), join(c.emails),
                    join(c.addresses), c.note, c.group ? std::to_string(c.group->value()) : ""});
  }
  return out;
}

std::string ProductsCsv(const std::vector<Product>& products) {
  std::string out = CsvLine({"id", "sku", "name", "description", "unit", "vat_percent", "available", "category_id"});
  for (const Product& p : products) {
    out += CsvLine({std::to_string(p.id.value()), p.sku, p.name, p.description, p.unit, std::to_string(p.vat_percent),
                    p.available ? "yes" : "no", p.category ? std::to_string(p.category->value()) : ""});
  }
  return out;
}

}  // namespace cc::crm
