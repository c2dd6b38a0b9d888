// Strong ids of the CRM's records. Ids are positive; 0 means "none yet".
#pragma once

#include "core/ids.h"

namespace cc::crm {

struct CustomerTag {
  static constexpr const char* kPrefix = "customer-";
};
struct ProductTag {
  static constexpr const char* kPrefix = "product-";
};
struct CategoryTag {
  static constexpr const char* kPrefix = "category-";
};
struct PriceListTag {
  static constexpr const char* kPrefix = "price-list-";
};
struct DiscountTag {
  static constexpr const char* kPrefix = "discount-";
};
struct PromotionTag {
  static constexpr const char* kPrefix = "promotion-";
};
struct OrderTag {
  static constexpr const char* kPrefix = "order-";
};
struct CaseTag {
  static constexpr const char* kPrefix = "case-";
};
struct CallbackTag {
  static constexpr const char* kPrefix = "callback-";
};
struct CustomerGroupTag {
  static constexpr const char* kPrefix = "customer-group-";
};

using CustomerId = core::StrongId<CustomerTag>;
using ProductId = core::StrongId<ProductTag>;
using CategoryId = core::StrongId<CategoryTag>;
using PriceListId = core::StrongId<PriceListTag>;
using DiscountId = core::StrongId<DiscountTag>;
using PromotionId = core::StrongId<PromotionTag>;
using OrderId = core::StrongId<OrderTag>;
using CaseId = core::StrongId<CaseTag>;
using CallbackId = core::StrongId<CallbackTag>;
using CustomerGroupId = core::StrongId<CustomerGroupTag>;

}  // namespace cc::crm
