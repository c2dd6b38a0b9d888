#include "crm/order.h"

#include <fmt/format.h>

#include <array>

#include "crm/json_fields.h"
#include "crm/phone.h"

namespace cc::crm {

namespace jf = json_fields;
using nlohmann::json;

namespace {

constexpr std::array<std::pair<OrderStatus, std::string_view>, 7> kStatusNames = {{
    {OrderStatus::kDraft, "draft"},
    {OrderStatus::kConfirmed, "confirmed"},
    {OrderStatus::kAssigned, "assigned"},
    {OrderStatus::kInFulfilment, "in_fulfilment"},
    {OrderStatus::kDelivered, "delivered"},
    {OrderStatus::kCancelled, "cancelled"},
    {OrderStatus::kReturned, "returned"},
}};

core::Result<Receiver> ReadReceiver(const json& item, std::size_t i) {
  const std::string where = fmt::format("receivers[{}].", i);
  if (!item.is_object()) return tl::unexpected(jf::Invalid(fmt::format("receivers[{}] must be an object", i)));
  Receiver r;
  auto name = jf::Text(item, "name", 200);
  if (!name) return tl::unexpected(jf::Invalid(where + name.error().message));
  r.name = *name;
  auto phone = jf::OptionalText(item, "phone", 40);
  if (!phone) return tl::unexpected(jf::Invalid(where + phone.error().message));
  if (!phone->empty()) {
    auto normalised = NormalizePhone(*phone);
    if (!normalised) return tl::unexpected(jf::Invalid(where + "phone: " + normalised.error().message));
    r.phone = *normalised;
  }
  for (auto [key, field] : {std::pair{"may_accept", &r.may_accept}, std::pair{"may_pay", &r.may_pay},
                            std::pair{"may_sign", &r.may_sign}}) {
    auto value = jf::Bool(item, key, false);
    if (!value) return tl::unexpected(jf::Invalid(where + value.error().message));
    *field = *value;
  }
  return r;
}

}  // namespace

std::string_view ToString(OrderStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "draft";
}

core::Result<OrderStatus> OrderStatusFromString(std::string_view text) {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) return s;
  }
  return tl::unexpected(jf::Invalid(fmt::format(
      "unknown order status \"{}\"; expected draft, confirmed, assigned, in_fulfilment, delivered, "
      "cancelled or returned",
      text)));
}

bool IsOpen(OrderStatus s) {
  return s == OrderStatus::kDraft || s == OrderStatus::kConfirmed || s == OrderStatus::kAssigned ||
         s == OrderStatus::kInFulfilment;
}

bool CanMove(OrderStatus from, OrderStatus to) {
  switch (to) {
    case OrderStatus::kInFulfilment:
      return from == OrderStatus::kAssigned;
    case OrderStatus::kDelivered:
      return from == OrderStatus::kInFulfilment;
    case OrderStatus::kCancelled:
      return IsOpen(from);
    case OrderStatus::kReturned:
      return from == OrderStatus::kDelivered;
    default:
      return false;  // draft, confirmed and assigned are reached by their own actions
  }
}

core::Result<int> ParseMinute(const std::string& text, bool allow_24) {
  int h = 0;
  int m = 0;
  char tail = 0;
  if (text.size() != 5 || std::sscanf(text.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2 || text[2] != ':' ||
      m < 0 || m > 59 || h < 0 || h > 24 || (h == 24 && (m != 0 || !allow_24))) {
    return tl::unexpected(jf::Invalid(fmt::format("\"{}\" is not a time of day (HH:MM)", text)));
  }
  return h * 60 + m;
}

std::string FormatMinute(int minute) {
  return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

core::Result<OrderInput> OrderInputFromJson(const json& body) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("an order must be a JSON object"));
  OrderInput in;
  auto tenant = jf::Int(body, "tenant_id", 1, 0xFFFFFFFF);
  if (!tenant) return tl::unexpected(tenant.error());
  in.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto customer = jf::Int(body, "customer_id", 1, INT64_MAX);
  if (!customer) return tl::unexpected(customer.error());
  in.customer = CustomerId(static_cast<std::uint64_t>(*customer));
  auto call = jf::OptionalInt(body, "call_id", 1, INT64_MAX);
  if (!call) return tl::unexpected(call.error());
  if (*call) in.call = core::CallId(static_cast<std::uint64_t>(**call));

  auto lines = jf::Array(body, "lines");
  if (!lines) return tl::unexpected(lines.error());
  if (lines->size() > 200) return tl::unexpected(jf::Invalid("lines: at most 200 lines"));
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const json& item = (*lines)[i];
    const std::string where = fmt::format("lines[{}].", i);
    if (!item.is_object()) return tl::unexpected(jf::Invalid(fmt::format("lines[{}] must be an object", i)));
    auto product = jf::Int(item, "product_id", 1, INT64_MAX);
    if (!product) return tl::unexpected(jf::Invalid(where + product.error().message));
    auto quantity = jf::Int(item, "quantity", INT64_MIN, INT64_MAX);
    if (!quantity) return tl::unexpected(jf::Invalid(where + quantity.error().message));
    in.lines.push_back({ProductId(static_cast<std::uint64_t>(*product)), *quantity});
  }

  const json delivery = body.contains("delivery") ? body["delivery"] : json::object();
  if (!delivery.is_object()) return tl::unexpected(jf::Invalid("delivery must be an object"));
  auto address = jf::OptionalText(delivery, "address", 500);
  if (!address) return tl::unexpected(jf::Invalid("delivery." + address.error().message));
  in.delivery.address = *address;
  auto region = jf::OptionalText(delivery, "region", 100);
  if (!region) return tl::unexpected(jf::Invalid("delivery." + region.error().message));
  in.delivery.region = *region;
  auto date = jf::Text(delivery, "date", 10);
  if (!date) return tl::unexpected(jf::Invalid("delivery." + date.error().message));
  auto parsed = ParseDate(*date);
  if (!parsed) return tl::unexpected(jf::Invalid("delivery.date: " + parsed.error().message));
  in.delivery.date = *parsed;
  auto from = jf::Text(delivery, "window_from", 5);
  if (!from) return tl::unexpected(jf::Invalid("delivery." + from.error().message));
  auto from_minute = ParseMinute(*from);
  if (!from_minute) return tl::unexpected(jf::Invalid("delivery.window_from: " + from_minute.error().message));
  auto to = jf::Text(delivery, "window_to", 5);
  if (!to) return tl::unexpected(jf::Invalid("delivery." + to.error().message));
  auto to_minute = ParseMinute(*to, true);
  if (!to_minute) return tl::unexpected(jf::Invalid("delivery.window_to: " + to_minute.error().message));
  in.delivery.window_from_minute = *from_minute;
  in.delivery.window_to_minute = *to_minute;

  auto receivers = jf::Array(body, "receivers");
  if (!receivers) return tl::unexpected(receivers.error());
  if (receivers->size() > 20) return tl::unexpected(jf::Invalid("receivers: at most 20 people"));
  for (std::size_t i = 0; i < receivers->size(); ++i) {
    auto r = ReadReceiver((*receivers)[i], i);
    if (!r) return tl::unexpected(r.error());
    in.receivers.push_back(std::move(*r));
  }
  auto pay = jf::Bool(body, "payment_on_delivery", true);
  if (!pay) return tl::unexpected(pay.error());
  in.payment_on_delivery = *pay;
  auto sign = jf::Bool(body, "documents_to_sign", false);
  if (!sign) return tl::unexpected(sign.error());
  in.documents_to_sign = *sign;
  auto note = jf::OptionalText(body, "note", 4000);
  if (!note) return tl::unexpected(note.error());
  in.note = *note;
  return in;
}

core::Status ValidateForConfirmation(const OrderInput& in, Date today, int minute_now) {
  std::vector<std::string> problems;
  if (in.lines.empty()) problems.push_back("the order has no lines");
  if (in.delivery.address.empty()) problems.push_back("delivery.address is empty");
  const Delivery& d = in.delivery;
  if (d.window_to_minute <= d.window_from_minute) {
    problems.push_back(fmt::format("the delivery window {}-{} is empty: it must end after it starts",
                                   FormatMinute(d.window_from_minute), FormatMinute(d.window_to_minute)));
  }
  if (d.date < today) {
    problems.push_back(fmt::format("the delivery date {} is in the past (today is {})", FormatDate(d.date),
                                   FormatDate(today)));
  } else if (d.date == today && d.window_to_minute <= minute_now) {
    problems.push_back(fmt::format("the delivery window {}-{} today has already passed (it is {} now)",
                                   FormatMinute(d.window_from_minute), FormatMinute(d.window_to_minute),
                                   FormatMinute(minute_now)));
  }
  auto any = [&](bool Receiver::*right) {
    for (const Receiver& r : in.receivers) {
      if (r.*right) return true;
    }
    return false;
  };
  if (!any(&Receiver::may_accept)) problems.push_back("nobody among the receivers may accept the goods");
  if (in.payment_on_delivery && !any(&Receiver::may_pay)) {
    problems.push_back("payment is on delivery but nobody among the receivers may pay");
  }
  if (in.documents_to_sign && !any(&Receiver::may_sign)) {
    problems.push_back("documents are to be signed but nobody among the receivers may sign");
  }
  if (problems.empty()) return {};
  std::string message;
  for (const std::string& p : problems) message += (message.empty() ? "" : "; ") + p;
  return core::Fail(core::ErrorCode::kInvalidArgument, message);
}

json ToJson(const OrderInput& in) {
  json lines = json::array();
  for (const QuoteLineRequest& l : in.lines) lines.push_back({{"product_id", l.product.value()}, {"quantity", l.quantity}});
  json receivers = json::array();
  for (const Receiver& r : in.receivers) {
    receivers.push_back({{"name", r.name},
                         {"phone", r.phone},
                         {"may_accept", r.may_accept},
                         {"may_pay", r.may_pay},
                         {"may_sign", r.may_sign}});
  }
  return {{"tenant_id", in.tenant.value()},
          {"customer_id", in.customer.value()},
          {"call_id", in.call ? json(in.call->value()) : json(nullptr)},
          {"lines", lines},
          {"delivery",
           {{"address", in.delivery.address},
            {"region", in.delivery.region},
            {"date", FormatDate(in.delivery.date)},
            {"window_from", FormatMinute(in.delivery.window_from_minute)},
            {"window_to", FormatMinute(in.delivery.window_to_minute)}}},
          {"receivers", receivers},
          {"payment_on_delivery", in.payment_on_delivery},
          {"documents_to_sign", in.documents_to_sign},
          {"note", in.note}};
}

core::Result<OrderInput> StoredInputFromJson(const json& document) {
  return OrderInputFromJson(document);
}

json ToJson(const Order& o) {
  json history = json::array();
  for (const OrderChange& c : o.history) {
    history.push_back({{"at", core::FormatUtc(c.at)},
                       {"by", c.by ? json(c.by->value()) : json(nullptr)},
                       {"status", ToString(c.status)},
                       {"manager_id", c.manager ? json(c.manager->value()) : json(nullptr)},
                       {"comment", c.comment}});
  }
  json out = ToJson(o.input);
  out["id"] = o.id.value();
  out["status"] = ToString(o.status);
  out["manager_id"] = o.manager ? json(o.manager->value()) : json(nullptr);
  out["quote"] = o.quote;
  out["total"] = o.total;
  out["vat"] = o.vat;
  out["amount_due"] = o.amount_due();
  out["created_by"] = o.created_by.value();
  out["created_at"] = core::FormatUtc(o.created_at);
  out["updated_at"] = core::FormatUtc(o.updated_at);
  out["history"] = history;
  return out;
}

}  // namespace cc::crm
