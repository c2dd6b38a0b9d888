#include "crm/pricing_json.h"

#include <fmt/format.h>

#include <limits>
#include <set>
#include <string_view>
#include <utility>

namespace cc::crm {

namespace {

using nlohmann::json;

// Bounds that keep every figure of a quote far from the int64 limit: ten
// trillion rubles and a million units.
constexpr std::int64_t kMaxMoney = 1'000'000'000'000'000;
constexpr std::int64_t kMaxQuantity = 1'000'000;
constexpr std::int64_t kMaxPriority = 1'000'000;
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

// An enumerator and its JSON name.
template <typename E>
struct Named {
  const char* text;
  E value;
};

constexpr Named<DiscountKind> kDiscountKinds[] = {{"percent", DiscountKind::kPercent},
                                                  {"amount", DiscountKind::kAmount}};
constexpr Named<DiscountTarget> kDiscountTargets[] = {
    {"product", DiscountTarget::kProduct},
    {"category", DiscountTarget::kCategory},
    {"customer_group", DiscountTarget::kCustomerGroup},
    {"order", DiscountTarget::kOrder}};
constexpr Named<PromotionKind> kPromotionKinds[] = {
    {"buy_x_pay_y", PromotionKind::kBuyXPayY}, {"gift_over_total", PromotionKind::kGiftOverTotal}};
constexpr Named<Adjustment::Source> kSources[] = {{"discount", Adjustment::Source::kDiscount},
                                                  {"promotion", Adjustment::Source::kPromotion}};

template <typename E, std::size_t N>
const char* NameOf(const Named<E> (&names)[N], E value) {
  for (const Named<E>& n : names) {
    if (n.value == value) return n.text;
  }
  return "";
}

// "percent or amount", "product, category, customer_group or order".
template <typename E, std::size_t N>
std::string Choices(const Named<E> (&names)[N]) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += names[i].text;
  }
  return out;
}

json DayJson(Date day) {
  return FormatDate(day);
}

json OpenDayJson(const std::optional<Date>& day) {
  return day ? DayJson(*day) : json(nullptr);
}

// Reads the fields of one JSON object and keeps the first error, so that a
// parser reads as a list of fields with one check at the end. Every field
// asked for is remembered: Finish() rejects the others, so a misspelt
// "valid_too" is an error instead of an open-ended rule.
class Reader {
 public:
  // `what` names the object in "… must be a JSON object"; `path` prefixes
  // field names in messages ("prices[2]" gives "prices[2].price …").
  Reader(const json& object, const std::string& what, std::string path = "")
      : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) Fail(fmt::format("{} must be a JSON object", what));
  }

  bool ok() const { return !error_; }

  void Fail(std::string message) {
    if (!error_) error_ = core::Error{core::ErrorCode::kInvalidArgument, std::move(message)};
  }
  void Check(bool condition, std::string message) {
    if (!condition) Fail(std::move(message));
  }
  void Take(const core::Status& status) {
    if (!status) Fail(status.error().message);
  }

  std::optional<std::int64_t> OptionalInt(const std::string& field, std::int64_t min,
                                          std::int64_t max) {
    const json* v = Find(field);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) {
      Fail(Name(field) + " must be an integer");
      return std::nullopt;
    }
    bool too_big =
        v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    if (too_big || v->get<std::int64_t>() < min || v->get<std::int64_t>() > max) {
      Fail(fmt::format("{} must be between {} and {}", Name(field), min, max));
      return std::nullopt;
    }
    return v->get<std::int64_t>();
  }
  std::int64_t Int(const std::string& field, std::int64_t fallback, std::int64_t min,
                   std::int64_t max) {
    return OptionalInt(field, min, max).value_or(fallback);
  }
  std::int64_t RequiredInt(const std::string& field, std::int64_t min, std::int64_t max) {
    if (ok() && !Find(field)) Fail(Name(field) + " is required");
    return Int(field, 0, min, max);
  }
  // Ids: 0 or absent is none.
  std::uint64_t Id(const std::string& field) {
    return static_cast<std::uint64_t>(Int(field, 0, 0, kMaxId));
  }
  std::uint64_t RequiredId(const std::string& field) {
    std::uint64_t id = Id(field);
    Check(id != 0, Name(field) + " is required");
    return id;
  }

  // A string, trimmed of surrounding spaces; `required`: present and not empty.
  std::string Text(const std::string& field, bool required, std::size_t max) {
    const json* v = Find(field);
    if (!v) {
      if (required) Fail(Name(field) + " is required");
      return "";
    }
    if (!v->is_string()) {
      Fail(Name(field) + " must be a string");
      return "";
    }
    std::string text = Trim(v->get<std::string>());
    if (required && text.empty()) Fail(Name(field) + " must not be empty");
    if (text.size() > max) Fail(fmt::format("{} is longer than {} bytes", Name(field), max));
    return text;
  }

  std::optional<Date> OptionalDay(const std::string& field) {
    const json* v = Find(field);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      Fail(Name(field) + " must be a date string YYYY-MM-DD");
      return std::nullopt;
    }
    auto day = ParseDate(v->get<std::string>());
    if (!day) {
      Fail(fmt::format("{}: {}", Name(field), day.error().message));
      return std::nullopt;
    }
    return *day;
  }
  Date RequiredDay(const std::string& field) {
    if (ok() && !Find(field)) Fail(Name(field) + " is required");
    return OptionalDay(field).value_or(Date());
  }

  template <typename E, std::size_t N>
  E Enum(const std::string& field, const Named<E> (&names)[N]) {
    const json* v = Find(field);
    if (!v) {
      Fail(Name(field) + " is required");
      return names[0].value;
    }
    if (!v->is_string()) {
      Fail(Name(field) + " must be a string");
      return names[0].value;
    }
    for (const Named<E>& n : names) {
      if (*v == n.text) return n.value;
    }
    Fail(fmt::format("unknown {} \"{}\"; expected {}", Name(field), v->get<std::string>(),
                     Choices(names)));
    return names[0].value;
  }

  // An array (nullptr when absent: empty).
  const json* Array(const std::string& field) {
    const json* v = Find(field);
    if (v && !v->is_array()) {
      Fail(Name(field) + " must be an array");
      return nullptr;
    }
    return v;
  }

  // A field that does not apply to the object's kind or target: absent, null or 0.
  void NotFor(const std::string& field, std::string_view applies_to) {
    const json* v = Find(field);
    if (v && !(v->is_number_integer() && *v == 0)) {
      Fail(fmt::format("{} applies only to {}", Name(field), applies_to));
    }
  }

  core::Status Finish() {
    if (error_) return tl::unexpected(*error_);
    for (const auto& [field, value] : object_.items()) {
      if (!known_.contains(field)) {
        return core::Fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("unknown field \"{}\"", Name(field)));
      }
    }
    return {};
  }

 private:
  static std::string Trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
  }

  std::string Name(const std::string& field) const {
    return path_.empty() ? field : path_ + "." + field;
  }

  // The field's value; nullptr when absent or null, or after an error.
  const json* Find(const std::string& field) {
    known_.insert(field);
    if (error_ || !object_.is_object()) return nullptr;
    auto it = object_.find(field);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  const json& object_;
  std::string path_;
  std::set<std::string> known_;
  std::optional<core::Error> error_;
};

constexpr std::size_t kMaxName = 500;
constexpr std::size_t kMaxPitch = 2000;

void ReadValidity(Reader& r, Date& from, std::optional<Date>& to) {
  from = r.RequiredDay("valid_from");
  to = r.OptionalDay("valid_to");
  if (r.ok()) r.Check(!to || *to >= from, "valid_to is before valid_from");
}

void ReadDiscountValue(Reader& r, DiscountRule& rule) {
  if (rule.kind == DiscountKind::kPercent) {
    rule.percent_bp = r.RequiredInt("percent_bp", 1, 10'000);
    r.NotFor("amount", "kind amount");
  } else {
    rule.amount = r.RequiredInt("amount", 1, kMaxMoney);
    r.NotFor("percent_bp", "kind percent");
  }
}

void ReadDiscountTarget(Reader& r, DiscountRule& rule) {
  switch (rule.target) {
    case DiscountTarget::kProduct:
      rule.product = ProductId(r.RequiredId("product_id"));
      r.NotFor("category_id", "target category");
      break;
    case DiscountTarget::kCategory:
      rule.category = CategoryId(r.RequiredId("category_id"));
      r.NotFor("product_id", "target product");
      break;
    case DiscountTarget::kCustomerGroup:
      rule.customer_group = CustomerGroupId(r.RequiredId("customer_group_id"));
      r.NotFor("product_id", "target product");
      r.NotFor("category_id", "target category");
      break;
    case DiscountTarget::kOrder:
      r.NotFor("product_id", "target product");
      r.NotFor("category_id", "target category");
      r.NotFor("min_quantity", "line rules (targets product, category, customer_group)");
      break;
  }
  // For the other targets, a customer group restricts the rule to its customers.
  if (rule.target != DiscountTarget::kCustomerGroup) {
    rule.customer_group = CustomerGroupId(r.Id("customer_group_id"));
  }
  if (rule.target != DiscountTarget::kOrder) {
    rule.min_quantity = r.Int("min_quantity", 0, 0, kMaxQuantity);
  }
}

void ReadBuyXPayY(Reader& r, Promotion& promotion) {
  promotion.product = ProductId(r.Id("product_id"));
  promotion.category = CategoryId(r.Id("category_id"));
  if (r.ok()) {
    r.Check(promotion.product.valid() || promotion.category.valid(),
            "buy_x_pay_y needs product_id or category_id");
    r.Check(!(promotion.product.valid() && promotion.category.valid()),
            "buy_x_pay_y takes product_id or category_id, not both");
  }
  promotion.buy = r.RequiredInt("buy", 1, kMaxQuantity);
  promotion.pay = r.RequiredInt("pay", 1, kMaxQuantity);
  if (r.ok()) r.Check(promotion.buy > promotion.pay, "buy must be greater than pay");
  r.NotFor("min_order_total", "kind gift_over_total");
  r.NotFor("gift_product_id", "kind gift_over_total");
  r.NotFor("gift_quantity", "kind gift_over_total");
}

void ReadGift(Reader& r, Promotion& promotion) {
  promotion.min_order_total = r.RequiredInt("min_order_total", 0, kMaxMoney);
  promotion.gift_product = ProductId(r.RequiredId("gift_product_id"));
  promotion.gift_quantity = r.Int("gift_quantity", 1, 1, kMaxQuantity);
  r.NotFor("product_id", "kind buy_x_pay_y");
  r.NotFor("category_id", "kind buy_x_pay_y");
  r.NotFor("buy", "kind buy_x_pay_y");
  r.NotFor("pay", "kind buy_x_pay_y");
}

std::map<ProductId, Kopecks> ReadPrices(Reader& r) {
  std::map<ProductId, Kopecks> prices;
  const json* items = r.Array("prices");
  for (std::size_t i = 0; items && i < items->size() && r.ok(); ++i) {
    std::string path = fmt::format("prices[{}]", i);
    Reader item((*items)[i], path, path);
    ProductId product(item.RequiredId("product_id"));
    Kopecks price = item.RequiredInt("price", 0, kMaxMoney);
    if (item.ok()) {
      item.Check(!prices.contains(product),
                 fmt::format("{}.product_id {} is listed twice", path, product.value()));
    }
    r.Take(item.Finish());
    prices[product] = price;
  }
  return prices;
}

template <typename T>
core::Result<T> Done(Reader& r, T value) {
  if (auto status = r.Finish(); !status) return tl::unexpected(status.error());
  return value;
}

}  // namespace

json ToJson(const DiscountRule& rule) {
  json j = {{"id", rule.id.value()},
            {"name", rule.name},
            {"valid_from", DayJson(rule.valid_from)},
            {"valid_to", OpenDayJson(rule.valid_to)},
            {"kind", NameOf(kDiscountKinds, rule.kind)},
            {"target", NameOf(kDiscountTargets, rule.target)},
            {"customer_group_id", rule.customer_group.value()},
            {"min_order_total", rule.min_order_total}};
  if (rule.kind == DiscountKind::kPercent) {
    j["percent_bp"] = rule.percent_bp;
  } else {
    j["amount"] = rule.amount;
  }
  if (rule.target == DiscountTarget::kProduct) j["product_id"] = rule.product.value();
  if (rule.target == DiscountTarget::kCategory) j["category_id"] = rule.category.value();
  if (rule.target != DiscountTarget::kOrder) j["min_quantity"] = rule.min_quantity;
  return j;
}

json ToJson(const Promotion& promotion) {
  json j = {{"id", promotion.id.value()},
            {"name", promotion.name},
            {"pitch", promotion.pitch},
            {"valid_from", DayJson(promotion.valid_from)},
            {"valid_to", OpenDayJson(promotion.valid_to)},
            {"kind", NameOf(kPromotionKinds, promotion.kind)}};
  if (promotion.kind == PromotionKind::kBuyXPayY) {
    j["product_id"] = promotion.product.value();
    j["category_id"] = promotion.category.value();
    j["buy"] = promotion.buy;
    j["pay"] = promotion.pay;
  } else {
    j["min_order_total"] = promotion.min_order_total;
    j["gift_product_id"] = promotion.gift_product.value();
    j["gift_quantity"] = promotion.gift_quantity;
  }
  return j;
}

json ToJson(const PriceList& list) {
  json prices = json::array();
  for (const auto& [product, price] : list.prices) {
    prices.push_back({{"product_id", product.value()}, {"price", price}});
  }
  return {{"id", list.id.value()},
          {"name", list.name},
          {"valid_from", DayJson(list.valid_from)},
          {"valid_to", OpenDayJson(list.valid_to)},
          {"priority", list.priority},
          {"prices", prices}};
}

json ToJson(const Adjustment& adjustment) {
  return {{"source", NameOf(kSources, adjustment.source)},
          {"rule_id", adjustment.rule_id},
          {"rule_name", adjustment.rule_name},
          {"reason", adjustment.reason},
          {"amount", adjustment.amount}};
}

namespace {

json AdjustmentsJson(const std::vector<Adjustment>& adjustments) {
  json out = json::array();
  for (const Adjustment& a : adjustments) out.push_back(ToJson(a));
  return out;
}

}  // namespace

json ToJson(const QuoteLine& line) {
  return {{"product_id", line.product.value()},
          {"sku", line.sku},
          {"name", line.name},
          {"quantity", line.quantity},
          {"unit_price", line.unit_price},
          {"price_list_id", line.price_list.value()},
          {"gross", line.gross},
          {"adjustments", AdjustmentsJson(line.adjustments)},
          {"total", line.total},
          {"vat_percent", line.vat_percent},
          {"vat", line.vat},
          {"gift", line.gift}};
}

json ToJson(const Quote& quote) {
  json lines = json::array();
  for (const QuoteLine& line : quote.lines) lines.push_back(ToJson(line));
  json suggestions = json::array();
  for (const Promotion& p : quote.suggestions) {
    suggestions.push_back({{"id", p.id.value()}, {"name", p.name}, {"pitch", p.pitch}});
  }
  return {{"on", DayJson(quote.on)},
          {"lines", lines},
          {"order_adjustments", AdjustmentsJson(quote.order_adjustments)},
          {"gross", quote.gross},
          {"discount", quote.discount},
          {"total", quote.total},
          {"vat", quote.vat},
          {"suggestions", suggestions}};
}

core::Result<DiscountRule> DiscountRuleFromJson(const json& body) {
  Reader r(body, "a discount rule");
  DiscountRule rule;
  rule.id = DiscountId(r.Id("id"));
  rule.name = r.Text("name", true, kMaxName);
  ReadValidity(r, rule.valid_from, rule.valid_to);
  rule.kind = r.Enum("kind", kDiscountKinds);
  rule.target = r.Enum("target", kDiscountTargets);
  if (r.ok()) {  // which fields apply depends on the kind and the target
    ReadDiscountValue(r, rule);
    ReadDiscountTarget(r, rule);
  }
  rule.min_order_total = r.Int("min_order_total", 0, 0, kMaxMoney);
  return Done(r, std::move(rule));
}

core::Result<Promotion> PromotionFromJson(const json& body) {
  Reader r(body, "a promotion");
  Promotion promotion;
  promotion.id = PromotionId(r.Id("id"));
  promotion.name = r.Text("name", true, kMaxName);
  promotion.pitch = r.Text("pitch", false, kMaxPitch);
  ReadValidity(r, promotion.valid_from, promotion.valid_to);
  promotion.kind = r.Enum("kind", kPromotionKinds);
  if (r.ok()) {
    if (promotion.kind == PromotionKind::kBuyXPayY) {
      ReadBuyXPayY(r, promotion);
    } else {
      ReadGift(r, promotion);
    }
  }
  return Done(r, std::move(promotion));
}

core::Result<PriceList> PriceListFromJson(const json& body) {
  Reader r(body, "a price list");
  PriceList list;
  list.id = PriceListId(r.Id("id"));
  list.name = r.Text("name", true, kMaxName);
  ReadValidity(r, list.valid_from, list.valid_to);
  list.priority = static_cast<int>(r.Int("priority", 0, -kMaxPriority, kMaxPriority));
  list.prices = ReadPrices(r);
  return Done(r, std::move(list));
}

}  // namespace cc::crm
