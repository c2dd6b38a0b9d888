// Orders: lines priced by QuoteOrder, delivery address, day and time
// window, the customer's people who will be there with what each may do, and
// the status history. Validation is pure and says exactly what is wrong.
// Thread-safety: value types and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "crm/ids.h"
#include "crm/pricing.h"

namespace cc::crm {

enum class OrderStatus { kDraft, kConfirmed, kAssigned, kInFulfilment, kDelivered, kCancelled, kReturned };

std::string_view ToString(OrderStatus status);
core::Result<OrderStatus> OrderStatusFromString(std::string_view text);
// Whether a person may move an order from `from` to `to` by hand (assignment
// happens on confirmation and by reassignment, not through this).
bool CanMove(OrderStatus from, OrderStatus to);
// Draft, confirmed, assigned and in fulfilment orders are still open.
bool IsOpen(OrderStatus status);

// Someone the customer sends to receive the delivery.
struct Receiver {
  std::string name;
  std::string phone;  // E.164 or empty
  bool may_accept = false;
  bool may_pay = false;
  bool may_sign = false;
  friend bool operator==(const Receiver&, const Receiver&) = default;
};

struct Delivery {
  std::string address;
  std::string region;  // for the hand-off rules ("Москва", "СПб", ...)
  Date date;
  int window_from_minute = 0;  // local minutes since midnight, [0, 1440)
  int window_to_minute = 0;    // (window_from, 1440]
};

// What an operator enters; the server adds prices, status and ids.
struct OrderInput {
  core::TenantId tenant;
  CustomerId customer;
  std::optional<core::CallId> call;
  std::vector<QuoteLineRequest> lines;
  Delivery delivery;
  std::vector<Receiver> receivers;
  bool payment_on_delivery = true;
  bool documents_to_sign = false;
  std::string note;
};

struct OrderChange {
  core::Timestamp at;
  std::optional<core::UserId> by;
  OrderStatus status = OrderStatus::kDraft;
  std::optional<core::UserId> manager;
  std::string comment;
};

struct Order {
  OrderId id;
  OrderInput input;
  nlohmann::json quote;  // the Quote's JSON (pricing_json.h) as confirmed or last priced
  Kopecks total = 0;
  Kopecks vat = 0;
  OrderStatus status = OrderStatus::kDraft;
  std::optional<core::UserId> manager;
  core::UserId created_by;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::vector<OrderChange> history;  // oldest first

  Kopecks amount_due() const { return input.payment_on_delivery ? total : 0; }
};

// Reads {"tenant_id","customer_id","call_id","lines":[{"product_id","quantity"}],
// "delivery":{"address","region","date","window_from":"10:00","window_to":"14:00"},
// "receivers":[{"name","phone","may_accept","may_pay","may_sign"}],
// "payment_on_delivery","documents_to_sign","note"}. Shape errors only; the
// business rules are in ValidateForConfirmation.
core::Result<OrderInput> OrderInputFromJson(const nlohmann::json& body);

// The rules an order must meet to be confirmed: a delivery address; a day and
// window not in the past (`today` and `minute_now` are the centre's local
// date and time) and a window that is not empty; someone who may accept;
// someone who may pay when paying on delivery; someone who may sign when
// documents are to be signed. Every broken rule is listed, separated by "; ".
core::Status ValidateForConfirmation(const OrderInput& input, Date today, int minute_now);

nlohmann::json ToJson(const Order& order);
nlohmann::json ToJson(const OrderInput& input);  // as stored (the document column)
core::Result<OrderInput> StoredInputFromJson(const nlohmann::json& document);

// "10:30" <-> 630.
core::Result<int> ParseMinute(const std::string& text, bool allow_24 = false);
std::string FormatMinute(int minute);

}  // namespace cc::crm
