// Quoting runs in fixed steps (docs/pricing.md): price every line, give each
// line its best promotion or line discount, then the order discount and the
// gift promotions on the subtotal, then VAT. Money is integer kopecks; the
// products of money and rates are computed in 128 bits so that no step can
// overflow, and every rounding is half up.
#include "crm/pricing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <tuple>

namespace cc::crm {

namespace {

using core::ErrorCode;
using core::Fail;

__extension__ typedef __int128 Wide;

// More than a million units on one line is a typing error, not an order.
constexpr std::int64_t kMaxQuantity = 1'000'000;

bool ValidOn(Date from, const std::optional<Date>& to, Date on) {
  return from <= on && (!to || on <= *to);
}

// numerator / denominator rounded half up, for numerator >= 0 and denominator > 0.
Wide RoundHalfUp(Wide numerator, Wide denominator) {
  return (2 * numerator + denominator) / (2 * denominator);
}

// `value` limited to [0, max]: a discount never takes off more than there is.
Kopecks Clamp(Wide value, Kopecks max) {
  if (value < 0) return 0;
  return value > max ? max : static_cast<Kopecks>(value);
}

// "5 000.00 ₽".
std::string Money(Kopecks kopecks) {
  std::uint64_t abs = kopecks < 0 ? -static_cast<std::uint64_t>(kopecks) : kopecks;
  std::string digits = std::to_string(abs / 100);
  std::string rubles;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) rubles += ' ';
    rubles += digits[i];
  }
  return fmt::format("{}{}.{:02} ₽", kopecks < 0 ? "-" : "", rubles, abs % 100);
}

// Basis points as a percentage without trailing zeros: 1000 -> "10 %", 1250 -> "12.5 %".
std::string Percent(std::int64_t bp) {
  std::string s = fmt::format("{}.{:02}", bp / 100, std::abs(bp % 100));
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " %";
}

std::string Units(std::int64_t n) {
  return fmt::format("{} {}", n, n == 1 ? "unit" : "units");
}

bool InCategory(const PricedProduct& product, CategoryId category) {
  return category.valid() && std::find(product.categories.begin(), product.categories.end(),
                                       category) != product.categories.end();
}

bool InGroup(const QuoteRequest& request, CustomerGroupId group) {
  const auto& groups = request.customer_groups;
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

// --- Price lists -----------------------------------------------------------

// The list that prices `product` on `on`: highest priority, then the latest
// valid_from, then the highest id (so the choice never depends on list order).
const PriceList* ChoosePriceList(const std::vector<PriceList>& lists, ProductId product, Date on) {
  const PriceList* best = nullptr;
  for (const PriceList& list : lists) {
    if (!ValidOn(list.valid_from, list.valid_to, on) || !list.prices.contains(product)) continue;
    if (!best || std::tie(list.priority, list.valid_from, list.id) >
                     std::tie(best->priority, best->valid_from, best->id)) {
      best = &list;
    }
  }
  return best;
}

// Why no list prices `product` on `on`, for the error: the list that priced it
// and ended most recently, else the one that starts soonest; "" when none.
std::string WhyNoPrice(const std::vector<PriceList>& lists, ProductId product, Date on) {
  const PriceList* ended = nullptr;
  const PriceList* upcoming = nullptr;
  for (const PriceList& list : lists) {
    if (!list.prices.contains(product)) continue;
    if (list.valid_to && *list.valid_to < on && (!ended || *list.valid_to > *ended->valid_to)) {
      ended = &list;
    }
    if (list.valid_from > on && (!upcoming || list.valid_from < upcoming->valid_from)) {
      upcoming = &list;
    }
  }
  if (ended) return fmt::format(" ({} ended on {})", ended->name, FormatDate(*ended->valid_to));
  if (upcoming) {
    return fmt::format(" ({} starts on {})", upcoming->name, FormatDate(upcoming->valid_from));
  }
  return "";
}

// A line of `quantity` units at `unit_price`; false when the gross overflows.
bool StartLine(const PricedProduct& product, std::int64_t quantity, Kopecks unit_price,
               PriceListId list, QuoteLine& line) {
  line.product = product.id;
  line.sku = product.sku;
  line.name = product.name;
  line.quantity = quantity;
  line.unit_price = unit_price;
  line.price_list = list;
  line.vat_percent = product.vat_percent;
  if (__builtin_mul_overflow(unit_price, quantity, &line.gross)) return false;
  line.total = line.gross;
  return true;
}

// Checks one requested line and prices it; `number` is 1-based, for errors.
core::Result<QuoteLine> PriceLine(const PricingData& data, const QuoteLineRequest& request,
                                  std::size_t number, Date on) {
  if (request.quantity < 1) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("line {}: quantity must be at least 1", number));
  }
  if (request.quantity > kMaxQuantity) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("line {}: quantity {} is more than {}",
                                                         number, request.quantity, kMaxQuantity));
  }
  auto found = data.products.find(request.product);
  if (found == data.products.end()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("line {}: unknown product {}", number, request.product.value()));
  }
  const PricedProduct& product = found->second;
  if (!product.available) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("line {}: product {} is not available", number, product.sku));
  }
  if (product.vat_percent < 0 || product.vat_percent > 100) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("line {}: product {} has an invalid VAT rate of {} %", number,
                            product.sku, product.vat_percent));
  }
  const PriceList* list = ChoosePriceList(data.price_lists, product.id, on);
  if (!list) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("line {}: no price list prices {} on {}{}", number, product.sku,
                            FormatDate(on), WhyNoPrice(data.price_lists, product.id, on)));
  }
  Kopecks unit_price = list->prices.at(product.id);
  if (unit_price < 0) {
    return Fail(
        ErrorCode::kFailedPrecondition,
        fmt::format("line {}: {} has a negative price in {}", number, product.sku, list->name));
  }
  QuoteLine line;
  if (!StartLine(product, request.quantity, unit_price, list->id, line)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("line {}: {} × {} at {} is more money than can be counted", number,
                            request.quantity, product.sku, Money(unit_price)));
  }
  return line;
}

// --- Adjustments -----------------------------------------------------------

// The one to keep of two candidates: the larger amount, then the lower rule id.
void KeepBetter(std::optional<Adjustment>& best, Adjustment candidate) {
  if (candidate.amount <= 0) return;
  if (!best || candidate.amount > best->amount ||
      (candidate.amount == best->amount && candidate.rule_id < best->rule_id)) {
    best = std::move(candidate);
  }
}

void Apply(QuoteLine& line, Adjustment adjustment) {
  line.total -= adjustment.amount;
  line.adjustments.push_back(std::move(adjustment));
}

bool IsBuyXPayY(const Promotion& promotion) {
  // A malformed rule (pay 0, buy <= pay) gives nothing rather than everything.
  return promotion.kind == PromotionKind::kBuyXPayY && promotion.pay >= 1 &&
         promotion.buy > promotion.pay;
}

bool Concerns(const Promotion& promotion, const PricedProduct& product) {
  return (promotion.product.valid() && promotion.product == product.id) ||
         InCategory(product, promotion.category);
}

// The buy-x-pay-y promotion that takes most off `line`, if any.
std::optional<Adjustment> BestPromotion(const PricingData& data, const QuoteLine& line,
                                        const PricedProduct& product, Date on) {
  std::optional<Adjustment> best;
  for (const Promotion& promotion : data.promotions) {
    if (!IsBuyXPayY(promotion) || !ValidOn(promotion.valid_from, promotion.valid_to, on) ||
        !Concerns(promotion, product)) {
      continue;
    }
    // At most `quantity` units are free, so the amount is at most the gross.
    std::int64_t free_units = line.quantity / promotion.buy * (promotion.buy - promotion.pay);
    KeepBetter(best, {Adjustment::Source::kPromotion, promotion.id.value(), promotion.name,
                      fmt::format("{} on {}: {} free", promotion.name, line.sku, Units(free_units)),
                      free_units * line.unit_price});
  }
  return best;
}

// What `rule` takes off `base` (a line's gross, or the order subtotal for
// order rules); an amount rule takes `amount` per unit of `units`.
Kopecks DiscountAmount(const DiscountRule& rule, Kopecks base, std::int64_t units) {
  Wide off = rule.kind == DiscountKind::kPercent
                 ? RoundHalfUp(static_cast<Wide>(base) * rule.percent_bp, 10'000)
                 : static_cast<Wide>(rule.amount) * units;
  return Clamp(off, base);
}

// Validity and the customer-group restriction, common to every target.
bool Eligible(const DiscountRule& rule, const QuoteRequest& request) {
  return ValidOn(rule.valid_from, rule.valid_to, request.on) &&
         (!rule.customer_group.valid() || InGroup(request, rule.customer_group));
}

bool Targets(const DiscountRule& rule, const PricedProduct& product) {
  switch (rule.target) {
    case DiscountTarget::kProduct:
      return rule.product.valid() && rule.product == product.id;
    case DiscountTarget::kCategory:
      return InCategory(product, rule.category);
    case DiscountTarget::kCustomerGroup:
      return rule.customer_group.valid();  // membership is checked by Eligible
    case DiscountTarget::kOrder:
      return false;
  }
  return false;
}

std::string_view TargetWord(DiscountTarget target) {
  switch (target) {
    case DiscountTarget::kProduct:
      return "product";
    case DiscountTarget::kCategory:
      return "category";
    case DiscountTarget::kCustomerGroup:
      return "customer group";
    case DiscountTarget::kOrder:
      return "order";
  }
  return "";
}

// "Tea week: 10 % off TEA-001 (category)", "Mugs: 50.00 ₽ off each MUG-01 (product)".
std::string LineReason(const DiscountRule& rule, const QuoteLine& line) {
  if (rule.kind == DiscountKind::kPercent) {
    return fmt::format("{}: {} off {} ({})", rule.name, Percent(rule.percent_bp), line.sku,
                       TargetWord(rule.target));
  }
  return fmt::format("{}: {} off each {} ({})", rule.name, Money(rule.amount), line.sku,
                     TargetWord(rule.target));
}

// The line discount that takes most off `line`, if any. `order_gross` is the
// order before any promotion or discount, for the rules' min_order_total.
std::optional<Adjustment> BestLineDiscount(const PricingData& data, const QuoteRequest& request,
                                           const QuoteLine& line, const PricedProduct& product,
                                           Kopecks order_gross) {
  std::optional<Adjustment> best;
  for (const DiscountRule& rule : data.discounts) {
    if (!Eligible(rule, request) || !Targets(rule, product) || line.quantity < rule.min_quantity ||
        order_gross < rule.min_order_total) {
      continue;
    }
    KeepBetter(best, {Adjustment::Source::kDiscount, rule.id.value(), rule.name,
                      LineReason(rule, line), DiscountAmount(rule, line.gross, line.quantity)});
  }
  return best;
}

// A promotion and a line discount exclude each other: the line gets the one
// that takes more off, the promotion on a tie (it is what was advertised).
void AdjustLine(const PricingData& data, const QuoteRequest& request, Kopecks order_gross,
                QuoteLine& line) {
  const PricedProduct& product = data.products.at(line.product);
  auto promotion = BestPromotion(data, line, product, request.on);
  auto discount = BestLineDiscount(data, request, line, product, order_gross);
  if (discount && (!promotion || discount->amount > promotion->amount)) {
    Apply(line, std::move(*discount));
  } else if (promotion) {
    Apply(line, std::move(*promotion));
  }
}

// The sum of the non-gift lines' totals.
Kopecks Subtotal(const std::vector<QuoteLine>& lines) {
  Kopecks sum = 0;
  for (const QuoteLine& line : lines) {
    if (!line.gift) sum += line.total;
  }
  return sum;
}

// --- Order discounts -------------------------------------------------------

std::optional<Adjustment> BestOrderDiscount(const PricingData& data, const QuoteRequest& request,
                                            Kopecks subtotal) {
  std::optional<Adjustment> best;
  for (const DiscountRule& rule : data.discounts) {
    if (rule.target != DiscountTarget::kOrder || !Eligible(rule, request) ||
        subtotal < rule.min_order_total) {
      continue;
    }
    std::string what =
        rule.kind == DiscountKind::kPercent ? Percent(rule.percent_bp) : Money(rule.amount);
    KeepBetter(best, {Adjustment::Source::kDiscount, rule.id.value(), rule.name,
                      fmt::format("{}: {} off the order", rule.name, what),
                      DiscountAmount(rule, subtotal, 1)});
  }
  return best;
}

// Spreads `discount` over the non-gift lines in proportion to their totals.
// Each line gets the whole kopecks of its exact share; the kopecks left over
// go one each to the lines with the largest remainders (the earlier line on a
// tie), so that the shares add up to the discount exactly. A share never
// exceeds its line's total because the discount never exceeds the subtotal.
void SpreadOrderDiscount(std::vector<QuoteLine>& lines, const Adjustment& discount,
                         Kopecks subtotal) {
  struct Share {
    std::size_t line;
    Kopecks kopecks;
    Wide remainder;
  };
  std::vector<Share> shares;
  Kopecks given = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].gift) continue;
    Wide exact = static_cast<Wide>(discount.amount) * lines[i].total;
    shares.push_back({i, static_cast<Kopecks>(exact / subtotal), exact % subtotal});
    given += shares.back().kopecks;
  }
  std::stable_sort(shares.begin(), shares.end(),
                   [](const Share& a, const Share& b) { return a.remainder > b.remainder; });
  for (std::size_t k = 0; given < discount.amount; ++k, ++given) ++shares[k].kopecks;
  std::sort(shares.begin(), shares.end(),
            [](const Share& a, const Share& b) { return a.line < b.line; });
  for (const Share& share : shares) {
    if (share.kopecks == 0) continue;
    Adjustment part = discount;
    part.amount = share.kopecks;
    Apply(lines[share.line], std::move(part));
  }
}

// --- Gifts -----------------------------------------------------------------

bool GiftReached(const Promotion& promotion, Date on, Kopecks subtotal) {
  return promotion.kind == PromotionKind::kGiftOverTotal &&
         ValidOn(promotion.valid_from, promotion.valid_to, on) &&
         subtotal >= promotion.min_order_total;
}

// The gift product, if it can be given: known, available, a sane quantity.
const PricedProduct* GiftProduct(const PricingData& data, const Promotion& promotion) {
  auto found = data.products.find(promotion.gift_product);
  if (found == data.products.end() || !found->second.available) return nullptr;
  if (promotion.gift_quantity < 1 || promotion.gift_quantity > kMaxQuantity) return nullptr;
  return &found->second;
}

// The gift line of `promotion`: priced like any line (0 without a price list)
// and taken off in full, so its total is 0.
std::optional<QuoteLine> GiftLine(const PricingData& data, const Promotion& promotion, Date on) {
  const PricedProduct* product = GiftProduct(data, promotion);
  if (!product) return std::nullopt;
  const PriceList* list = ChoosePriceList(data.price_lists, product->id, on);
  Kopecks unit_price = list ? std::max<Kopecks>(0, list->prices.at(product->id)) : 0;
  QuoteLine line;
  if (!StartLine(*product, promotion.gift_quantity, unit_price, list ? list->id : PriceListId(),
                 line)) {
    return std::nullopt;
  }
  line.gift = true;
  Apply(line,
        {Adjustment::Source::kPromotion, promotion.id.value(), promotion.name,
         fmt::format("{}: {} × {} free", promotion.name, promotion.gift_quantity, product->sku),
         line.gross});
  return line;
}

void AddGifts(const PricingData& data, Date on, Kopecks subtotal, Kopecks order_gross,
              std::vector<QuoteLine>& lines) {
  for (const Promotion& promotion : data.promotions) {
    if (!GiftReached(promotion, on, subtotal)) continue;
    auto gift = GiftLine(data, promotion, on);
    // The quote's gross must stay countable; a gift that would break it is dropped.
    Kopecks with_gift = 0;
    if (!gift || __builtin_add_overflow(order_gross, gift->gross, &with_gift)) continue;
    order_gross = with_gift;
    lines.push_back(std::move(*gift));
  }
}

// --- Suggestions and totals ------------------------------------------------

// A running promotion the order does not get yet: a buy-x-pay-y of a product
// or category on a line with fewer than `buy` units, or a gift not reached.
bool WorthSuggesting(const PricingData& data, const Promotion& promotion, const Quote& quote,
                     Kopecks subtotal) {
  if (!ValidOn(promotion.valid_from, promotion.valid_to, quote.on)) return false;
  if (promotion.kind == PromotionKind::kGiftOverTotal) {
    return subtotal < promotion.min_order_total && GiftProduct(data, promotion);
  }
  if (!IsBuyXPayY(promotion)) return false;
  return std::any_of(quote.lines.begin(), quote.lines.end(), [&](const QuoteLine& line) {
    return !line.gift && line.quantity < promotion.buy &&
           Concerns(promotion, data.products.at(line.product));
  });
}

Kopecks VatIncluded(Kopecks total, int vat_percent) {
  if (total <= 0 || vat_percent <= 0) return 0;
  return static_cast<Kopecks>(
      RoundHalfUp(static_cast<Wide>(total) * vat_percent, 100 + vat_percent));
}

void Finish(Quote& quote) {
  for (QuoteLine& line : quote.lines) {
    line.vat = VatIncluded(line.total, line.vat_percent);
    quote.gross += line.gross;
    quote.total += line.total;
    quote.vat += line.vat;
  }
  quote.discount = quote.gross - quote.total;
}

}  // namespace

core::Result<Quote> QuoteOrder(const PricingData& data, const QuoteRequest& request) {
  if (request.lines.empty()) return Fail(ErrorCode::kInvalidArgument, "the order has no lines");
  Quote quote;
  quote.on = request.on;
  Kopecks order_gross = 0;
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    auto line = PriceLine(data, request.lines[i], i + 1, request.on);
    if (!line) return tl::unexpected(line.error());
    if (__builtin_add_overflow(order_gross, line->gross, &order_gross)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "the order's total is more money than can be counted");
    }
    quote.lines.push_back(std::move(*line));
  }
  for (QuoteLine& line : quote.lines) AdjustLine(data, request, order_gross, line);
  // Order discounts and gifts both look at the subtotal after line adjustments.
  Kopecks subtotal = Subtotal(quote.lines);
  if (auto discount = BestOrderDiscount(data, request, subtotal)) {
    SpreadOrderDiscount(quote.lines, *discount, subtotal);
    quote.order_adjustments.push_back(std::move(*discount));
  }
  AddGifts(data, request.on, subtotal, order_gross, quote.lines);
  for (const Promotion& promotion : data.promotions) {
    if (WorthSuggesting(data, promotion, quote, subtotal)) quote.suggestions.push_back(promotion);
  }
  Finish(quote);
  return quote;
}

core::Result<Date> ParseDate(const std::string& text) {
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a date (write YYYY-MM-DD, e.g. 2026-11-27)", text));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return bad();
  }
  auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    std::from_chars(text.data() + from, text.data() + from + length, value);
    return value;
  };
  std::chrono::year_month_day day{std::chrono::year(number(0, 4)),
                                  std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                  std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  if (!day.ok()) return bad();
  return Date(day);
}

std::string FormatDate(Date date) {
  std::chrono::year_month_day day(date);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

}  // namespace cc::crm
