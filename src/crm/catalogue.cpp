#include "crm/catalogue.h"

#include <fmt/format.h>

#include "crm/json_fields.h"

namespace cc::crm {

namespace jf = json_fields;
using nlohmann::json;

json ToJson(const Category& c) {
  return {{"id", c.id.value()},
          {"tenant_id", c.tenant.value()},
          {"name", c.name},
          {"parent_id", c.parent ? json(c.parent->value()) : json(nullptr)}};
}

json ToJson(const Product& p) {
  return {{"id", p.id.value()},
          {"tenant_id", p.tenant.value()},
          {"sku", p.sku},
          {"name", p.name},
          {"description", p.description},
          {"unit", p.unit},
          {"vat_percent", p.vat_percent},
          {"available", p.available},
          {"category_id", p.category ? json(p.category->value()) : json(nullptr)}};
}

namespace {

bool ValidSku(const std::string& sku) {
  if (sku.empty() || sku.size() > 64) return false;
  for (char c : sku) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

core::Result<Product> ProductFromJson(const json& body) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("a product must be a JSON object"));
  Product p;
  auto tenant = jf::Int(body, "tenant_id", 1, 0xFFFFFFFF);
  if (!tenant) return tl::unexpected(tenant.error());
  p.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto sku = jf::Text(body, "sku", 64);
  if (!sku) return tl::unexpected(sku.error());
  if (!ValidSku(*sku)) {
    return tl::unexpected(jf::Invalid(fmt::format(
        "sku \"{}\" may hold only Latin letters, digits, '-', '_' and '.'", *sku)));
  }
  p.sku = *sku;
  auto name = jf::Text(body, "name", 300);
  if (!name) return tl::unexpected(name.error());
  p.name = *name;
  auto description = jf::OptionalText(body, "description", 4000);
  if (!description) return tl::unexpected(description.error());
  p.description = *description;
  auto unit = jf::OptionalText(body, "unit", 20);
  if (!unit) return tl::unexpected(unit.error());
  if (!unit->empty()) p.unit = *unit;
  auto vat = jf::OptionalInt(body, "vat_percent", 0, 100);
  if (!vat) return tl::unexpected(vat.error());
  if (*vat) {
    if (**vat != 0 && **vat != 10 && **vat != 20) {
      return tl::unexpected(jf::Invalid("vat_percent must be 0, 10 or 20"));
    }
    p.vat_percent = static_cast<int>(**vat);
  }
  auto available = jf::Bool(body, "available", true);
  if (!available) return tl::unexpected(available.error());
  p.available = *available;
  auto category = jf::OptionalInt(body, "category_id", 1, INT64_MAX);
  if (!category) return tl::unexpected(category.error());
  if (*category) p.category = CategoryId(static_cast<std::uint64_t>(**category));
  return p;
}

core::Result<Category> CategoryFromJson(const json& body) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("a category must be a JSON object"));
  Category c;
  auto tenant = jf::Int(body, "tenant_id", 1, 0xFFFFFFFF);
  if (!tenant) return tl::unexpected(tenant.error());
  c.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto name = jf::Text(body, "name", 200);
  if (!name) return tl::unexpected(name.error());
  c.name = *name;
  auto parent = jf::OptionalInt(body, "parent_id", 1, INT64_MAX);
  if (!parent) return tl::unexpected(parent.error());
  if (*parent) c.parent = CategoryId(static_cast<std::uint64_t>(**parent));
  return c;
}

}  // namespace cc::crm
