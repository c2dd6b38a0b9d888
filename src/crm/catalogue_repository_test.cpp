#include "crm/catalogue_repository.h"

#include <gtest/gtest.h>

#include "crm/testing/crm_fixture.h"

namespace cc::crm {
namespace {

using CatalogueTest = testing::CrmFixture;
const core::TenantId kBeta(1);
const core::TenantId kOther(2);

std::vector<std::string> Skus(const std::vector<Product>& products) {
  std::vector<std::string> out;
  for (const Product& p : products) out.push_back(p.sku);
  return out;
}

TEST_F(CatalogueTest, SearchByPrefixOfNameSkuOrDescriptionInBothAlphabets) {
  AddProduct(kBeta, "TEA-001", "Чай зелёный «Сенча»", 45000, std::nullopt, "Japanese green tea, 100 g");
  AddProduct(kBeta, "TEA-002", "Чай чёрный Ассам", 39000);
  AddProduct(kBeta, "MUG-01", "Кружка керамическая", 59000, std::nullopt, "для чая");
  AddProduct(kOther, "TEA-900", "Чай другого клиента", 100);
  auto search = [&](const std::string& q) {
    return Skus(catalogue_->Search(q, TenantScope::Only({kBeta}), 20).value());
  };
  // "для чая" on the mug: "чая" does not start with "чай".
  EXPECT_EQ(search("чай"), (std::vector<std::string>{"TEA-001", "TEA-002"}));
  EXPECT_EQ(search("ЗЕЛЕН"), std::vector<std::string>{"TEA-001"});
  EXPECT_EQ(search("чер асс"), std::vector<std::string>{"TEA-002"});
  EXPECT_EQ(search("green"), std::vector<std::string>{"TEA-001"});
  EXPECT_EQ(search("tea-00"), (std::vector<std::string>{"TEA-001", "TEA-002"}));
  EXPECT_EQ(search("mug"), std::vector<std::string>{"MUG-01"});
  EXPECT_EQ(search("ча"), (std::vector<std::string>{"MUG-01", "TEA-001", "TEA-002"}));
  EXPECT_TRUE(search("сенчаа").empty());
  EXPECT_EQ(Skus(catalogue_->Search("чай", TenantScope::All(), 20).value()).size(), 3u);
}

TEST_F(CatalogueTest, SkuIsUniquePerTenantAndRenamingUpdatesSearch) {
  Product tea = AddProduct(kBeta, "TEA-001", "Чай", 100);
  Product copy;
  copy.tenant = kBeta;
  copy.sku = "TEA-001";
  copy.name = "Другой";
  auto duplicate = catalogue_->SaveProduct(copy);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, core::ErrorCode::kAlreadyExists);
  copy.tenant = kOther;
  EXPECT_TRUE(catalogue_->SaveProduct(copy));  // another tenant may use the same SKU
  tea.name = "Кофе";
  ASSERT_TRUE(catalogue_->SaveProduct(tea));
  EXPECT_TRUE(catalogue_->Search("чай", TenantScope::Only({kBeta}), 10)->empty());
  EXPECT_EQ(catalogue_->Search("коф", TenantScope::Only({kBeta}), 10)->size(), 1u);
}

TEST_F(CatalogueTest, PriceListOnlyPricesTheTenantsProducts) {
  Product mine = AddProduct(kBeta, "A-1", "Mine", 100);
  Product theirs = AddProduct(kOther, "B-1", "Theirs", 100);
  PriceList list;
  list.name = "Winter";
  list.valid_from = ParseDate("2026-12-01").value();
  list.prices = {{mine.id, 90}, {theirs.id, 80}};
  auto saved = catalogue_->SavePriceList(kBeta, list);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("is not in this tenant's catalogue"), std::string::npos);
}

TEST_F(CatalogueTest, PricingForCarriesListsRulesAndGifts) {
  const Category tea_category = catalogue_->AddCategory({CategoryId(), kBeta, "Чай", std::nullopt}).value();
  Product tea = AddProduct(kBeta, "TEA-001", "Чай", 45000, tea_category.id);
  Product mug = AddProduct(kBeta, "MUG-01", "Кружка", 59000);
  Promotion gift;
  gift.name = "Кружка в подарок";
  gift.pitch = "При заказе от 3 000 ₽ — кружка в подарок";
  gift.valid_from = ParseDate("2026-11-01").value();
  gift.kind = PromotionKind::kGiftOverTotal;
  gift.min_order_total = 300000;
  gift.gift_product = mug.id;
  ASSERT_TRUE(catalogue_->SavePromotion(kBeta, gift));
  DiscountRule rule;
  rule.name = "Неделя чая";
  rule.valid_from = ParseDate("2026-11-01").value();
  rule.kind = DiscountKind::kPercent;
  rule.percent_bp = 1000;
  rule.target = DiscountTarget::kCategory;
  rule.category = tea_category.id;
  ASSERT_TRUE(catalogue_->SaveDiscount(kBeta, rule));

  auto data = catalogue_->PricingFor(kBeta, {tea.id});
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_EQ(data->products.size(), 2u);  // the tea and the gift mug
  EXPECT_EQ(data->products.at(tea.id).categories, std::vector<CategoryId>{tea_category.id});
  ASSERT_EQ(data->price_lists.size(), 1u);
  EXPECT_EQ(data->price_lists[0].prices.at(tea.id), 45000);
  ASSERT_EQ(data->discounts.size(), 1u);
  EXPECT_EQ(data->discounts[0].name, "Неделя чая");
  ASSERT_EQ(data->promotions.size(), 1u);

  QuoteRequest request;
  request.lines = {{tea.id, 8}};  // 324 000.00 after the 10 % off: over the gift threshold
  request.on = ParseDate("2026-11-27").value();
  auto quote = QuoteOrder(*data, request);
  ASSERT_TRUE(quote) << quote.error().message;
  EXPECT_EQ(quote->lines[0].total, 8 * 45000 - 8 * 4500);
  ASSERT_EQ(quote->lines.size(), 2u);
  EXPECT_TRUE(quote->lines[1].gift);
}

TEST_F(CatalogueTest, RulesOfAnotherTenantCannotBeChanged) {
  DiscountRule rule;
  rule.name = "Mine";
  rule.valid_from = ParseDate("2026-01-01").value();
  rule.kind = DiscountKind::kPercent;
  rule.percent_bp = 500;
  rule.target = DiscountTarget::kOrder;
  auto saved = catalogue_->SaveDiscount(kBeta, rule).value();
  auto stolen = catalogue_->SaveDiscount(kOther, saved);
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(catalogue_->RuleTenant("crm_discounts", saved.id.value()).value(), kBeta);
}

}  // namespace
}  // namespace cc::crm
