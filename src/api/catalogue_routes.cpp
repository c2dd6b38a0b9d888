// The catalogue: categories, products (searched as one types, with today's
// price), price lists, discount rules, promotions, and quotes priced by the
// one quoting function orders use. Reading is for everyone; changing is for
// administrators (docs/rbac.md).
#include <map>
#include <nlohmann/json.hpp>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/util.h"
#include "crm/pricing_json.h"

namespace cc::api {

namespace {

using access::Action;
using core::ErrorCode;
using core::Fail;
using nlohmann::json;

crm::Date Today(const CrmServices& desks, core::Timestamp now) {
  return std::chrono::sys_days(desks.zone.ToLocal(now).date);
}

// Products with what one unit costs today (price list, then discounts and
// promotions for one unit), priced per tenant with one read of the rules.
core::Result<json> WithPrices(CrmServices& desks, const std::vector<crm::Product>& products,
                              core::Timestamp now) {
  std::map<core::TenantId, std::vector<crm::ProductId>> by_tenant;
  for (const auto& p : products) by_tenant[p.tenant].push_back(p.id);
  std::map<core::TenantId, crm::PricingData> data;
  for (const auto& [tenant, ids] : by_tenant) {
    auto pricing = desks.catalogue.PricingFor(tenant, ids);
    if (!pricing) return tl::unexpected(pricing.error());
    data.emplace(tenant, std::move(*pricing));
  }
  json out = json::array();
  const crm::Date today = Today(desks, now);
  for (const auto& p : products) {
    json item = crm::ToJson(p);
    crm::QuoteRequest one;
    one.lines = {{p.id, 1}};
    one.on = today;
    auto quote = crm::QuoteOrder(data.at(p.tenant), one);
    if (quote && !quote->lines.empty()) {
      item["price"] = quote->lines[0].unit_price;
      item["price_today"] = quote->lines[0].total;
      item["adjustments"] = json::array();
      for (const auto& a : quote->lines[0].adjustments)
        item["adjustments"].push_back(crm::ToJson(a));
      item["promotions"] = json::array();
      for (const auto& s : quote->suggestions) {
        item["promotions"].push_back({{"id", s.id.value()}, {"name", s.name}, {"pitch", s.pitch}});
      }
    } else {
      item["price"] = nullptr;
      item["price_error"] = quote ? "not priced" : quote.error().message;
    }
    out.push_back(std::move(item));
  }
  return out;
}

// A rule body for FromJson: without the tenant (the rule is stored under it).
json RuleBody(json body) {
  if (body.is_object()) body.erase("tenant_id");
  return body;
}

template <typename Rule>
json RuleList(const std::vector<Rule>& rules) {
  json out = json::array();
  for (const auto& rule : rules) out.push_back(crm::ToJson(rule));
  return out;
}

}  // namespace

void AddCatalogueRoutes(http::Router& router, ApiServices& s, Guard guard) {
  router.Add("GET", "/api/catalogue/categories",
             CrmRoute(s, guard, Action::kReadCatalogue,
                      [&s, guard](http::Request&, const Caller& c, CrmServices& desks) {
                        auto list = desks.catalogue.Categories(ScopeOf(c.who));
                        if (!list) return Error(list.error());
                        json out = json::array();
                        for (const auto& cat : *list) out.push_back(crm::ToJson(cat));
                        return Ok(out);
                      }));

  router.Add("POST", "/api/catalogue/categories",
             CrmRoute(s, guard, Action::kManageCatalogue,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto tenant = BodyTenant(c, *body);
                        if (!tenant) return Error(tenant.error());
                        (*body)["tenant_id"] = tenant->value();
                        auto category = crm::CategoryFromJson(*body);
                        if (!category) return Error(category.error());
                        auto added = desks.catalogue.AddCategory(*category);
                        if (!added) return Error(added.error());
                        guard.Audit(c, r, "category.create", "category",
                                    std::to_string(added->id.value()), {{"name", added->name}});
                        return Created(crm::ToJson(*added));
                      }));

  router.Add("GET", "/api/catalogue/products",
             CrmRoute(s, guard, Action::kReadCatalogue,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto limit = QueryInt(r, "limit", 20, 1, 200);
                        auto offset = QueryInt(r, "offset", 0, 0, 10'000'000);
                        auto category = QueryId(r, "category_id");
                        if (!limit) return Error(limit.error());
                        if (!offset) return Error(offset.error());
                        if (!category) return Error(category.error());
                        const std::string q(r.Query("q").value_or(""));
                        std::optional<crm::CategoryId> in_category;
                        if (*category) in_category = crm::CategoryId(**category);
                        auto found = q.empty()
                                         ? desks.catalogue.Products(ScopeOf(c.who), in_category,
                                                                    static_cast<int>(*limit),
                                                                    static_cast<int>(*offset))
                                         : desks.catalogue.Search(q, ScopeOf(c.who),
                                                                  static_cast<int>(*limit));
                        if (!found) return Error(found.error());
                        auto priced = WithPrices(desks, *found, s.clock.Now());
                        if (!priced) return Error(priced.error());
                        return Ok(*priced);
                      }));

  router.Add("POST", "/api/catalogue/products",
             CrmRoute(s, guard, Action::kManageCatalogue,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto body = BodyOrEmpty(r);
                        if (!body) return Error(body.error());
                        auto tenant = BodyTenant(c, *body);
                        if (!tenant) return Error(tenant.error());
                        (*body)["tenant_id"] = tenant->value();
                        auto product = crm::ProductFromJson(*body);
                        if (!product) return Error(product.error());
                        auto saved = desks.catalogue.SaveProduct(std::move(*product));
                        if (!saved) return Error(saved.error());
                        guard.Audit(c, r, "product.create", "product",
                                    std::to_string(saved->id.value()), {{"sku", saved->sku}});
                        return Created(crm::ToJson(*saved));
                      }));

  router.Add("GET", "/api/catalogue/products/{id}",
             CrmRoute(s, guard, Action::kReadCatalogue,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto id = PathId(r);
                        if (!id) return Error(id.error());
                        auto found = desks.catalogue.GetProduct(crm::ProductId(*id));
                        if (!found) return Error(found.error());
                        const std::string what = "product " + std::to_string(*id);
                        if (!*found) return Error({ErrorCode::kNotFound, what + " does not exist"});
                        if (auto ok = CheckTenant(c, (*found)->tenant, what); !ok)
                          return Error(ok.error());
                        auto priced = WithPrices(desks, {**found}, s.clock.Now());
                        if (!priced) return Error(priced.error());
                        return Ok((*priced)[0]);
                      }));

  router.Add(
      "PUT", "/api/catalogue/products/{id}",
      CrmRoute(s, guard, Action::kManageCatalogue,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto id = PathId(r);
                 if (!id) return Error(id.error());
                 auto existing = desks.catalogue.GetProduct(crm::ProductId(*id));
                 if (!existing) return Error(existing.error());
                 const std::string what = "product " + std::to_string(*id);
                 if (!*existing) return Error({ErrorCode::kNotFound, what + " does not exist"});
                 if (auto ok = CheckTenant(c, (*existing)->tenant, what); !ok)
                   return Error(ok.error());
                 auto body = BodyOrEmpty(r);
                 if (!body) return Error(body.error());
                 if (!body->is_object())
                   return Error({ErrorCode::kInvalidArgument, "a product must be a JSON object"});
                 (*body)["tenant_id"] = (*existing)->tenant.value();
                 auto product = crm::ProductFromJson(*body);
                 if (!product) return Error(product.error());
                 product->id = (*existing)->id;
                 auto saved = desks.catalogue.SaveProduct(std::move(*product));
                 if (!saved) return Error(saved.error());
                 guard.Audit(c, r, "product.update", "product", std::to_string(saved->id.value()),
                             {{"sku", saved->sku}});
                 return Ok(crm::ToJson(*saved));
               }));

  router.Add("GET", "/api/catalogue/price-lists",
             CrmRoute(s, guard, Action::kReadCatalogue,
                      [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                        auto tenant = QueryTenant(c, r);
                        if (!tenant) return Error(tenant.error());
                        auto lists = desks.catalogue.PriceLists(
                            *tenant, r.Query("prices").value_or("") == "true");
                        if (!lists) return Error(lists.error());
                        return Ok(RuleList(*lists));
                      }));

  auto save_price_list = [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageCatalogue);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto tenant = BodyTenant(*c, *body);
    if (!tenant) return Error(tenant.error());
    auto list = crm::PriceListFromJson(RuleBody(*body));
    if (!list) return Error(list.error());
    const bool create = r.PathParam("id").empty();
    if (!create) {
      auto id = PathId(r);
      if (!id) return Error(id.error());
      list->id = crm::PriceListId(*id);
    } else {
      list->id = crm::PriceListId();
    }
    auto saved = (*crm)->catalogue.SavePriceList(*tenant, std::move(*list));
    if (!saved) return Error(saved.error());
    guard.Audit(*c, r, create ? "price_list.create" : "price_list.update", "price_list",
                std::to_string(saved->id.value()),
                {{"name", saved->name}, {"prices", saved->prices.size()}});
    return create ? Created(crm::ToJson(*saved)) : Ok(crm::ToJson(*saved));
  };
  router.Add("POST", "/api/catalogue/price-lists", save_price_list);
  router.Add("PUT", "/api/catalogue/price-lists/{id}", save_price_list);

  // Discount rules and promotions: the same five routes each.
  struct RuleKind {
    const char* path;
    const char* table;
    const char* noun;
  };
  for (const RuleKind kind :
       {RuleKind{"/api/catalogue/discounts", "crm_discounts", "discount"},
        RuleKind{"/api/catalogue/promotions", "crm_promotions", "promotion"}}) {
    const bool discounts = std::string_view(kind.noun) == "discount";
    router.Add(
        "GET", kind.path,
        CrmRoute(s, guard, Action::kReadCatalogue,
                 [&s, guard, discounts](http::Request& r, const Caller& c, CrmServices& desks) {
                   auto tenant = QueryTenant(c, r);
                   if (!tenant) return Error(tenant.error());
                   if (discounts) {
                     auto rules = desks.catalogue.Discounts(*tenant);
                     return rules ? Ok(RuleList(*rules)) : Error(rules.error());
                   }
                   auto rules = desks.catalogue.Promotions(*tenant);
                   return rules ? Ok(RuleList(*rules)) : Error(rules.error());
                 }));
    auto save = [&s, guard, discounts, kind](http::Request& r) {
      auto c = guard.Require(r, Action::kManageCatalogue);
      if (!c) return Error(c.error());
      auto crm = Crm(s);
      if (!crm) return Error(crm.error());
      auto body = BodyOrEmpty(r);
      if (!body) return Error(body.error());
      auto tenant = BodyTenant(*c, *body);
      if (!tenant) return Error(tenant.error());
      std::uint64_t id = 0;
      if (!r.PathParam("id").empty()) {
        auto path_id = PathId(r);
        if (!path_id) return Error(path_id.error());
        id = *path_id;
      }
      json saved_json;
      std::string name;
      if (discounts) {
        auto rule = crm::DiscountRuleFromJson(RuleBody(*body));
        if (!rule) return Error(rule.error());
        rule->id = crm::DiscountId(id);
        auto saved = (*crm)->catalogue.SaveDiscount(*tenant, std::move(*rule));
        if (!saved) return Error(saved.error());
        saved_json = crm::ToJson(*saved);
        id = saved->id.value();
        name = saved->name;
      } else {
        auto promotion = crm::PromotionFromJson(RuleBody(*body));
        if (!promotion) return Error(promotion.error());
        promotion->id = crm::PromotionId(id);
        auto saved = (*crm)->catalogue.SavePromotion(*tenant, std::move(*promotion));
        if (!saved) return Error(saved.error());
        saved_json = crm::ToJson(*saved);
        id = saved->id.value();
        name = saved->name;
      }
      const bool create = r.method == "POST";
      guard.Audit(*c, r, std::string(kind.noun) + (create ? ".create" : ".update"), kind.noun,
                  std::to_string(id), {{"name", name}});
      return create ? Created(saved_json) : Ok(saved_json);
    };
    router.Add("POST", kind.path, save);
    router.Add("PUT", std::string(kind.path) + "/{id}", save);
    router.Add("DELETE", std::string(kind.path) + "/{id}",
               CrmRoute(s, guard, Action::kManageCatalogue,
                        [&s, guard, kind](http::Request& r, const Caller& c, CrmServices& desks) {
                          auto id = PathId(r);
                          if (!id) return Error(id.error());
                          auto owner = desks.catalogue.RuleTenant(kind.table, *id);
                          if (!owner) return Error(owner.error());
                          const std::string what =
                              std::string(kind.noun) + " " + std::to_string(*id);
                          if (!*owner)
                            return Error({ErrorCode::kNotFound, what + " does not exist"});
                          if (auto ok = CheckTenant(c, **owner, what); !ok)
                            return Error(ok.error());
                          if (auto done = desks.catalogue.DeleteRule(kind.table, *id); !done)
                            return Error(done.error());
                          guard.Audit(c, r, std::string(kind.noun) + ".delete", kind.noun,
                                      std::to_string(*id));
                          return NoContent();
                        }));
  }

  router.Add(
      "POST", "/api/quotes",
      CrmRoute(s, guard, Action::kReadCatalogue,
               [&s, guard](http::Request& r, const Caller& c, CrmServices& desks) {
                 auto body = BodyOrEmpty(r);
                 if (!body) return Error(body.error());
                 auto tenant = BodyTenant(c, *body);
                 if (!tenant) return Error(tenant.error());
                 if (!body->contains("lines") || !(*body)["lines"].is_array()) {
                   return Error({ErrorCode::kInvalidArgument,
                                 "lines must be a list of {\"product_id\", \"quantity\"}"});
                 }
                 std::vector<crm::QuoteLineRequest> lines;
                 for (std::size_t i = 0; i < (*body)["lines"].size(); ++i) {
                   const json& l = (*body)["lines"][i];
                   if (!l.is_object() || !l.contains("product_id") ||
                       !l["product_id"].is_number_unsigned() || !l.contains("quantity") ||
                       !l["quantity"].is_number_integer()) {
                     return Error({ErrorCode::kInvalidArgument,
                                   "lines[" + std::to_string(i) +
                                       "] needs an integer product_id and quantity"});
                   }
                   lines.push_back({crm::ProductId(l["product_id"].get<std::uint64_t>()),
                                    l["quantity"].get<std::int64_t>()});
                 }
                 std::optional<crm::CustomerId> customer;
                 if (body->contains("customer_id") && (*body)["customer_id"].is_number_unsigned()) {
                   customer = crm::CustomerId((*body)["customer_id"].get<std::uint64_t>());
                 }
                 std::optional<crm::Date> on;
                 if (body->contains("on") && (*body)["on"].is_string()) {
                   auto date = crm::ParseDate((*body)["on"].get<std::string>());
                   if (!date) return Error(date.error());
                   on = *date;
                 }
                 auto quote = desks.orders.QuoteLines(*tenant, lines, customer, s.clock.Now(), on);
                 if (!quote) return Error(quote.error());
                 return Ok(crm::ToJson(*quote));
               }));
}

}  // namespace cc::api
