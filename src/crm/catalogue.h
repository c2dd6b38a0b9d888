// The catalogue of one client company: categories and products (SKU, name,
// description, unit, VAT rate, availability). Prices live in price lists and
// discounts and promotions in their rules (pricing.h).
// Thread-safety: value types and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/result.h"
#include "crm/ids.h"

namespace cc::crm {

struct Category {
  CategoryId id;
  core::TenantId tenant;
  std::string name;
  std::optional<CategoryId> parent;
};

struct Product {
  ProductId id;
  core::TenantId tenant;
  std::string sku;
  std::string name;
  std::string description;
  std::string unit = "pcs";
  int vat_percent = 20;
  bool available = true;
  std::optional<CategoryId> category;
};

nlohmann::json ToJson(const Category& category);
nlohmann::json ToJson(const Product& product);

// {"tenant_id","sku","name","description","unit","vat_percent","available","category_id"}.
// SKU: 1-64 letters, digits, '-', '_', '.'; VAT 0, 10 or 20; errors name the field.
core::Result<Product> ProductFromJson(const nlohmann::json& body);
core::Result<Category> CategoryFromJson(const nlohmann::json& body);

}  // namespace cc::crm
