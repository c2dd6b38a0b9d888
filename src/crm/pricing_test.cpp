// QuoteOrder as an operator sees it: the figures of a quote, the reasons read
// to the caller, and errors that name the line. The catalogue below is small
// enough to check every figure by hand.
#include "crm/pricing.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <limits>

namespace cc::crm {
namespace {

Date D(const char* text) {
  return *ParseDate(text);
}

const Date kOn = D("2026-11-27");

const ProductId kTea(1);       // TEA-001, 500.00 ₽, category tea, VAT 20 %
const ProductId kBlackTea(2);  // TEA-002, 400.00 ₽, category tea
const ProductId kMug(3);       // MUG-01, 300.00 ₽, category mugs
const ProductId kBook(4);      // BOOK-1, 1 000.00 ₽, category books, VAT 10 %
const ProductId kOldTea(5);    // OLD-1, not available
const ProductId kCandy(6);     // CANDY-1, 1.05 ₽, VAT 0 %
const ProductId kClip(7);      // CLIP-1, 0.03 ₽, for VAT rounding
const ProductId kSea(8);       // SEA-1, no current price
const CategoryId kTeaCategory(10);
const CategoryId kMugCategory(20);
const CustomerGroupId kLoyal(100);
const CustomerGroupId kStaff(200);

PricedProduct Product(ProductId id, std::string sku, std::string name, CategoryId category,
                      int vat = 20) {
  PricedProduct p;
  p.id = id;
  p.sku = std::move(sku);
  p.name = std::move(name);
  p.categories = {category};
  p.vat_percent = vat;
  return p;
}

PriceList List(std::uint64_t id, std::string name, const char* from, const char* to = nullptr,
               int priority = 0) {
  PriceList list;
  list.id = PriceListId(id);
  list.name = std::move(name);
  list.valid_from = D(from);
  if (to) list.valid_to = D(to);
  list.priority = priority;
  return list;
}

PricingData Catalogue() {
  PricingData data;
  for (PricedProduct p : {Product(kTea, "TEA-001", "Green tea", kTeaCategory),
                          Product(kBlackTea, "TEA-002", "Black tea", kTeaCategory),
                          Product(kMug, "MUG-01", "Mug", kMugCategory),
                          Product(kBook, "BOOK-1", "Tea book", CategoryId(30), 10),
                          Product(kOldTea, "OLD-1", "Old tea", kTeaCategory),
                          Product(kCandy, "CANDY-1", "Candy", CategoryId(40), 0),
                          Product(kClip, "CLIP-1", "Clip", CategoryId(40)),
                          Product(kSea, "SEA-1", "Sea buckthorn tea", kTeaCategory)}) {
    data.products[p.id] = p;
  }
  data.products[kOldTea].available = false;
  PriceList base = List(1, "Base 2026", "2026-01-01");
  base.prices = {{kTea, 500'00},    {kBlackTea, 400'00}, {kMug, 300'00}, {kBook, 1'000'00},
                 {kOldTea, 100'00}, {kCandy, 105},       {kClip, 3}};
  data.price_lists.push_back(base);
  return data;
}

DiscountRule Rule(std::uint64_t id, std::string name, DiscountTarget target) {
  DiscountRule rule;
  rule.id = DiscountId(id);
  rule.name = std::move(name);
  rule.valid_from = D("2026-01-01");
  rule.target = target;
  return rule;
}

DiscountRule PercentOff(std::uint64_t id, std::string name, DiscountTarget target,
                        std::int64_t bp) {
  DiscountRule rule = Rule(id, std::move(name), target);
  rule.kind = DiscountKind::kPercent;
  rule.percent_bp = bp;
  return rule;
}

DiscountRule AmountOff(std::uint64_t id, std::string name, DiscountTarget target, Kopecks amount) {
  DiscountRule rule = Rule(id, std::move(name), target);
  rule.kind = DiscountKind::kAmount;
  rule.amount = amount;
  return rule;
}

DiscountRule ForProduct(DiscountRule rule, ProductId product) {
  rule.product = product;
  return rule;
}

Promotion BuyXPayY(std::uint64_t id, std::string name, std::int64_t buy, std::int64_t pay) {
  Promotion p;
  p.id = PromotionId(id);
  p.name = std::move(name);
  p.pitch = "Buy " + std::to_string(buy) + ", pay for " + std::to_string(pay);
  p.valid_from = D("2026-01-01");
  p.kind = PromotionKind::kBuyXPayY;
  p.buy = buy;
  p.pay = pay;
  return p;
}

Promotion ThreeForTwoOnTea() {
  Promotion p = BuyXPayY(1, "3 for 2", 3, 2);
  p.product = kTea;
  return p;
}

Promotion Gift(std::uint64_t id, std::string name, Kopecks min_total, ProductId gift) {
  Promotion p;
  p.id = PromotionId(id);
  p.name = std::move(name);
  p.pitch = "A free mug with orders over 3 000 ₽";
  p.valid_from = D("2026-01-01");
  p.kind = PromotionKind::kGiftOverTotal;
  p.min_order_total = min_total;
  p.gift_product = gift;
  return p;
}

std::string ErrorOf(const core::Result<Quote>& quote) {
  return quote ? std::string("(no error)") : quote.error().message;
}

Kopecks Off(const QuoteLine& line) {
  Kopecks sum = 0;
  for (const Adjustment& a : line.adjustments) sum += a.amount;
  return sum;
}

class PricingTest : public ::testing::Test {
 protected:
  core::Result<Quote> Price(std::vector<QuoteLineRequest> lines,
                            std::vector<CustomerGroupId> groups = {}, Date on = kOn) {
    return QuoteOrder(data_, QuoteRequest{std::move(lines), std::move(groups), on});
  }

  // The quote, which must exist.
  Quote Quoted(std::vector<QuoteLineRequest> lines, std::vector<CustomerGroupId> groups = {},
               Date on = kOn) {
    auto quote = Price(std::move(lines), std::move(groups), on);
    EXPECT_TRUE(quote) << quote.error().message;
    return quote ? *quote : Quote{};
  }

  PricingData data_ = Catalogue();
};

// --- Dates -----------------------------------------------------------------

TEST(PricingDates, ParseAndFormatRoundTrip) {
  EXPECT_EQ(FormatDate(D("2026-11-27")), "2026-11-27");
  EXPECT_EQ(FormatDate(D("2028-02-29")), "2028-02-29");
  EXPECT_EQ(D("2026-03-01") - D("2026-02-28"), std::chrono::days(1));
  EXPECT_EQ(FormatDate(std::chrono::sys_days(std::chrono::days(0))), "1970-01-01");
}

TEST(PricingDates, RejectsWhatIsNotADay) {
  for (const char* text : {"2026-02-29", "2026-13-01", "2026-11-31", "2026-1-05", "26-11-27",
                           "2026/11/27", "2026-11-27x", "", "abcd-ef-gh", "+026-11-27"}) {
    auto day = ParseDate(text);
    ASSERT_FALSE(day) << text;
    EXPECT_EQ(day.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(day.error().message,
              fmt::format("'{}' is not a date (write YYYY-MM-DD, e.g. 2026-11-27)", text));
  }
}

// --- Lines and errors ------------------------------------------------------

TEST_F(PricingTest, PricesEachLineFromThePriceListWithVatIncluded) {
  Quote q = Quoted({{kTea, 2}, {kBook, 1}});
  ASSERT_EQ(q.lines.size(), 2u);
  const QuoteLine& tea = q.lines[0];
  EXPECT_EQ(tea.product, kTea);
  EXPECT_EQ(tea.sku, "TEA-001");
  EXPECT_EQ(tea.name, "Green tea");
  EXPECT_EQ(tea.quantity, 2);
  EXPECT_EQ(tea.unit_price, 500'00);
  EXPECT_EQ(tea.price_list, PriceListId(1));
  EXPECT_EQ(tea.gross, 1'000'00);
  EXPECT_EQ(tea.total, 1'000'00);
  EXPECT_EQ(tea.vat_percent, 20);
  EXPECT_EQ(tea.vat, 166'67);  // 1 000.00 * 20 / 120 = 166.666…
  EXPECT_TRUE(tea.adjustments.empty());
  EXPECT_EQ(q.lines[1].vat_percent, 10);
  EXPECT_EQ(q.lines[1].vat, 90'91);  // 1 000.00 * 10 / 110 = 90.909…
  EXPECT_EQ(q.on, kOn);
  EXPECT_EQ(q.gross, 2'000'00);
  EXPECT_EQ(q.discount, 0);
  EXPECT_EQ(q.total, 2'000'00);
  EXPECT_EQ(q.vat, 166'67 + 90'91);
  EXPECT_TRUE(q.order_adjustments.empty());
  EXPECT_TRUE(q.suggestions.empty());
}

TEST_F(PricingTest, VatIsRoundedHalfUpPerLine) {
  EXPECT_EQ(Quoted({{kClip, 1}}).vat, 1);    // 0.03 * 20 / 120 = 0.005 -> 0.01
  EXPECT_EQ(Quoted({{kClip, 2}}).vat, 1);    // 0.06 -> 0.01
  EXPECT_EQ(Quoted({{kClip, 3}}).vat, 2);    // 0.09 -> 0.015 -> 0.02
  EXPECT_EQ(Quoted({{kCandy, 10}}).vat, 0);  // VAT 0 %
  Quote two = Quoted({{kClip, 1}, {kClip, 1}});
  EXPECT_EQ(two.vat, 2) << "VAT is per line, then summed";
}

TEST_F(PricingTest, SameProductOnTwoLinesStaysTwoLines) {
  Quote q = Quoted({{kTea, 1}, {kTea, 2}});
  ASSERT_EQ(q.lines.size(), 2u);
  EXPECT_EQ(q.lines[0].quantity, 1);
  EXPECT_EQ(q.lines[1].quantity, 2);
  EXPECT_EQ(q.total, 1'500'00);
}

TEST_F(PricingTest, AnEmptyOrderIsAnError) {
  auto q = Price({});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(q.error().message, "the order has no lines");
}

TEST_F(PricingTest, QuantityMustBeAtLeastOne) {
  auto q = Price({{kTea, 1}, {kTea, 0}});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(q.error().message, "line 2: quantity must be at least 1");
  EXPECT_EQ(ErrorOf(Price({{kTea, -3}})), "line 1: quantity must be at least 1");
}

TEST_F(PricingTest, QuantityAboveAMillionIsRejected) {
  EXPECT_EQ(Quoted({{kTea, 1'000'000}}).total, 500'000'000'00);
  auto q = Price({{kTea, 1'000'001}});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(q.error().message, "line 1: quantity 1000001 is more than 1000000");
}

TEST_F(PricingTest, UnknownProductNamesLineAndId) {
  auto q = Price({{kTea, 1}, {kTea, 1}, {kMug, 1}, {ProductId(77), 1}});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(q.error().message, "line 4: unknown product 77");
}

TEST_F(PricingTest, UnavailableProductIsAFailedPrecondition) {
  auto q = Price({{kOldTea, 1}});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(q.error().message, "line 1: product OLD-1 is not available");
}

TEST_F(PricingTest, MissingPriceNamesTheListThatEndedLast) {
  PriceList summer = List(2, "Summer 2026", "2026-06-01", "2026-08-31");
  PriceList autumn = List(3, "Autumn 2026", "2026-09-01", "2026-10-31");
  summer.prices[kSea] = 200'00;
  autumn.prices[kSea] = 250'00;
  data_.price_lists.push_back(autumn);
  data_.price_lists.push_back(summer);
  auto q = Price({{kTea, 1}, {kMug, 1}, {kSea, 1}});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(q.error().message,
            "line 3: no price list prices SEA-1 on 2026-11-27 (Autumn 2026 ended on 2026-10-31)");
  EXPECT_EQ(Quoted({{kSea, 1}}, {}, D("2026-10-31")).total, 250'00);
}

TEST_F(PricingTest, MissingPriceNamesTheListThatStartsLater) {
  EXPECT_EQ(ErrorOf(Price({{kSea, 1}})), "line 1: no price list prices SEA-1 on 2026-11-27");
  PriceList winter = List(2, "Winter 2027", "2026-12-01");
  winter.prices[kSea] = 250'00;
  data_.price_lists.push_back(winter);
  EXPECT_EQ(ErrorOf(Price({{kSea, 1}})),
            "line 1: no price list prices SEA-1 on 2026-11-27 (Winter 2027 starts on 2026-12-01)");
}

TEST_F(PricingTest, AmountsThatCannotBeCountedAreRejected) {
  data_.price_lists[0].prices[kSea] = std::numeric_limits<Kopecks>::max() / 2;
  auto q = Price({{kSea, 3}});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      q.error().message.rfind("line 1: 3 × SEA-1 at 46 116 860 184 273 879.03 ₽ is more", 0), 0u)
      << q.error().message;
  EXPECT_EQ(ErrorOf(Price({{kSea, 1}, {kSea, 1}, {kSea, 1}})),
            "the order's total is more money than can be counted");
}

// --- Price lists -----------------------------------------------------------

TEST_F(PricingTest, HighestPriorityListWinsForTheProductsItPrices) {
  PriceList promo = List(2, "Tea promo prices", "2026-11-01", nullptr, 5);
  promo.prices[kTea] = 450'00;
  data_.price_lists.push_back(promo);
  Quote q = Quoted({{kTea, 1}, {kBlackTea, 1}});
  EXPECT_EQ(q.lines[0].unit_price, 450'00);
  EXPECT_EQ(q.lines[0].price_list, PriceListId(2));
  EXPECT_EQ(q.lines[1].unit_price, 400'00) << "the promo list does not price TEA-002";
  EXPECT_EQ(q.lines[1].price_list, PriceListId(1));
}

TEST_F(PricingTest, SamePriorityLatestValidFromThenHighestIdWins) {
  PriceList november = List(5, "November", "2026-11-01");
  november.prices[kTea] = 480'00;
  data_.price_lists.push_back(november);
  EXPECT_EQ(Quoted({{kTea, 1}}).lines[0].unit_price, 480'00);

  PriceList copy = List(4, "November copy", "2026-11-01");
  copy.prices[kTea] = 470'00;
  PriceList later_copy = List(6, "November fix", "2026-11-01");
  later_copy.prices[kTea] = 460'00;
  data_.price_lists.insert(data_.price_lists.begin(), later_copy);
  data_.price_lists.push_back(copy);
  Quote q = Quoted({{kTea, 1}});
  EXPECT_EQ(q.lines[0].unit_price, 460'00);
  EXPECT_EQ(q.lines[0].price_list, PriceListId(6));
}

TEST_F(PricingTest, PriceListValidOnItsFirstAndLastDayOnly) {
  PriceList november = List(2, "November", "2026-11-01", "2026-11-30", 1);
  november.prices[kTea] = 450'00;
  data_.price_lists.push_back(november);
  auto unit_price = [&](const char* day) {
    return Quoted({{kTea, 1}}, {}, D(day)).lines[0].unit_price;
  };
  EXPECT_EQ(unit_price("2026-10-31"), 500'00) << "not started yet";
  EXPECT_EQ(unit_price("2026-11-01"), 450'00) << "first day";
  EXPECT_EQ(unit_price("2026-11-30"), 450'00) << "last day";
  EXPECT_EQ(unit_price("2026-12-01"), 500'00) << "expired";
}

// --- Promotions ------------------------------------------------------------

TEST_F(PricingTest, BuyThreePayTwoWithTwoThreeAndSevenUnits) {
  data_.promotions.push_back(ThreeForTwoOnTea());

  Quote two = Quoted({{kTea, 2}});
  EXPECT_TRUE(two.lines[0].adjustments.empty());
  EXPECT_EQ(two.total, 1'000'00);
  ASSERT_EQ(two.suggestions.size(), 1u) << "one more unit would get one free";
  EXPECT_EQ(two.suggestions[0].pitch, "Buy 3, pay for 2");

  Quote three = Quoted({{kTea, 3}});
  ASSERT_EQ(three.lines[0].adjustments.size(), 1u);
  const Adjustment& a = three.lines[0].adjustments[0];
  EXPECT_EQ(a.source, Adjustment::Source::kPromotion);
  EXPECT_EQ(a.rule_id, 1u);
  EXPECT_EQ(a.rule_name, "3 for 2");
  EXPECT_EQ(a.reason, "3 for 2 on TEA-001: 1 unit free");
  EXPECT_EQ(a.amount, 500'00);
  EXPECT_EQ(three.lines[0].total, 1'000'00);
  EXPECT_EQ(three.gross, 1'500'00);
  EXPECT_EQ(three.discount, 500'00);
  EXPECT_EQ(three.total, 1'000'00);
  EXPECT_EQ(three.vat, 166'67);
  EXPECT_TRUE(three.suggestions.empty());

  Quote seven = Quoted({{kTea, 7}});
  EXPECT_EQ(seven.lines[0].adjustments.at(0).reason, "3 for 2 on TEA-001: 2 units free");
  EXPECT_EQ(seven.lines[0].adjustments.at(0).amount, 1'000'00);
  EXPECT_EQ(seven.total, 2'500'00);
}

TEST_F(PricingTest, BuyXPayYCountsPerLine) {
  data_.promotions.push_back(ThreeForTwoOnTea());
  Quote q = Quoted({{kTea, 2}, {kTea, 2}});
  EXPECT_EQ(q.discount, 0) << "2 + 2 units on two lines are not 3 on one";
  EXPECT_EQ(q.suggestions.size(), 1u);
}

TEST_F(PricingTest, BuyXPayYOnACategoryAppliesToEachOfItsProducts) {
  Promotion p = BuyXPayY(3, "Tea 2 for 1", 2, 1);
  p.category = kTeaCategory;
  data_.promotions.push_back(p);
  Quote q = Quoted({{kBlackTea, 2}, {kTea, 4}, {kMug, 2}});
  EXPECT_EQ(Off(q.lines[0]), 400'00);
  EXPECT_EQ(q.lines[0].adjustments.at(0).reason, "Tea 2 for 1 on TEA-002: 1 unit free");
  EXPECT_EQ(Off(q.lines[1]), 1'000'00);
  EXPECT_TRUE(q.lines[2].adjustments.empty()) << "mugs are not tea";
  EXPECT_EQ(q.total, 400'00 + 1'000'00 + 600'00);
}

TEST_F(PricingTest, PromotionAppliesOnlyWithinItsDays) {
  Promotion p = ThreeForTwoOnTea();
  p.valid_from = kOn;
  p.valid_to = kOn;
  data_.promotions.push_back(p);
  EXPECT_EQ(Quoted({{kTea, 3}}, {}, kOn).discount, 500'00);
  Quote before = Quoted({{kTea, 3}}, {}, D("2026-11-26"));
  EXPECT_EQ(before.discount, 0);
  Quote after = Quoted({{kTea, 2}}, {}, D("2026-11-28"));
  EXPECT_EQ(after.discount, 0);
  EXPECT_TRUE(after.suggestions.empty()) << "an expired promotion is not suggested";
}

TEST_F(PricingTest, GiftOverTotalJustBelowAndAtTheThreshold) {
  data_.promotions.push_back(Gift(2, "Gift over 3 000.00 ₽", 3'000'00, kMug));
  Quote below = Quoted({{kTea, 5}, {kBlackTea, 1}, {kClip, 3333}});
  EXPECT_EQ(below.total, 2'999'99);
  EXPECT_EQ(below.lines.size(), 3u);
  ASSERT_EQ(below.suggestions.size(), 1u);
  EXPECT_EQ(below.suggestions[0].name, "Gift over 3 000.00 ₽");

  Quote at = Quoted({{kTea, 6}});
  ASSERT_EQ(at.lines.size(), 2u);
  const QuoteLine& gift = at.lines[1];
  EXPECT_TRUE(gift.gift);
  EXPECT_EQ(gift.sku, "MUG-01");
  EXPECT_EQ(gift.quantity, 1);
  EXPECT_EQ(gift.unit_price, 300'00);
  EXPECT_EQ(gift.price_list, PriceListId(1));
  EXPECT_EQ(gift.gross, 300'00);
  ASSERT_EQ(gift.adjustments.size(), 1u);
  EXPECT_EQ(gift.adjustments[0].source, Adjustment::Source::kPromotion);
  EXPECT_EQ(gift.adjustments[0].rule_id, 2u);
  EXPECT_EQ(gift.adjustments[0].reason, "Gift over 3 000.00 ₽: 1 × MUG-01 free");
  EXPECT_EQ(gift.adjustments[0].amount, 300'00);
  EXPECT_EQ(gift.total, 0);
  EXPECT_EQ(gift.vat, 0);
  EXPECT_EQ(at.gross, 3'300'00);
  EXPECT_EQ(at.discount, 300'00);
  EXPECT_EQ(at.total, 3'000'00);
  EXPECT_TRUE(at.suggestions.empty());
}

TEST_F(PricingTest, GiftThresholdIsCheckedAfterLineDiscounts) {
  data_.promotions.push_back(Gift(2, "Gift over 3 000.00 ₽", 3'000'00, kMug));
  data_.discounts.push_back(
      ForProduct(AmountOff(1, "Tea bonus", DiscountTarget::kProduct, 1), kTea));
  Quote q = Quoted({{kTea, 6}});
  EXPECT_EQ(q.total, 2'999'94);
  EXPECT_EQ(q.lines.size(), 1u) << "2 999.94 ₽ after the line discount is below 3 000.00 ₽";
  EXPECT_EQ(q.suggestions.size(), 1u);
}

TEST_F(PricingTest, GiftOfUnavailableProductIsLeftOutSilently) {
  data_.promotions.push_back(Gift(2, "Old tea gift", 1'000'00, kOldTea));
  Quote q = Quoted({{kTea, 6}});
  EXPECT_EQ(q.lines.size(), 1u);
  EXPECT_EQ(q.total, 3'000'00);
  EXPECT_TRUE(q.suggestions.empty()) << "nor suggested";
}

TEST_F(PricingTest, GiftWithoutPriceIsAddedAtZero) {
  Promotion p = Gift(2, "Sea tea sample", 1'000'00, kSea);
  p.gift_quantity = 2;
  data_.promotions.push_back(p);
  Quote q = Quoted({{kTea, 2}});
  ASSERT_EQ(q.lines.size(), 2u);
  EXPECT_TRUE(q.lines[1].gift);
  EXPECT_EQ(q.lines[1].quantity, 2);
  EXPECT_EQ(q.lines[1].unit_price, 0);
  EXPECT_FALSE(q.lines[1].price_list.valid());
  EXPECT_EQ(q.lines[1].adjustments.at(0).reason, "Sea tea sample: 2 × SEA-1 free");
  EXPECT_EQ(q.lines[1].adjustments.at(0).amount, 0);
  EXPECT_EQ(q.total, 1'000'00);
}

// --- Line discounts --------------------------------------------------------

TEST_F(PricingTest, PercentOffAProduct) {
  data_.discounts.push_back(
      ForProduct(PercentOff(7, "Tea week", DiscountTarget::kProduct, 1000), kTea));
  Quote q = Quoted({{kTea, 3}, {kBlackTea, 1}});
  ASSERT_EQ(q.lines[0].adjustments.size(), 1u);
  const Adjustment& a = q.lines[0].adjustments[0];
  EXPECT_EQ(a.source, Adjustment::Source::kDiscount);
  EXPECT_EQ(a.rule_id, 7u);
  EXPECT_EQ(a.rule_name, "Tea week");
  EXPECT_EQ(a.reason, "Tea week: 10 % off TEA-001 (product)");
  EXPECT_EQ(a.amount, 150'00);
  EXPECT_EQ(q.lines[0].total, 1'350'00);
  EXPECT_EQ(q.lines[0].vat, 225'00);
  EXPECT_TRUE(q.lines[1].adjustments.empty());
  EXPECT_EQ(q.discount, 150'00);
  EXPECT_EQ(q.total, 1'750'00);
}

TEST_F(PricingTest, PercentOffACategory) {
  DiscountRule rule = PercentOff(1, "Tea week", DiscountTarget::kCategory, 1250);
  rule.category = kTeaCategory;
  data_.discounts.push_back(rule);
  Quote q = Quoted({{kBlackTea, 1}, {kTea, 1}, {kBook, 1}});
  EXPECT_EQ(q.lines[0].adjustments.at(0).reason, "Tea week: 12.5 % off TEA-002 (category)");
  EXPECT_EQ(Off(q.lines[0]), 50'00);
  EXPECT_EQ(Off(q.lines[1]), 62'50);
  EXPECT_TRUE(q.lines[2].adjustments.empty());
}

TEST_F(PricingTest, CustomerGroupTargetTakesOffEveryLineOfItsCustomers) {
  DiscountRule rule = PercentOff(1, "Loyal customers", DiscountTarget::kCustomerGroup, 500);
  rule.customer_group = kLoyal;
  data_.discounts.push_back(rule);
  Quote loyal = Quoted({{kTea, 1}, {kMug, 1}}, {kStaff, kLoyal});
  EXPECT_EQ(loyal.lines[0].adjustments.at(0).reason,
            "Loyal customers: 5 % off TEA-001 (customer group)");
  EXPECT_EQ(Off(loyal.lines[0]), 25'00);
  EXPECT_EQ(Off(loyal.lines[1]), 15'00);
  EXPECT_EQ(Quoted({{kTea, 1}, {kMug, 1}}, {kStaff}).discount, 0);
  EXPECT_EQ(Quoted({{kTea, 1}, {kMug, 1}}).discount, 0);
}

TEST_F(PricingTest, CustomerGroupRestrictsAProductRule) {
  DiscountRule rule = ForProduct(PercentOff(1, "Staff tea", DiscountTarget::kProduct, 2000), kTea);
  rule.customer_group = kStaff;
  data_.discounts.push_back(rule);
  EXPECT_EQ(Quoted({{kTea, 1}}).discount, 0);
  EXPECT_EQ(Quoted({{kTea, 1}}, {kLoyal}).discount, 0);
  EXPECT_EQ(Quoted({{kTea, 1}}, {kLoyal, kStaff}).discount, 100'00);
}

TEST_F(PricingTest, AmountOffEachUnitNeverMoreThanTheLine) {
  data_.discounts.push_back(
      ForProduct(AmountOff(1, "Mugs", DiscountTarget::kProduct, 50'00), kMug));
  Quote q = Quoted({{kMug, 3}});
  EXPECT_EQ(q.lines[0].adjustments.at(0).reason, "Mugs: 50.00 ₽ off each MUG-01 (product)");
  EXPECT_EQ(Off(q.lines[0]), 150'00);
  EXPECT_EQ(q.total, 750'00);

  data_.discounts[0].amount = 400'00;  // more than the 300.00 ₽ unit price
  Quote free = Quoted({{kMug, 3}});
  EXPECT_EQ(Off(free.lines[0]), 900'00);
  EXPECT_EQ(free.total, 0);
  EXPECT_EQ(free.vat, 0);
}

TEST_F(PricingTest, MinQuantityJustBelowAndAt) {
  DiscountRule rule = ForProduct(PercentOff(1, "Five teas", DiscountTarget::kProduct, 1000), kTea);
  rule.min_quantity = 5;
  data_.discounts.push_back(rule);
  EXPECT_EQ(Quoted({{kTea, 4}}).discount, 0);
  EXPECT_EQ(Quoted({{kTea, 5}}).discount, 250'00);
  EXPECT_EQ(Quoted({{kTea, 4}, {kTea, 4}}).discount, 0) << "quantities count per line";
}

TEST_F(PricingTest, LineRuleMinOrderTotalJustBelowAndAt) {
  DiscountRule rule = ForProduct(PercentOff(1, "Mug deal", DiscountTarget::kProduct, 1000), kMug);
  rule.min_order_total = 1'000'00;
  data_.discounts.push_back(rule);
  Quote at = Quoted({{kMug, 2}, {kBlackTea, 1}});  // 600.00 + 400.00
  EXPECT_EQ(at.discount, 60'00);
  data_.discounts[0].min_order_total = 1'000'01;
  EXPECT_EQ(Quoted({{kMug, 2}, {kBlackTea, 1}}).discount, 0);
}

TEST_F(PricingTest, LineRuleMinOrderTotalLooksAtTheGrossBeforePromotions) {
  DiscountRule rule = ForProduct(PercentOff(1, "Mug deal", DiscountTarget::kProduct, 1000), kMug);
  rule.min_order_total = 1'800'00;
  data_.discounts.push_back(rule);
  data_.promotions.push_back(ThreeForTwoOnTea());
  Quote q = Quoted({{kTea, 3}, {kMug, 1}});  // gross 1 800.00, 1 300.00 after the promotion
  EXPECT_EQ(Off(q.lines[0]), 500'00);
  EXPECT_EQ(Off(q.lines[1]), 30'00);
}

TEST_F(PricingTest, DiscountValidOnItsFirstAndLastDayOnly) {
  DiscountRule rule = ForProduct(PercentOff(1, "November", DiscountTarget::kProduct, 1000), kTea);
  rule.valid_from = D("2026-11-01");
  rule.valid_to = D("2026-11-27");
  data_.discounts.push_back(rule);
  auto off = [&](const char* day) { return Quoted({{kTea, 1}}, {}, D(day)).discount; };
  EXPECT_EQ(off("2026-10-31"), 0) << "not started yet";
  EXPECT_EQ(off("2026-11-01"), 50'00) << "first day";
  EXPECT_EQ(off("2026-11-27"), 50'00) << "last day";
  EXPECT_EQ(off("2026-11-28"), 0) << "expired";
}

TEST_F(PricingTest, OnlyTheLineDiscountThatTakesMostOffApplies) {
  DiscountRule category = PercentOff(2, "Tea 12 %", DiscountTarget::kCategory, 1200);
  category.category = kTeaCategory;
  data_.discounts = {ForProduct(PercentOff(1, "Tea 10 %", DiscountTarget::kProduct, 1000), kTea),
                     category,
                     ForProduct(AmountOff(3, "Tea 30 ₽", DiscountTarget::kProduct, 30'00), kTea)};
  Quote q = Quoted({{kTea, 3}});
  ASSERT_EQ(q.lines[0].adjustments.size(), 1u);
  EXPECT_EQ(q.lines[0].adjustments[0].rule_name, "Tea 12 %");
  EXPECT_EQ(q.discount, 180'00);

  data_.discounts[2].amount = 60'00;  // now 180.00 too: the lower id wins a tie
  EXPECT_EQ(Quoted({{kTea, 3}}).lines[0].adjustments.at(0).rule_name, "Tea 12 %");
}

TEST_F(PricingTest, PercentIsRoundedHalfUpPerLine) {
  auto off = [&](std::int64_t bp, std::int64_t quantity) {
    data_.discounts = {ForProduct(PercentOff(1, "Candy", DiscountTarget::kProduct, bp), kCandy)};
    return Quoted({{kCandy, quantity}}).discount;
  };
  EXPECT_EQ(off(1000, 1), 11);    // 1.05 ₽ * 10 % = 0.105 -> 0.11
  EXPECT_EQ(off(500, 1), 5);      // 0.0525 -> 0.05
  EXPECT_EQ(off(1500, 1), 16);    // 0.1575 -> 0.16
  EXPECT_EQ(off(1000, 3), 32);    // 3.15 * 10 % = 0.315 -> 0.32, not 3 * 0.11
  EXPECT_EQ(off(10000, 3), 315);  // 100 %
}

// --- Promotion against discount --------------------------------------------

TEST_F(PricingTest, PromotionThatTakesMoreOffExcludesTheDiscount) {
  data_.promotions.push_back(ThreeForTwoOnTea());
  data_.discounts.push_back(
      ForProduct(PercentOff(1, "Tea week", DiscountTarget::kProduct, 1000), kTea));
  Quote q = Quoted({{kTea, 3}, {kTea, 1}});
  ASSERT_EQ(q.lines[0].adjustments.size(), 1u);
  EXPECT_EQ(q.lines[0].adjustments[0].source, Adjustment::Source::kPromotion);
  EXPECT_EQ(q.lines[0].total, 1'000'00);
  ASSERT_EQ(q.lines[1].adjustments.size(), 1u) << "no promotion on one unit: the discount";
  EXPECT_EQ(q.lines[1].adjustments[0].source, Adjustment::Source::kDiscount);
  EXPECT_EQ(q.lines[1].total, 450'00);
}

TEST_F(PricingTest, DiscountThatTakesMoreOffReplacesThePromotion) {
  data_.promotions.push_back(ThreeForTwoOnTea());
  data_.discounts.push_back(
      ForProduct(PercentOff(1, "Tea 40 %", DiscountTarget::kProduct, 4000), kTea));
  Quote q = Quoted({{kTea, 3}});
  ASSERT_EQ(q.lines[0].adjustments.size(), 1u);
  EXPECT_EQ(q.lines[0].adjustments[0].rule_name, "Tea 40 %");
  EXPECT_EQ(q.lines[0].adjustments[0].amount, 600'00);
  EXPECT_EQ(q.total, 900'00);
  EXPECT_TRUE(q.suggestions.empty());
}

TEST_F(PricingTest, PromotionKeepsTheLineOnATie) {
  Promotion two_for_one = BuyXPayY(1, "2 for 1", 2, 1);
  two_for_one.product = kBlackTea;
  data_.promotions.push_back(two_for_one);
  data_.discounts.push_back(
      ForProduct(AmountOff(1, "Black tea 200 ₽", DiscountTarget::kProduct, 200'00), kBlackTea));
  Quote q = Quoted({{kBlackTea, 2}});
  ASSERT_EQ(q.lines[0].adjustments.size(), 1u);
  EXPECT_EQ(q.lines[0].adjustments[0].source, Adjustment::Source::kPromotion);
  EXPECT_EQ(q.total, 400'00);
}

// --- Order discounts -------------------------------------------------------

TEST_F(PricingTest, OrderPercentJustBelowAndAtItsThreshold) {
  DiscountRule rule = PercentOff(1, "Big order", DiscountTarget::kOrder, 500);
  rule.min_order_total = 5'000'00;
  data_.discounts.push_back(rule);
  Quote at = Quoted({{kTea, 10}});
  ASSERT_EQ(at.order_adjustments.size(), 1u);
  EXPECT_EQ(at.order_adjustments[0].reason, "Big order: 5 % off the order");
  EXPECT_EQ(at.order_adjustments[0].amount, 250'00);
  EXPECT_EQ(at.lines[0].adjustments.at(0).amount, 250'00);
  EXPECT_EQ(at.total, 4'750'00);
  EXPECT_EQ(at.discount, 250'00) << "counted once, though recorded on the line too";

  data_.discounts[0].min_order_total = 5'000'01;
  Quote below = Quoted({{kTea, 10}});
  EXPECT_TRUE(below.order_adjustments.empty());
  EXPECT_EQ(below.total, 5'000'00);
}

TEST_F(PricingTest, OrderThresholdIsComparedAfterLineAdjustments) {
  DiscountRule rule = PercentOff(1, "Big order", DiscountTarget::kOrder, 500);
  rule.min_order_total = 5'000'00;
  data_.discounts.push_back(rule);
  data_.promotions.push_back(ThreeForTwoOnTea());
  Quote q = Quoted({{kTea, 12}});  // 6 000.00 gross, 4 000.00 after 4 free units
  EXPECT_TRUE(q.order_adjustments.empty());
  EXPECT_EQ(q.total, 4'000'00);
}

TEST_F(PricingTest, OrderAmountIsSpreadOverLinesAddingUpExactly) {
  DiscountRule rule = AmountOff(4, "Order over 5 000.00 ₽", DiscountTarget::kOrder, 333'33);
  rule.min_order_total = 5'000'00;
  data_.discounts.push_back(rule);
  Quote q = Quoted({{kTea, 5}, {kBlackTea, 3}, {kBook, 1}, {kMug, 1}});
  ASSERT_EQ(q.order_adjustments.size(), 1u);
  EXPECT_EQ(q.order_adjustments[0].reason, "Order over 5 000.00 ₽: 333.33 ₽ off the order");
  EXPECT_EQ(q.order_adjustments[0].amount, 333'33);
  // Exact shares 166.665, 79.9992, 66.666, 19.9998: whole kopecks 166.66, 79.99, 66.66,
  // 19.99, and the 3 kopecks left go to the largest remainders (mug, black tea, book).
  EXPECT_EQ(Off(q.lines[0]), 166'66);
  EXPECT_EQ(Off(q.lines[1]), 80'00);
  EXPECT_EQ(Off(q.lines[2]), 66'67);
  EXPECT_EQ(Off(q.lines[3]), 20'00);
  for (const QuoteLine& line : q.lines) {
    ASSERT_EQ(line.adjustments.size(), 1u);
    EXPECT_EQ(line.adjustments[0].rule_id, 4u);
    EXPECT_EQ(line.adjustments[0].reason, q.order_adjustments[0].reason);
  }
  EXPECT_EQ(q.lines[0].total, 2'333'34);
  EXPECT_EQ(q.lines[0].vat, 388'89);  // 2 333.34 / 6 = 388.89
  EXPECT_EQ(q.lines[1].vat, 186'67);  // 1 120.00 / 6 = 186.666…
  EXPECT_EQ(q.lines[2].vat, 84'85);   // 933.33 / 11 = 84.848…
  EXPECT_EQ(q.lines[3].vat, 46'67);   // 280.00 / 6 = 46.666…
  EXPECT_EQ(q.gross, 5'000'00);
  EXPECT_EQ(q.discount, 333'33);
  EXPECT_EQ(q.total, 4'666'67);
  EXPECT_EQ(q.vat, 388'89 + 186'67 + 84'85 + 46'67);
}

TEST_F(PricingTest, LeftoverKopeckGoesToTheEarlierLineOnATie) {
  data_.discounts.push_back(AmountOff(1, "One kopeck", DiscountTarget::kOrder, 1));
  Quote q = Quoted({{kTea, 1}, {kTea, 1}});
  EXPECT_EQ(Off(q.lines[0]), 1);
  EXPECT_TRUE(q.lines[1].adjustments.empty()) << "a zero share is not recorded";
}

TEST_F(PricingTest, OnlyTheLargestOrderDiscountAppliesAndNeverBelowZero) {
  data_.discounts = {PercentOff(1, "Five percent", DiscountTarget::kOrder, 500),
                     AmountOff(2, "Three hundred", DiscountTarget::kOrder, 300'00)};
  Quote q = Quoted({{kTea, 10}});
  ASSERT_EQ(q.order_adjustments.size(), 1u);
  EXPECT_EQ(q.order_adjustments[0].rule_name, "Three hundred");
  EXPECT_EQ(q.total, 4'700'00);

  data_.discounts.push_back(AmountOff(3, "Everything", DiscountTarget::kOrder, 1'000'000'00));
  Quote free = Quoted({{kTea, 1}, {kBook, 1}});
  EXPECT_EQ(free.order_adjustments.at(0).amount, 1'500'00);
  EXPECT_EQ(free.lines[0].total, 0);
  EXPECT_EQ(free.lines[1].total, 0);
  EXPECT_EQ(free.total, 0);
  EXPECT_EQ(free.vat, 0);
}

TEST_F(PricingTest, OrderDiscountWithCustomerGroupRestriction) {
  DiscountRule rule = PercentOff(1, "Loyal orders", DiscountTarget::kOrder, 1000);
  rule.customer_group = kLoyal;
  data_.discounts.push_back(rule);
  EXPECT_EQ(Quoted({{kTea, 1}}).discount, 0);
  EXPECT_EQ(Quoted({{kTea, 1}}, {kLoyal}).discount, 50'00);
}

TEST_F(PricingTest, GiftLinesTakeNoShareOfTheOrderDiscount) {
  data_.promotions.push_back(Gift(2, "Gift over 3 000.00 ₽", 3'000'00, kMug));
  data_.discounts.push_back(PercentOff(1, "Ten percent", DiscountTarget::kOrder, 1000));
  Quote q = Quoted({{kTea, 6}});
  ASSERT_EQ(q.lines.size(), 2u) << "the gift is decided on 3 000.00 ₽, before the order discount";
  EXPECT_EQ(Off(q.lines[0]), 300'00);
  ASSERT_EQ(q.lines[1].adjustments.size(), 1u);
  EXPECT_EQ(q.lines[1].adjustments[0].source, Adjustment::Source::kPromotion);
  EXPECT_EQ(q.total, 2'700'00);
  EXPECT_EQ(q.discount, 600'00);
}

TEST_F(PricingTest, LineDiscountsAndOrderDiscountCombine) {
  data_.discounts = {ForProduct(PercentOff(1, "Tea week", DiscountTarget::kProduct, 1000), kTea),
                     PercentOff(2, "Big order", DiscountTarget::kOrder, 1000)};
  Quote q = Quoted({{kTea, 2}, {kMug, 1}});  // 900.00 + 300.00 after the line discount
  EXPECT_EQ(q.order_adjustments.at(0).amount, 120'00);
  ASSERT_EQ(q.lines[0].adjustments.size(), 2u);
  EXPECT_EQ(q.lines[0].adjustments[1].amount, 90'00);
  EXPECT_EQ(Off(q.lines[1]), 30'00);
  EXPECT_EQ(q.total, 1'080'00);
}

// --- Suggestions -----------------------------------------------------------

TEST_F(PricingTest, SuggestsRunningPromotionsTheOrderDoesNotGetYet) {
  Promotion mugs = BuyXPayY(4, "Mugs 2 for 1", 2, 1);
  mugs.product = kMug;
  Promotion tea = BuyXPayY(5, "Tea 4 for 3", 4, 3);
  tea.category = kTeaCategory;
  Promotion ended = Gift(6, "Summer gift", 100'00, kMug);
  ended.valid_to = D("2026-08-31");
  Promotion reached = Gift(7, "Small gift", 100'00, kCandy);
  Promotion big = Gift(8, "Big gift", 10'000'00, kBook);
  data_.promotions = {mugs, tea, ended, reached, big};
  Quote q = Quoted({{kBlackTea, 3}});
  ASSERT_EQ(q.suggestions.size(), 2u);
  EXPECT_EQ(q.suggestions[0].name, "Tea 4 for 3") << "a category in the order, one unit short";
  EXPECT_EQ(q.suggestions[1].name, "Big gift");
  EXPECT_EQ(q.lines.size(), 2u) << "the small gift was given";
}

}  // namespace
}  // namespace cc::crm
