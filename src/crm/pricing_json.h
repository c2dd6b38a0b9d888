// Price lists, discount rules, promotions and quotes as JSON: the form the
// CRM API accepts and returns. Field names are snake_case, enumerations
// lowercase strings ("percent", "customer_group", "buy_x_pay_y"), dates
// "YYYY-MM-DD", money integer kopecks, ids integers (0 or absent: none).
// ToJson writes only the fields that apply to a rule's kind and target;
// FromJson checks every field, rejects unknown ones and fields that do not
// apply (unless 0 or null), and fails with kInvalidArgument naming the field:
// "percent_bp must be between 1 and 10000", "valid_to is before valid_from".
// docs/pricing.md lists the documents.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "crm/pricing.h"

namespace cc::crm {

nlohmann::json ToJson(const DiscountRule& rule);
nlohmann::json ToJson(const Promotion& promotion);
// Prices as [{"product_id": 1, "price": 50000}], in product id order.
nlohmann::json ToJson(const PriceList& list);

nlohmann::json ToJson(const Adjustment& adjustment);
nlohmann::json ToJson(const QuoteLine& line);
// Suggestions as [{"id", "name", "pitch"}].
nlohmann::json ToJson(const Quote& quote);

core::Result<DiscountRule> DiscountRuleFromJson(const nlohmann::json& body);
core::Result<Promotion> PromotionFromJson(const nlohmann::json& body);
core::Result<PriceList> PriceListFromJson(const nlohmann::json& body);

}  // namespace cc::crm
