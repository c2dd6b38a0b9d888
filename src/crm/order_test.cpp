#include "crm/order.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

using nlohmann::json;

json ValidBody() {
  return json::parse(R"({
    "tenant_id": 1, "customer_id": 7, "lines": [{"product_id": 3, "quantity": 2}],
    "delivery": {"address": "Москва, ул. Лесная, 5", "region": "Москва", "date": "2026-11-30",
                 "window_from": "10:00", "window_to": "14:00"},
    "receivers": [{"name": "Мария", "phone": "8 916 000-00-01", "may_accept": true, "may_pay": true}],
    "payment_on_delivery": true})");
}

const Date kToday = ParseDate("2026-11-27").value();

TEST(OrderInput, ReadsDeliveryWindowAndReceivers) {
  auto in = OrderInputFromJson(ValidBody());
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->delivery.window_from_minute, 600);
  EXPECT_EQ(in->delivery.window_to_minute, 840);
  EXPECT_EQ(in->receivers[0].phone, "+79160000001");
  EXPECT_TRUE(ValidateForConfirmation(*in, kToday, 9 * 60));
}

TEST(OrderInput, ShapeErrorsNameTheField) {
  auto message = [](json body) {
    auto in = OrderInputFromJson(body);
    return in ? std::string("accepted") : in.error().message;
  };
  json b = ValidBody();
  b["delivery"]["window_from"] = "25:00";
  EXPECT_EQ(message(b), "delivery.window_from: \"25:00\" is not a time of day (HH:MM)");
  b = ValidBody();
  b["delivery"]["date"] = "30.11.2026";
  EXPECT_NE(message(b).find("delivery.date"), std::string::npos);
  b = ValidBody();
  b["lines"][0].erase("product_id");
  EXPECT_EQ(message(b), "lines[0].product_id is required");
  b = ValidBody();
  b["receivers"][0]["may_pay"] = 1;
  EXPECT_EQ(message(b), "receivers[0].may_pay must be true or false");
  b = ValidBody();
  b["delivery"]["window_to"] = "24:00";
  EXPECT_EQ(message(b), "accepted");
}

TEST(OrderValidation, ListsEveryBrokenRule) {
  OrderInput in = OrderInputFromJson(ValidBody()).value();
  in.delivery.date = ParseDate("2026-11-26").value();
  in.receivers = {{"Пётр", "", false, false, true}};
  in.documents_to_sign = true;
  auto result = ValidateForConfirmation(in, kToday, 9 * 60);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "the delivery date 2026-11-26 is in the past (today is 2026-11-27); nobody among the receivers may "
            "accept the goods; payment is on delivery but nobody among the receivers may pay");
}

TEST(OrderValidation, WindowTodayMustNotHavePassedAndMustNotBeEmpty) {
  OrderInput in = OrderInputFromJson(ValidBody()).value();
  in.delivery.date = kToday;
  EXPECT_TRUE(ValidateForConfirmation(in, kToday, 13 * 60 + 59));
  auto passed = ValidateForConfirmation(in, kToday, 14 * 60);
  ASSERT_FALSE(passed);
  EXPECT_EQ(passed.error().message, "the delivery window 10:00-14:00 today has already passed (it is 14:00 now)");
  in.delivery.date = ParseDate("2026-12-01").value();
  in.delivery.window_to_minute = 600;
  auto empty = ValidateForConfirmation(in, kToday, 0);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "the delivery window 10:00-10:00 is empty: it must end after it starts");
}

TEST(OrderValidation, SignerNeededOnlyWhenDocumentsAreSigned) {
  OrderInput in = OrderInputFromJson(ValidBody()).value();
  in.documents_to_sign = true;
  auto missing = ValidateForConfirmation(in, kToday, 0);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "documents are to be signed but nobody among the receivers may sign");
  in.receivers.push_back({"Директор", "", false, false, true});
  EXPECT_TRUE(ValidateForConfirmation(in, kToday, 0));
  in.payment_on_delivery = false;
  in.receivers[0].may_pay = false;
  EXPECT_TRUE(ValidateForConfirmation(in, kToday, 0));
}

TEST(OrderStatus, OnlyTheDocumentedMovesByHand) {
  EXPECT_TRUE(CanMove(OrderStatus::kAssigned, OrderStatus::kInFulfilment));
  EXPECT_TRUE(CanMove(OrderStatus::kInFulfilment, OrderStatus::kDelivered));
  EXPECT_TRUE(CanMove(OrderStatus::kDelivered, OrderStatus::kReturned));
  EXPECT_TRUE(CanMove(OrderStatus::kDraft, OrderStatus::kCancelled));
  EXPECT_FALSE(CanMove(OrderStatus::kDraft, OrderStatus::kDelivered));
  EXPECT_FALSE(CanMove(OrderStatus::kDelivered, OrderStatus::kCancelled));
  EXPECT_FALSE(CanMove(OrderStatus::kCancelled, OrderStatus::kInFulfilment));
  EXPECT_FALSE(CanMove(OrderStatus::kConfirmed, OrderStatus::kAssigned));  // the hand-off does that
  EXPECT_EQ(OrderStatusFromString("in_fulfilment").value(), OrderStatus::kInFulfilment);
  EXPECT_FALSE(OrderStatusFromString("shipped"));
}

TEST(OrderJson, StoredInputReadsBackEqual) {
  OrderInput in = OrderInputFromJson(ValidBody()).value();
  OrderInput back = StoredInputFromJson(ToJson(in)).value();
  EXPECT_EQ(ToJson(back), ToJson(in));
}

}  // namespace
}  // namespace cc::crm
