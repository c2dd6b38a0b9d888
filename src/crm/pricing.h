// Prices, discounts and promotions, and the one quoting function that the
// catalogue screen, the order form and order confirmation all use. Money is
// in kopecks (integers, never floating point) and prices include VAT.
// docs/pricing.md states the order in which price lists, promotions and
// discounts apply, how they combine or exclude each other, and rounding.
// Thread-safety: value types and pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "crm/ids.h"

namespace cc::crm {

using Kopecks = std::int64_t;
// A calendar day in the centre's time zone (validity periods are whole days).
using Date = std::chrono::sys_days;

// What pricing needs to know of a catalogue product.
struct PricedProduct {
  ProductId id;
  std::string sku;
  std::string name;
  std::vector<CategoryId> categories;
  int vat_percent = 20;  // 20, 10 or 0 (Russian VAT rates); prices include it
  bool available = true;
};

// A price list: prices per product, valid on the days [valid_from, valid_to]
// (valid_to absent: open-ended). When several lists valid on a day price the
// same product, the highest priority wins, then the latest valid_from.
struct PriceList {
  PriceListId id;
  std::string name;
  Date valid_from;
  std::optional<Date> valid_to;
  int priority = 0;
  std::map<ProductId, Kopecks> prices;  // unit price including VAT
};

enum class DiscountKind {
  kPercent,  // `percent_bp` basis points off (1000 = 10 %)
  kAmount,   // `amount` kopecks off each unit (line rules) or off the order (order rules)
};

// What a discount rule applies to. Line rules target a product, a category or
// a customer group (every line of such a customer); order rules the order total.
enum class DiscountTarget { kProduct, kCategory, kCustomerGroup, kOrder };

struct DiscountRule {
  DiscountId id;
  std::string name;  // shown to the operator and in the reason
  Date valid_from;
  std::optional<Date> valid_to;
  DiscountKind kind = DiscountKind::kPercent;
  std::int64_t percent_bp = 0;
  Kopecks amount = 0;
  DiscountTarget target = DiscountTarget::kProduct;
  ProductId product;              // kProduct
  CategoryId category;            // kCategory
  CustomerGroupId customer_group; // kCustomerGroup; for other targets, if set, the
                                  // rule applies only to customers of that group
  std::int64_t min_quantity = 0;  // line rules: the line's quantity must reach it
  Kopecks min_order_total = 0;    // the order's total before discounts must reach it
};

enum class PromotionKind {
  kBuyXPayY,       // every `buy` units of a product (or of one category's product) cost `pay` units
  kGiftOverTotal,  // an order of at least `min_order_total` gets `gift_quantity` of `gift_product` free
};

struct Promotion {
  PromotionId id;
  std::string name;
  std::string pitch;  // the short text the operator tells the caller
  Date valid_from;
  std::optional<Date> valid_to;
  PromotionKind kind = PromotionKind::kBuyXPayY;
  // kBuyXPayY: the product, or every product of the category (per line).
  ProductId product;
  CategoryId category;
  std::int64_t buy = 0;
  std::int64_t pay = 0;
  // kGiftOverTotal
  Kopecks min_order_total = 0;
  ProductId gift_product;
  std::int64_t gift_quantity = 1;
};

// Everything pricing reads, for one tenant.
struct PricingData {
  std::map<ProductId, PricedProduct> products;
  std::vector<PriceList> price_lists;
  std::vector<DiscountRule> discounts;
  std::vector<Promotion> promotions;
};

struct QuoteLineRequest {
  ProductId product;
  std::int64_t quantity = 0;
};

struct QuoteRequest {
  std::vector<QuoteLineRequest> lines;
  std::vector<CustomerGroupId> customer_groups;  // of the customer, if known
  Date on;                                       // the day prices are taken for
};

// One discount or promotion applied, with a reason a person can read aloud.
struct Adjustment {
  enum class Source { kDiscount, kPromotion };
  Source source = Source::kDiscount;
  std::uint64_t rule_id = 0;  // DiscountId or PromotionId value
  std::string rule_name;
  std::string reason;  // e.g. "Tea week: 10 % off category Tea"
  Kopecks amount = 0;  // taken off (positive)
};

struct QuoteLine {
  ProductId product;
  std::string sku;
  std::string name;
  std::int64_t quantity = 0;
  Kopecks unit_price = 0;  // from the price list
  PriceListId price_list;
  Kopecks gross = 0;       // unit_price * quantity
  std::vector<Adjustment> adjustments;  // line discounts and promotions, and its
                                        // share of order discounts
  Kopecks total = 0;                    // gross - adjustments
  int vat_percent = 0;
  Kopecks vat = 0;                      // VAT included in total
  bool gift = false;                    // added by a gift promotion (total 0)
};

struct Quote {
  Date on;
  std::vector<QuoteLine> lines;
  std::vector<Adjustment> order_adjustments;  // order-total discounts (also spread over lines)
  Kopecks gross = 0;      // sum of line gross
  Kopecks discount = 0;   // sum of everything taken off
  Kopecks total = 0;      // what the customer pays
  Kopecks vat = 0;        // VAT included in total
  // Running promotions the caller does not get yet but could be told about
  // (their pitches), e.g. "Buy 3 pay 2" when the order has 2 units.
  std::vector<Promotion> suggestions;
};

// Prices `request` with `data`. Errors (kInvalidArgument / kFailedPrecondition)
// name the line: "line 2: quantity must be at least 1", "line 1: product
// TEA-001 is not available", "line 3: no price list prices SKU-9 on 2026-11-27
// (Autumn 2026 ended on 2026-10-31)", "line 4: unknown product 77".
core::Result<Quote> QuoteOrder(const PricingData& data, const QuoteRequest& request);

// "2026-11-27" <-> Date; parsing fails with kInvalidArgument naming the text.
core::Result<Date> ParseDate(const std::string& text);
std::string FormatDate(Date date);

}  // namespace cc::crm
