// The JSON forms of pricing: documents field by field, round trips, and
// every rejection with the message an API client would see.
#include "crm/pricing_json.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

using nlohmann::json;

Date D(const char* text) {
  return *ParseDate(text);
}

// A valid document changed by `patch` (RFC 7386: null removes a field).
json Patched(json base, const json& patch) {
  base.merge_patch(patch);
  return base;
}

struct Rejection {
  json patch;
  std::string message;
};

template <typename Parse>
void ExpectRejections(const json& base, const std::vector<Rejection>& cases, Parse parse) {
  ASSERT_TRUE(parse(base)) << parse(base).error().message;
  for (const Rejection& c : cases) {
    json doc = c.patch.is_object() ? Patched(base, c.patch) : c.patch;
    auto parsed = parse(doc);
    ASSERT_FALSE(parsed) << doc.dump();
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument) << doc.dump();
    EXPECT_EQ(parsed.error().message, c.message) << doc.dump();
  }
}

// --- Discount rules --------------------------------------------------------

DiscountRule TeaWeek() {
  DiscountRule rule;
  rule.id = DiscountId(7);
  rule.name = "Tea week";
  rule.valid_from = D("2026-11-01");
  rule.valid_to = D("2026-11-30");
  rule.kind = DiscountKind::kPercent;
  rule.percent_bp = 1000;
  rule.target = DiscountTarget::kProduct;
  rule.product = ProductId(1);
  rule.customer_group = CustomerGroupId(100);
  rule.min_quantity = 2;
  return rule;
}

TEST(DiscountRuleJson, WritesTheFieldsOfItsKindAndTarget) {
  EXPECT_EQ(ToJson(TeaWeek()), json::parse(R"({
    "id": 7, "name": "Tea week", "valid_from": "2026-11-01", "valid_to": "2026-11-30",
    "kind": "percent", "percent_bp": 1000, "target": "product", "product_id": 1,
    "customer_group_id": 100, "min_quantity": 2, "min_order_total": 0})"));

  DiscountRule order;
  order.id = DiscountId(8);
  order.name = "Order over 5 000.00 ₽";
  order.valid_from = D("2026-01-01");
  order.kind = DiscountKind::kAmount;
  order.amount = 500'00;
  order.target = DiscountTarget::kOrder;
  order.min_order_total = 5'000'00;
  EXPECT_EQ(ToJson(order), json::parse(R"({
    "id": 8, "name": "Order over 5 000.00 ₽", "valid_from": "2026-01-01", "valid_to": null,
    "kind": "amount", "amount": 50000, "target": "order", "customer_group_id": 0,
    "min_order_total": 500000})"));
}

TEST(DiscountRuleJson, RoundTripsEveryKindAndTarget) {
  DiscountRule category = TeaWeek();
  category.target = DiscountTarget::kCategory;
  category.product = ProductId();
  category.category = CategoryId(10);
  DiscountRule group = TeaWeek();
  group.target = DiscountTarget::kCustomerGroup;
  group.product = ProductId();
  group.kind = DiscountKind::kAmount;
  group.percent_bp = 0;
  group.amount = 50'00;
  group.valid_to.reset();
  DiscountRule order = TeaWeek();
  order.target = DiscountTarget::kOrder;
  order.product = ProductId();
  order.min_quantity = 0;
  order.min_order_total = 3'000'00;
  for (const DiscountRule& rule : {TeaWeek(), category, group, order}) {
    auto parsed = DiscountRuleFromJson(ToJson(rule));
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(ToJson(*parsed), ToJson(rule));
    EXPECT_EQ(parsed->id, rule.id);
    EXPECT_EQ(parsed->kind, rule.kind);
    EXPECT_EQ(parsed->target, rule.target);
    EXPECT_EQ(parsed->valid_to, rule.valid_to);
    EXPECT_EQ(parsed->customer_group, rule.customer_group);
  }
}

TEST(DiscountRuleJson, OptionalFieldsMayBeAbsentNullOrZero) {
  auto rule = DiscountRuleFromJson(json::parse(R"({
    "name": " Tea week ", "valid_from": "2026-11-01", "valid_to": null, "kind": "percent",
    "percent_bp": 1000, "amount": 0, "target": "category", "category_id": 10,
    "product_id": 0})"));
  ASSERT_TRUE(rule) << rule.error().message;
  EXPECT_EQ(rule->name, "Tea week");
  EXPECT_FALSE(rule->id.valid());
  EXPECT_FALSE(rule->valid_to);
  EXPECT_EQ(rule->category, CategoryId(10));
  EXPECT_FALSE(rule->product.valid());
  EXPECT_FALSE(rule->customer_group.valid());
  EXPECT_EQ(rule->min_quantity, 0);
  EXPECT_EQ(rule->min_order_total, 0);
}

TEST(DiscountRuleJson, RejectsNamingTheField) {
  const json base = json::parse(R"({
    "name": "Tea week", "valid_from": "2026-11-01", "valid_to": "2026-11-30",
    "kind": "percent", "percent_bp": 1000, "target": "product", "product_id": 1})");
  ExpectRejections(
      base,
      {
          {json::array(), "a discount rule must be a JSON object"},
          {"text", "a discount rule must be a JSON object"},
          {{{"name", nullptr}}, "name is required"},
          {{{"name", "  "}}, "name must not be empty"},
          {{{"name", 5}}, "name must be a string"},
          {{{"name", std::string(501, 'x')}}, "name is longer than 500 bytes"},
          {{{"id", -1}}, "id must be between 0 and 9223372036854775807"},
          {{{"id", 18446744073709551615u}}, "id must be between 0 and 9223372036854775807"},
          {{{"valid_from", nullptr}}, "valid_from is required"},
          {{{"valid_from", "2026-02-30"}},
           "valid_from: '2026-02-30' is not a date (write YYYY-MM-DD, e.g. 2026-11-27)"},
          {{{"valid_to", 20261130}}, "valid_to must be a date string YYYY-MM-DD"},
          {{{"valid_to", "2026-10-31"}}, "valid_to is before valid_from"},
          {{{"kind", nullptr}}, "kind is required"},
          {{{"kind", 1}}, "kind must be a string"},
          {{{"kind", "x"}}, "unknown kind \"x\"; expected percent or amount"},
          {{{"kind", "Percent"}}, "unknown kind \"Percent\"; expected percent or amount"},
          {{{"percent_bp", nullptr}}, "percent_bp is required"},
          {{{"percent_bp", 0}}, "percent_bp must be between 1 and 10000"},
          {{{"percent_bp", 10001}}, "percent_bp must be between 1 and 10000"},
          {{{"percent_bp", "10"}}, "percent_bp must be an integer"},
          {{{"percent_bp", 10.5}}, "percent_bp must be an integer"},
          {{{"amount", 500}}, "amount applies only to kind amount"},
          {{{"kind", "amount"}, {"percent_bp", nullptr}}, "amount is required"},
          {{{"kind", "amount"}, {"percent_bp", nullptr}, {"amount", 0}},
           "amount must be between 1 and 1000000000000000"},
          {{{"kind", "amount"}, {"amount", 500}}, "percent_bp applies only to kind percent"},
          {{{"target", "brand"}},
           "unknown target \"brand\"; expected product, category, customer_group or order"},
          {{{"target", nullptr}}, "target is required"},
          {{{"product_id", nullptr}}, "product_id is required"},
          {{{"product_id", 0}}, "product_id is required"},
          {{{"product_id", -1}}, "product_id must be between 0 and 9223372036854775807"},
          {{{"category_id", 10}}, "category_id applies only to target category"},
          {{{"target", "category"}, {"category_id", 10}},
           "product_id applies only to target product"},
          {{{"target", "category"}, {"product_id", nullptr}}, "category_id is required"},
          {{{"target", "customer_group"}, {"product_id", nullptr}},
           "customer_group_id is required"},
          {{{"target", "customer_group"}, {"customer_group_id", 100}},
           "product_id applies only to target product"},
          {{{"target", "order"}, {"product_id", nullptr}, {"min_quantity", 2}},
           "min_quantity applies only to line rules (targets product, category, customer_group)"},
          {{{"customer_group_id", "gold"}}, "customer_group_id must be an integer"},
          {{{"min_quantity", -1}}, "min_quantity must be between 0 and 1000000"},
          {{{"min_order_total", -1}}, "min_order_total must be between 0 and 1000000000000000"},
          {{{"valid_too", "2026-12-01"}}, "unknown field \"valid_too\""},
      },
      DiscountRuleFromJson);
}

// --- Promotions ------------------------------------------------------------

Promotion ThreeForTwo() {
  Promotion p;
  p.id = PromotionId(1);
  p.name = "3 for 2";
  p.pitch = "Buy 3 teas, pay for 2";
  p.valid_from = D("2026-11-01");
  p.valid_to = D("2026-11-30");
  p.kind = PromotionKind::kBuyXPayY;
  p.category = CategoryId(10);
  p.buy = 3;
  p.pay = 2;
  return p;
}

Promotion MugGift() {
  Promotion p;
  p.id = PromotionId(2);
  p.name = "Gift over 3 000.00 ₽";
  p.pitch = "A free mug with orders over 3 000 ₽";
  p.valid_from = D("2026-11-01");
  p.kind = PromotionKind::kGiftOverTotal;
  p.min_order_total = 3'000'00;
  p.gift_product = ProductId(3);
  p.gift_quantity = 2;
  return p;
}

TEST(PromotionJson, WritesTheFieldsOfItsKind) {
  EXPECT_EQ(ToJson(ThreeForTwo()), json::parse(R"({
    "id": 1, "name": "3 for 2", "pitch": "Buy 3 teas, pay for 2", "valid_from": "2026-11-01",
    "valid_to": "2026-11-30", "kind": "buy_x_pay_y", "product_id": 0, "category_id": 10,
    "buy": 3, "pay": 2})"));
  EXPECT_EQ(ToJson(MugGift()), json::parse(R"({
    "id": 2, "name": "Gift over 3 000.00 ₽", "pitch": "A free mug with orders over 3 000 ₽",
    "valid_from": "2026-11-01", "valid_to": null, "kind": "gift_over_total",
    "min_order_total": 300000, "gift_product_id": 3, "gift_quantity": 2})"));
}

TEST(PromotionJson, RoundTripsBothKinds) {
  for (const Promotion& p : {ThreeForTwo(), MugGift()}) {
    auto parsed = PromotionFromJson(ToJson(p));
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(ToJson(*parsed), ToJson(p));
    EXPECT_EQ(parsed->kind, p.kind);
    EXPECT_EQ(parsed->pitch, p.pitch);
  }
  auto defaults = PromotionFromJson(json::parse(R"({
    "name": "Mug", "valid_from": "2026-11-01", "kind": "gift_over_total",
    "min_order_total": 0, "gift_product_id": 3})"));
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->gift_quantity, 1);
  EXPECT_EQ(defaults->pitch, "");
}

TEST(PromotionJson, RejectsBuyXPayYNamingTheField) {
  const json base = json::parse(R"({
    "name": "3 for 2", "pitch": "Buy 3 teas, pay for 2", "valid_from": "2026-11-01",
    "kind": "buy_x_pay_y", "product_id": 1, "buy": 3, "pay": 2})");
  ExpectRejections(
      base,
      {
          {json::array(), "a promotion must be a JSON object"},
          {{{"name", nullptr}}, "name is required"},
          {{{"pitch", 1}}, "pitch must be a string"},
          {{{"pitch", std::string(2001, 'x')}}, "pitch is longer than 2000 bytes"},
          {{{"valid_from", "27.11.2026"}},
           "valid_from: '27.11.2026' is not a date (write YYYY-MM-DD, e.g. 2026-11-27)"},
          {{{"valid_to", "2026-10-01"}}, "valid_to is before valid_from"},
          {{{"kind", "bogo"}}, "unknown kind \"bogo\"; expected buy_x_pay_y or gift_over_total"},
          {{{"buy", 2}, {"pay", 2}}, "buy must be greater than pay"},
          {{{"buy", 2}, {"pay", 3}}, "buy must be greater than pay"},
          {{{"pay", 0}}, "pay must be between 1 and 1000000"},
          {{{"buy", nullptr}}, "buy is required"},
          {{{"buy", 1'000'001}}, "buy must be between 1 and 1000000"},
          {{{"pay", nullptr}}, "pay is required"},
          {{{"product_id", nullptr}}, "buy_x_pay_y needs product_id or category_id"},
          {{{"category_id", 10}}, "buy_x_pay_y takes product_id or category_id, not both"},
          {{{"gift_product_id", 3}}, "gift_product_id applies only to kind gift_over_total"},
          {{{"gift_quantity", 1}}, "gift_quantity applies only to kind gift_over_total"},
          {{{"min_order_total", 100}}, "min_order_total applies only to kind gift_over_total"},
          {{{"extra", 1}}, "unknown field \"extra\""},
      },
      PromotionFromJson);
}

TEST(PromotionJson, RejectsGiftOverTotalNamingTheField) {
  const json base = json::parse(R"({
    "name": "Gift over 3 000.00 ₽", "valid_from": "2026-11-01", "kind": "gift_over_total",
    "min_order_total": 300000, "gift_product_id": 3})");
  ExpectRejections(
      base,
      {
          {{{"gift_product_id", nullptr}}, "gift_product_id is required"},
          {{{"gift_product_id", "MUG-01"}}, "gift_product_id must be an integer"},
          {{{"gift_quantity", 0}}, "gift_quantity must be between 1 and 1000000"},
          {{{"min_order_total", nullptr}}, "min_order_total is required"},
          {{{"min_order_total", -5}}, "min_order_total must be between 0 and 1000000000000000"},
          {{{"buy", 3}}, "buy applies only to kind buy_x_pay_y"},
          {{{"product_id", 1}}, "product_id applies only to kind buy_x_pay_y"},
      },
      PromotionFromJson);
}

// --- Price lists -----------------------------------------------------------

TEST(PriceListJson, WritesPricesInProductOrderAndRoundTrips) {
  PriceList list;
  list.id = PriceListId(3);
  list.name = "Autumn 2026";
  list.valid_from = D("2026-09-01");
  list.valid_to = D("2026-10-31");
  list.priority = -2;
  list.prices = {{ProductId(2), 400'00}, {ProductId(1), 500'00}, {ProductId(9), 0}};
  json j = ToJson(list);
  EXPECT_EQ(j, json::parse(R"({
    "id": 3, "name": "Autumn 2026", "valid_from": "2026-09-01", "valid_to": "2026-10-31",
    "priority": -2, "prices": [{"product_id": 1, "price": 50000},
                               {"product_id": 2, "price": 40000},
                               {"product_id": 9, "price": 0}]})"));
  auto parsed = PriceListFromJson(j);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->prices, list.prices);
  EXPECT_EQ(parsed->priority, -2);
  EXPECT_EQ(ToJson(*parsed), j);

  auto bare = PriceListFromJson(json::parse(R"({"name": "Empty", "valid_from": "2026-01-01"})"));
  ASSERT_TRUE(bare) << bare.error().message;
  EXPECT_TRUE(bare->prices.empty());
  EXPECT_EQ(bare->priority, 0);
  EXPECT_FALSE(bare->valid_to);
}

TEST(PriceListJson, RejectsNamingTheField) {
  const json base = json::parse(R"({
    "name": "Base 2026", "valid_from": "2026-01-01", "priority": 0,
    "prices": [{"product_id": 1, "price": 50000}]})");
  ExpectRejections(
      base,
      {
          {json(nullptr), "a price list must be a JSON object"},
          {{{"name", ""}}, "name must not be empty"},
          {{{"valid_to", "2025-12-31"}}, "valid_to is before valid_from"},
          {{{"priority", 1.5}}, "priority must be an integer"},
          {{{"priority", 2'000'000}}, "priority must be between -1000000 and 1000000"},
          {{{"prices", json::object({{"1", 5}})}}, "prices must be an array"},
          {{{"prices", {5}}}, "prices[0] must be a JSON object"},
          {{{"prices", {{{"product_id", 1}, {"price", -1}}}}},
           "prices[0].price must be between 0 and 1000000000000000"},
          {{{"prices", {{{"product_id", 1}}}}}, "prices[0].price is required"},
          {{{"prices", {{{"price", 1}}}}}, "prices[0].product_id is required"},
          {{{"prices", {{{"product_id", 1}, {"price", 1}}, {{"product_id", 1}, {"price", 2}}}}},
           "prices[1].product_id 1 is listed twice"},
          {{{"prices", {{{"product_id", 1}, {"price", 1}, {"currency", "RUB"}}}}},
           "unknown field \"prices[0].currency\""},
      },
      PriceListFromJson);
}

// --- Quotes ----------------------------------------------------------------

TEST(QuoteJson, WritesEveryFigureOfAQuote) {
  PricingData data;
  for (auto [id, sku, category] : {std::tuple{1, "TEA-001", 10}, std::tuple{3, "MUG-01", 20}}) {
    PricedProduct p;
    p.id = ProductId(id);
    p.sku = sku;
    p.name = sku;
    p.categories = {CategoryId(category)};
    data.products[p.id] = p;
  }
  PriceList base;
  base.id = PriceListId(1);
  base.name = "Base";
  base.valid_from = D("2026-01-01");
  base.prices = {{ProductId(1), 500'00}, {ProductId(3), 300'00}};
  data.price_lists = {base};
  Promotion three_for_two = ThreeForTwo();
  three_for_two.pitch = "Buy 3, pay for 2";
  Promotion gift = MugGift();
  gift.gift_quantity = 1;
  gift.min_order_total = 10'000'00;
  data.promotions = {three_for_two, gift};
  auto quote = QuoteOrder(data, {{{ProductId(1), 3}}, {}, D("2026-11-27")});
  ASSERT_TRUE(quote) << quote.error().message;

  EXPECT_EQ(ToJson(*quote), json::parse(R"({
    "on": "2026-11-27",
    "lines": [{
      "product_id": 1, "sku": "TEA-001", "name": "TEA-001", "quantity": 3, "unit_price": 50000,
      "price_list_id": 1, "gross": 150000,
      "adjustments": [{"source": "promotion", "rule_id": 1, "rule_name": "3 for 2",
                       "reason": "3 for 2 on TEA-001: 1 unit free", "amount": 50000}],
      "total": 100000, "vat_percent": 20, "vat": 16667, "gift": false}],
    "order_adjustments": [],
    "gross": 150000, "discount": 50000, "total": 100000, "vat": 16667,
    "suggestions": [{"id": 2, "name": "Gift over 3 000.00 ₽",
                     "pitch": "A free mug with orders over 3 000 ₽"}]})"));
}

TEST(QuoteJson, WritesDiscountSourcesAndGiftLines) {
  Adjustment a{Adjustment::Source::kDiscount, 4, "Big order", "Big order: 5 % off the order", 12};
  EXPECT_EQ(ToJson(a), json::parse(R"({"source": "discount", "rule_id": 4,
    "rule_name": "Big order", "reason": "Big order: 5 % off the order", "amount": 12})"));
  QuoteLine line;
  line.product = ProductId(3);
  line.gift = true;
  json j = ToJson(line);
  EXPECT_EQ(j["gift"], true);
  EXPECT_EQ(j["price_list_id"], 0) << "no price list: 0";
  EXPECT_EQ(j["adjustments"], json::array());
}

}  // namespace
}  // namespace cc::crm
