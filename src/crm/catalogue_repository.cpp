#include "crm/catalogue_repository.h"

#include <fmt/format.h>

#include <set>

#include "crm/pricing_json.h"
#include "crm/search_text.h"
#include "crm/sql_util.h"
#include "crm/word_search.h"

namespace cc::crm {

using nlohmann::json;
using storage::Statement;
using storage::Value;

namespace {

constexpr const char* kProductColumns =
    "SELECT id, tenant_id, sku, name, description, unit, vat_percent, available, category_id "
    "FROM crm_products p WHERE 1 = 1";

Value Tenant(core::TenantId t) {
  return static_cast<std::int64_t>(t.value());
}

std::string InList(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

core::Error DuplicateSku(const Product& p) {
  return {core::ErrorCode::kAlreadyExists,
          fmt::format("SKU {} is already used by another product of this tenant", p.sku)};
}

}  // namespace

CatalogueRepository::CatalogueRepository(storage::Database& db)
    : db_(db),
      product_ids_(db, "product"),
      category_ids_(db, "category", 100),
      price_list_ids_(db, "price_list", 100),
      rule_ids_(db, "pricing_rule", 100) {}

core::Result<Category> CatalogueRepository::AddCategory(Category c) {
  auto id = category_ids_.Next();
  if (!id) return tl::unexpected(id.error());
  c.id = CategoryId(*id);
  auto done = db_.Write({{"INSERT INTO crm_categories (id, tenant_id, name, parent_id) VALUES (?, ?, ?, "
                          "CAST(? AS BIGINT))",
                          {sql::Id(*id), Tenant(c.tenant), c.name, sql::OptionalId(c.parent)}}})
                  .get();
  if (!done) return tl::unexpected(done.error());
  return c;
}

core::Result<std::vector<Category>> CatalogueRepository::Categories(const TenantScope& scope) {
  std::vector<Value> params;
  const std::string where = sql::TenantFilter("tenant_id", scope, params);
  auto rows = db_.Query(
      {"SELECT id, tenant_id, name, parent_id FROM crm_categories WHERE 1 = 1" + where + " ORDER BY id",
       std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Category> out;
  for (const storage::Row& r : *rows) {
    Category c;
    c.id = CategoryId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    c.tenant = core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(r, 1)));
    c.name = r.Text(2).value_or("");
    if (!r.IsNull(3)) c.parent = CategoryId(static_cast<std::uint64_t>(sql::IntOr0(r, 3)));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Statement> CatalogueRepository::WordStatements(const Product& p) const {
  std::vector<Statement> out;
  std::vector<std::string> words = SearchWords(p.name);
  for (const std::string& extra : {p.sku, p.description}) {
    for (std::string& w : SearchWords(extra)) {
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
    }
  }
  for (const std::string& w : words) {
    out.push_back({"INSERT INTO crm_product_words (tenant_id, word, product_id) VALUES (?, ?, ?)",
                   {Tenant(p.tenant), w, sql::Id(p.id.value())}});
  }
  return out;
}

core::Result<std::vector<Statement>> CatalogueRepository::CreateProductStatements(Product& p) {
  auto id = product_ids_.Next();
  if (!id) return tl::unexpected(id.error());
  p.id = ProductId(*id);
  std::vector<Statement> out = {
      {"INSERT INTO crm_products (id, tenant_id, sku, name, sort_key, description, unit, vat_percent, available, "
       "category_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS BIGINT))",
       {sql::Id(*id), Tenant(p.tenant), p.sku, p.name, SortKey(p.name), p.description, p.unit,
        std::int64_t{p.vat_percent}, std::int64_t{p.available}, sql::OptionalId(p.category)}}};
  for (Statement& s : WordStatements(p)) out.push_back(std::move(s));
  return out;
}

core::Result<Product> CatalogueRepository::SaveProduct(Product p) {
  auto same_sku = FindSku(p.tenant, p.sku);
  if (!same_sku) return tl::unexpected(same_sku.error());
  if (*same_sku && (*same_sku)->id != p.id) return tl::unexpected(DuplicateSku(p));
  std::vector<Statement> batch;
  if (!p.id.valid()) {
    auto created = CreateProductStatements(p);
    if (!created) return tl::unexpected(created.error());
    batch = std::move(*created);
  } else {
    auto existing = GetProduct(p.id);
    if (!existing) return tl::unexpected(existing.error());
    if (!*existing) {
      return core::Fail(core::ErrorCode::kNotFound, fmt::format("product {} does not exist", p.id.value()));
    }
    p.tenant = (*existing)->tenant;
    const Value id = sql::Id(p.id.value());
    batch = {{"UPDATE crm_products SET sku = ?, name = ?, sort_key = ?, description = ?, unit = ?, vat_percent = ?, "
              "available = ?, category_id = CAST(? AS BIGINT) WHERE id = ?",
              {p.sku, p.name, SortKey(p.name), p.description, p.unit, std::int64_t{p.vat_percent},
               std::int64_t{p.available}, sql::OptionalId(p.category), id}},
             {"DELETE FROM crm_product_words WHERE product_id = ?", {id}}};
    for (Statement& s : WordStatements(p)) batch.push_back(std::move(s));
  }
  auto done = db_.Write(std::move(batch)).get();
  if (!done) {
    // Two writers racing for one SKU: the UNIQUE constraint decides.
    if (done.error().code == core::ErrorCode::kAlreadyExists) return tl::unexpected(DuplicateSku(p));
    return tl::unexpected(done.error());
  }
  return p;
}

core::Result<std::vector<Product>> CatalogueRepository::ReadProducts(const std::string& where,
                                                                     std::vector<Value> params) {
  auto rows = db_.Query({std::string(kProductColumns) + where, std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Product> out;
  for (const storage::Row& r : *rows) {
    Product p;
    p.id = ProductId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    p.tenant = core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(r, 1)));
    p.sku = r.Text(2).value_or("");
    p.name = r.Text(3).value_or("");
    p.description = r.Text(4).value_or("");
    p.unit = r.Text(5).value_or("");
    p.vat_percent = static_cast<int>(sql::IntOr0(r, 6));
    p.available = sql::IntOr0(r, 7) != 0;
    if (!r.IsNull(8)) p.category = CategoryId(static_cast<std::uint64_t>(sql::IntOr0(r, 8)));
    out.push_back(std::move(p));
  }
  return out;
}

core::Result<std::optional<Product>> CatalogueRepository::GetProduct(ProductId id) {
  auto found = ReadProducts(" AND id = ?", {sql::Id(id.value())});
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<Product>();
  return std::optional<Product>(found->front());
}

core::Result<std::optional<Product>> CatalogueRepository::FindSku(core::TenantId tenant, const std::string& sku) {
  auto found = ReadProducts(" AND tenant_id = ? AND sku = ?", {Tenant(tenant), sku});
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<Product>();
  return std::optional<Product>(found->front());
}

core::Result<std::vector<Product>> CatalogueRepository::Products(const TenantScope& scope,
                                                                 std::optional<CategoryId> category,
                                                                 int limit, int offset) {
  std::vector<Value> params;
  std::string where = sql::TenantFilter("tenant_id", scope, params);
  if (category) {
    where += " AND category_id = ?";
    params.push_back(sql::Id(category->value()));
  }
  where += " ORDER BY sort_key, id LIMIT ? OFFSET ?";
  params.push_back(std::int64_t{limit});
  params.push_back(std::int64_t{offset});
  return ReadProducts(where, std::move(params));
}

core::Result<std::vector<Product>> CatalogueRepository::Search(const std::string& query,
                                                               const TenantScope& scope, int limit) {
  auto match = MatchEveryWord(db_, {"crm_product_words", "product_id", "p.id"}, QueryWords(query));
  if (!match) return tl::unexpected(match.error());
  if (match->none) return std::vector<Product>();
  std::vector<Value> params;
  std::string where = sql::TenantFilter("p.tenant_id", scope, params);
  where += match->where;
  for (Value& v : match->params) params.push_back(std::move(v));
  where += " ORDER BY p.sort_key, p.id LIMIT ?";
  params.push_back(std::int64_t{limit});
  return ReadProducts(where, std::move(params));
}

core::Result<PriceList> CatalogueRepository::SavePriceList(core::TenantId tenant, PriceList list) {
  std::vector<Statement> batch;
  if (!list.id.valid()) {
    auto id = price_list_ids_.Next();
    if (!id) return tl::unexpected(id.error());
    list.id = PriceListId(*id);
    batch.push_back({"INSERT INTO crm_price_lists (id, tenant_id, name, valid_from, valid_to, priority) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     {sql::Id(*id), Tenant(tenant), list.name, FormatDate(list.valid_from),
                      list.valid_to ? Value(FormatDate(*list.valid_to)) : Value(nullptr),
                      std::int64_t{list.priority}}});
  } else {
    auto owner = PriceListTenant(list.id);
    if (!owner) return tl::unexpected(owner.error());
    if (!*owner || **owner != tenant) {
      return core::Fail(core::ErrorCode::kNotFound, fmt::format("price list {} does not exist", list.id.value()));
    }
    batch.push_back({"UPDATE crm_price_lists SET name = ?, valid_from = ?, valid_to = ?, priority = ? "
                     "WHERE id = ?",
                     {list.name, FormatDate(list.valid_from),
                      list.valid_to ? Value(FormatDate(*list.valid_to)) : Value(nullptr),
                      std::int64_t{list.priority}, sql::Id(list.id.value())}});
    batch.push_back({"DELETE FROM crm_prices WHERE price_list_id = ?", {sql::Id(list.id.value())}});
  }
  if (!list.prices.empty()) {
    // Every priced product must be the tenant's.
    std::vector<Value> ids;
    for (const auto& [product, price] : list.prices) ids.push_back(sql::Id(product.value()));
    ids.push_back(Tenant(tenant));
    auto rows = db_.Query({"SELECT id FROM crm_products WHERE id IN (" + InList(list.prices.size()) +
                               ") AND tenant_id = ?",
                           std::move(ids)});
    if (!rows) return tl::unexpected(rows.error());
    std::set<std::uint64_t> known;
    for (const storage::Row& r : *rows) known.insert(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    for (const auto& [product, price] : list.prices) {
      if (!known.contains(product.value())) {
        return core::Fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("prices: product {} is not in this tenant's catalogue", product.value()));
      }
      batch.push_back({"INSERT INTO crm_prices (price_list_id, product_id, price) VALUES (?, ?, ?)",
                       {sql::Id(list.id.value()), sql::Id(product.value()), price}});
    }
  }
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  return list;
}

core::Result<std::optional<core::TenantId>> CatalogueRepository::PriceListTenant(PriceListId id) {
  auto rows = db_.Query({"SELECT tenant_id FROM crm_price_lists WHERE id = ?", {sql::Id(id.value())}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<core::TenantId>();
  return std::optional<core::TenantId>(
      core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(rows->front(), 0))));
}

core::Result<std::vector<PriceList>> CatalogueRepository::PriceLists(core::TenantId tenant, bool with_prices) {
  auto rows = db_.Query({"SELECT id, name, valid_from, valid_to, priority FROM crm_price_lists WHERE "
                         "tenant_id = ? ORDER BY valid_from, id",
                         {Tenant(tenant)}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<PriceList> out;
  for (const storage::Row& r : *rows) {
    PriceList list;
    list.id = PriceListId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    list.name = r.Text(1).value_or("");
    auto from = ParseDate(r.Text(2).value_or(""));
    if (!from) return tl::unexpected(from.error());
    list.valid_from = *from;
    if (!r.IsNull(3)) {
      auto to = ParseDate(r.Text(3).value_or(""));
      if (!to) return tl::unexpected(to.error());
      list.valid_to = *to;
    }
    list.priority = static_cast<int>(sql::IntOr0(r, 4));
    out.push_back(std::move(list));
  }
  if (with_prices) {
    for (PriceList& list : out) {
      auto prices = db_.Query({"SELECT product_id, price FROM crm_prices WHERE price_list_id = ?",
                               {sql::Id(list.id.value())}});
      if (!prices) return tl::unexpected(prices.error());
      for (const storage::Row& p : *prices) {
        list.prices[ProductId(static_cast<std::uint64_t>(sql::IntOr0(p, 0)))] = sql::IntOr0(p, 1);
      }
    }
  }
  return out;
}

core::Result<DiscountRule> CatalogueRepository::SaveDiscount(core::TenantId tenant, DiscountRule rule) {
  const bool create = !rule.id.valid();
  if (create) {
    auto id = rule_ids_.Next();
    if (!id) return tl::unexpected(id.error());
    rule.id = DiscountId(*id);
  } else {
    auto owner = RuleTenant("crm_discounts", rule.id.value());
    if (!owner) return tl::unexpected(owner.error());
    if (!*owner || **owner != tenant) {
      return core::Fail(core::ErrorCode::kNotFound, fmt::format("discount {} does not exist", rule.id.value()));
    }
  }
  const std::string definition = ToJson(rule).dump();
  Statement s = create ? Statement{"INSERT INTO crm_discounts (id, tenant_id, definition) VALUES (?, ?, ?)",
                                   {sql::Id(rule.id.value()), Tenant(tenant), definition}}
                       : Statement{"UPDATE crm_discounts SET definition = ? WHERE id = ?",
                                   {definition, sql::Id(rule.id.value())}};
  if (auto done = db_.Write({std::move(s)}).get(); !done) return tl::unexpected(done.error());
  return rule;
}

core::Result<Promotion> CatalogueRepository::SavePromotion(core::TenantId tenant, Promotion promotion) {
  const bool create = !promotion.id.valid();
  if (create) {
    auto id = rule_ids_.Next();
    if (!id) return tl::unexpected(id.error());
    promotion.id = PromotionId(*id);
  } else {
    auto owner = RuleTenant("crm_promotions", promotion.id.value());
    if (!owner) return tl::unexpected(owner.error());
    if (!*owner || **owner != tenant) {
      return core::Fail(core::ErrorCode::kNotFound,
                        fmt::format("promotion {} does not exist", promotion.id.value()));
    }
  }
  const std::string definition = ToJson(promotion).dump();
  Statement s = create ? Statement{"INSERT INTO crm_promotions (id, tenant_id, definition) VALUES (?, ?, ?)",
                                   {sql::Id(promotion.id.value()), Tenant(tenant), definition}}
                       : Statement{"UPDATE crm_promotions SET definition = ? WHERE id = ?",
                                   {definition, sql::Id(promotion.id.value())}};
  if (auto done = db_.Write({std::move(s)}).get(); !done) return tl::unexpected(done.error());
  return promotion;
}

core::Result<std::vector<DiscountRule>> CatalogueRepository::Discounts(core::TenantId tenant) {
  auto rows = db_.Query({"SELECT id, definition FROM crm_discounts WHERE tenant_id = ? ORDER BY id", {Tenant(tenant)}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<DiscountRule> out;
  for (const storage::Row& r : *rows) {
    auto rule = DiscountRuleFromJson(json::parse(r.Text(1).value_or("{}"), nullptr, false));
    if (!rule) return core::Fail(core::ErrorCode::kInternal, "a stored discount is unreadable: " + rule.error().message);
    rule->id = DiscountId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    out.push_back(std::move(*rule));
  }
  return out;
}

core::Result<std::vector<Promotion>> CatalogueRepository::Promotions(core::TenantId tenant) {
  auto rows = db_.Query({"SELECT id, definition FROM crm_promotions WHERE tenant_id = ? ORDER BY id", {Tenant(tenant)}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Promotion> out;
  for (const storage::Row& r : *rows) {
    auto promotion = PromotionFromJson(json::parse(r.Text(1).value_or("{}"), nullptr, false));
    if (!promotion) {
      return core::Fail(core::ErrorCode::kInternal, "a stored promotion is unreadable: " + promotion.error().message);
    }
    promotion->id = PromotionId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    out.push_back(std::move(*promotion));
  }
  return out;
}

core::Result<std::optional<core::TenantId>> CatalogueRepository::RuleTenant(const char* table, std::uint64_t id) {
  auto rows = db_.Query({fmt::format("SELECT tenant_id FROM {} WHERE id = ?", table), {sql::Id(id)}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<core::TenantId>();
  return std::optional<core::TenantId>(
      core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(rows->front(), 0))));
}

core::Status CatalogueRepository::DeleteRule(const char* table, std::uint64_t id) {
  return db_.Write({{fmt::format("DELETE FROM {} WHERE id = ?", table), {sql::Id(id)}}}).get();
}

core::Result<PricingData> CatalogueRepository::PricingFor(core::TenantId tenant,
                                                          const std::vector<ProductId>& wanted) {
  PricingData data;
  auto discounts = Discounts(tenant);
  if (!discounts) return tl::unexpected(discounts.error());
  data.discounts = std::move(*discounts);
  auto promotions = Promotions(tenant);
  if (!promotions) return tl::unexpected(promotions.error());
  data.promotions = std::move(*promotions);

  std::set<std::uint64_t> ids;
  for (ProductId p : wanted) ids.insert(p.value());
  for (const Promotion& p : data.promotions) {
    if (p.gift_product.valid()) ids.insert(p.gift_product.value());
  }
  auto lists = PriceLists(tenant, false);
  if (!lists) return tl::unexpected(lists.error());
  if (ids.empty()) {
    data.price_lists = std::move(*lists);
    return data;
  }
  std::vector<Value> params;
  for (std::uint64_t id : ids) params.push_back(sql::Id(id));
  params.push_back(Tenant(tenant));
  auto products = ReadProducts(" AND id IN (" + InList(ids.size()) + ") AND tenant_id = ?", params);
  if (!products) return tl::unexpected(products.error());
  for (const Product& p : *products) {
    PricedProduct priced{p.id, p.sku, p.name, {}, p.vat_percent, p.available};
    if (p.category) priced.categories.push_back(*p.category);
    data.products.emplace(p.id, std::move(priced));
  }
  params.pop_back();
  params.push_back(Tenant(tenant));
  auto prices = db_.Query({"SELECT x.price_list_id, x.product_id, x.price FROM crm_prices x JOIN "
                           "crm_price_lists l ON l.id = x.price_list_id WHERE x.product_id IN (" +
                               InList(ids.size()) + ") AND l.tenant_id = ?",
                           std::move(params)});
  if (!prices) return tl::unexpected(prices.error());
  std::map<std::uint64_t, std::size_t> list_index;
  for (std::size_t i = 0; i < lists->size(); ++i) list_index[(*lists)[i].id.value()] = i;
  for (const storage::Row& r : *prices) {
    auto it = list_index.find(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    if (it == list_index.end()) continue;
    (*lists)[it->second].prices[ProductId(static_cast<std::uint64_t>(sql::IntOr0(r, 1)))] = sql::IntOr0(r, 2);
  }
  data.price_lists = std::move(*lists);
  return data;
}

}  // namespace cc::crm
