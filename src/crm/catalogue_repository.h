// The catalogue on storage: categories, products with their search words,
// price lists with their prices, discount rules and promotions (stored as
// their JSON definitions), and the pricing data a quote needs.
// Thread-safety: every method may be called from any thread; writes return
// once durable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "crm/catalogue.h"
#include "crm/pricing.h"
#include "crm/tenant_scope.h"
#include "storage/database.h"
#include "storage/id_allocator.h"

namespace cc::crm {

class CatalogueRepository {
 public:
  explicit CatalogueRepository(storage::Database& db);

  core::Result<Category> AddCategory(Category category);
  core::Result<std::vector<Category>> Categories(const TenantScope& scope);

  // Creates the product when its id is 0, else replaces it (same tenant).
  // A SKU already used in the tenant is kAlreadyExists.
  core::Result<Product> SaveProduct(Product product);
  // The statements creating `product` (id allocated here), for all-or-nothing imports.
  core::Result<std::vector<storage::Statement>> CreateProductStatements(Product& product);
  core::Result<std::optional<Product>> GetProduct(ProductId id);
  core::Result<std::optional<Product>> FindSku(core::TenantId tenant, const std::string& sku);
  core::Result<std::vector<Product>> Products(const TenantScope& scope, std::optional<CategoryId> category,
                                              int limit, int offset);
  // Products whose words start with every query word (name, SKU, description).
  core::Result<std::vector<Product>> Search(const std::string& query, const TenantScope& scope,
                                            int limit);

  // Creates (id 0) or replaces a price list with all its prices.
  core::Result<PriceList> SavePriceList(core::TenantId tenant, PriceList list);
  // The lists of a tenant; prices included only when `with_prices`.
  core::Result<std::vector<PriceList>> PriceLists(core::TenantId tenant, bool with_prices);
  core::Result<std::optional<core::TenantId>> PriceListTenant(PriceListId id);

  core::Result<DiscountRule> SaveDiscount(core::TenantId tenant, DiscountRule rule);
  core::Result<std::vector<DiscountRule>> Discounts(core::TenantId tenant);
  core::Result<Promotion> SavePromotion(core::TenantId tenant, Promotion promotion);
  core::Result<std::vector<Promotion>> Promotions(core::TenantId tenant);
  // Which tenant a rule belongs to (to check access before a change); nullopt: no such rule.
  core::Result<std::optional<core::TenantId>> RuleTenant(const char* table, std::uint64_t id);
  core::Status DeleteRule(const char* table, std::uint64_t id);

  // What QuoteOrder needs to price these products for the tenant: the
  // products (and promotions' gifts), the prices of every price list for
  // them, all discount rules and promotions. Products of other tenants are left out.
  core::Result<PricingData> PricingFor(core::TenantId tenant, const std::vector<ProductId>& products);

 private:
  std::vector<storage::Statement> WordStatements(const Product& p) const;
  core::Result<std::vector<Product>> ReadProducts(const std::string& where,
                                                  std::vector<storage::Value> params);
  storage::Database& db_;
  storage::IdAllocator product_ids_;
  storage::IdAllocator category_ids_;
  storage::IdAllocator price_list_ids_;
  storage::IdAllocator rule_ids_;
};

}  // namespace cc::crm
