#include "crm/order_desk.h"

#include <gtest/gtest.h>

#include "crm/testing/crm_fixture.h"

namespace cc::crm {
namespace {

using nlohmann::json;

const core::TenantId kBeta(1);
const core::UserId kOperator(10);
const core::UserId kAnna(21);
const core::UserId kBoris(22);
// 2026-11-27 09:00 UTC (the desk runs in UTC in these tests).
const core::Timestamp kNow = core::ParseUtc("2026-11-27T09:00:00Z").value();

class OrderDeskTest : public testing::CrmFixture {
 protected:
  void SetUp() override {
    CrmFixture::SetUp();
    tea_ = AddProduct(kBeta, "TEA-001", "Чай", 45000);
    customer_ = AddCustomer(kBeta, "ООО Ромашка", "+79161234567");
    ManagerProfile anna;
    anna.user = kAnna;
    anna.regions = {"Москва"};
    ManagerProfile boris;
    boris.user = kBoris;
    boris.regions = {"Москва", "Тверь"};
    ASSERT_TRUE(desk_->SaveManager(kBeta, anna));
    ASSERT_TRUE(desk_->SaveManager(kBeta, boris));
  }

  OrderInput Input(std::int64_t quantity = 2, const std::string& region = "Москва") {
    OrderInput in;
    in.tenant = kBeta;
    in.customer = customer_.id;
    in.call = core::CallId(5001);
    in.lines = {{tea_.id, quantity}};
    in.delivery = {"Москва, ул. Лесная, 5", region, ParseDate("2026-11-28").value(), 600, 840};
    in.receivers = {{"Мария", "", true, true, false}};
    return in;
  }

  Product tea_;
  Customer customer_;
};

TEST_F(OrderDeskTest, DraftIsPricedWithTheQuotingFunction) {
  auto order = desk_->Create(Input(3), kOperator, kNow);
  ASSERT_TRUE(order) << order.error().message;
  EXPECT_EQ(order->status, OrderStatus::kDraft);
  EXPECT_EQ(order->total, 3 * 45000);
  EXPECT_EQ(order->quote["total"], 3 * 45000);
  EXPECT_EQ(order->amount_due(), 3 * 45000);
  auto stored = desk_->Get(order->id).value().value();
  EXPECT_EQ(stored.total, order->total);
  ASSERT_EQ(stored.history.size(), 1u);
  EXPECT_EQ(stored.history[0].by, kOperator);
}

TEST_F(OrderDeskTest, BadLinesAreRefusedWithTheLineNamed) {
  auto zero = desk_->Create(Input(0), kOperator, kNow);
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().message.find("line 1"), std::string::npos) << zero.error().message;
  OrderInput other_customer = Input();
  other_customer.customer = CustomerId(999999);
  auto missing = desk_->Create(other_customer, kOperator, kNow);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

TEST_F(OrderDeskTest, ConfirmationHandsTheOrderToTheLeastLoadedManagerAndNotifiesThem) {
  auto first = desk_->Create(Input(), kOperator, kNow).value();
  auto confirmed = desk_->Confirm(first.id, kOperator, "", kNow);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->status, OrderStatus::kAssigned);
  EXPECT_EQ(confirmed->manager, kAnna);  // equal load, lower id
  auto second = desk_->Create(Input(), kOperator, kNow).value();
  EXPECT_EQ(desk_->Confirm(second.id, kOperator, "", kNow + core::Seconds(1))->manager, kBoris);
  auto third = desk_->Create(Input(1, "Тверь"), kOperator, kNow).value();
  EXPECT_EQ(desk_->Confirm(third.id, kOperator, "", kNow + core::Seconds(2))->manager, kBoris);  // region

  const auto sent = notifier_.sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].to, "user:21");
  EXPECT_EQ(sent[0].message["type"], "order.assigned");
  EXPECT_EQ(sent[0].message["order"]["id"], first.id.value());

  auto stored = desk_->Get(first.id).value().value();
  ASSERT_EQ(stored.history.size(), 3u);  // created, confirmed, assigned
  EXPECT_EQ(stored.history[1].status, OrderStatus::kConfirmed);
  EXPECT_EQ(stored.history[2].status, OrderStatus::kAssigned);
  EXPECT_EQ(stored.history[2].manager, kAnna);

  OrderFilter mine;
  mine.scope = TenantScope::All();
  mine.manager = kBoris;
  EXPECT_EQ(desk_->List(mine)->size(), 2u);
}

TEST_F(OrderDeskTest, ConfirmationChecksTheRulesAndChangesNothingWhenBroken) {
  OrderInput in = Input();
  in.receivers = {{"Сосед", "", false, false, false}};
  auto draft = desk_->Create(in, kOperator, kNow).value();
  auto refused = desk_->Confirm(draft.id, kOperator, "", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("nobody among the receivers may accept"), std::string::npos);
  EXPECT_EQ(desk_->Get(draft.id).value()->status, OrderStatus::kDraft);
  EXPECT_TRUE(notifier_.sent().empty());
}

TEST_F(OrderDeskTest, PriceChangeSinceTheDraftStopsConfirmation) {
  auto draft = desk_->Create(Input(), kOperator, kNow).value();
  AddProduct(kBeta, "TEA-002", "Другой чай", 100);  // re-saves the base list...
  PriceList& list = base_lists_[kBeta.value()];
  list.prices[tea_.id] = 50000;
  ASSERT_TRUE(catalogue_->SavePriceList(kBeta, list));
  auto refused = desk_->Confirm(draft.id, kOperator, "", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("the prices changed"), std::string::npos);
  auto updated = desk_->UpdateDraft(draft.id, Input(), kOperator, kNow);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->total, 2 * 50000);
  EXPECT_TRUE(desk_->Confirm(draft.id, kOperator, "", kNow));
}

TEST_F(OrderDeskTest, ManagersMoveOrdersThroughTheirStatuses) {
  auto order = desk_->Create(Input(), kOperator, kNow).value();
  ASSERT_TRUE(desk_->Confirm(order.id, kOperator, "", kNow));
  EXPECT_TRUE(desk_->Move(order.id, OrderStatus::kInFulfilment, kAnna, "picked", kNow));
  auto wrong = desk_->Move(order.id, OrderStatus::kReturned, kAnna, "", kNow);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message, "order " + std::to_string(order.id.value()) +
                                       " is in_fulfilment and cannot become returned by hand");
  auto delivered = desk_->Move(order.id, OrderStatus::kDelivered, kAnna, "handed to Мария", kNow);
  ASSERT_TRUE(delivered);
  EXPECT_EQ(desk_->Get(order.id).value()->history.back().comment, "handed to Мария");
  auto cancel = desk_->Move(order.id, OrderStatus::kCancelled, kAnna, "x", kNow);
  EXPECT_FALSE(cancel);

  // The operator who took the order hears of each move (and not of the refused one).
  std::vector<std::string> to_operator;
  for (const auto& sent : notifier_.sent()) {
    if (sent.to != "user:10") continue;
    EXPECT_EQ(sent.message["type"], "order.status");
    EXPECT_EQ(sent.message["order"]["id"], order.id.value());
    to_operator.push_back(sent.message["order"]["status"]);
  }
  EXPECT_EQ(to_operator, (std::vector<std::string>{"in_fulfilment", "delivered"}));
}

TEST_F(OrderDeskTest, CancellingNeedsAReason) {
  auto order = desk_->Create(Input(), kOperator, kNow).value();
  auto refused = desk_->Move(order.id, OrderStatus::kCancelled, kOperator, "", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "a cancellation needs a comment saying why");
  EXPECT_TRUE(desk_->Move(order.id, OrderStatus::kCancelled, kOperator, "customer changed mind", kNow));
}

TEST_F(OrderDeskTest, ReassignmentMovesTheOrderAndTellsTheNewManager) {
  auto order = desk_->Create(Input(), kOperator, kNow).value();
  ASSERT_EQ(desk_->Confirm(order.id, kOperator, "", kNow)->manager, kAnna);
  auto moved = desk_->Reassign(order.id, kBoris, kOperator, "Анна в отпуске", kNow);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->manager, kBoris);
  const auto sent = notifier_.sent();
  ASSERT_GE(sent.size(), 2u);
  EXPECT_EQ(sent[sent.size() - 2].to, "user:22");
  EXPECT_EQ(sent[sent.size() - 2].message["type"], "order.assigned");
  // Anna hears that the order left her inbox.
  EXPECT_EQ(sent.back().to, "user:21");
  EXPECT_EQ(sent.back().message["type"], "order.status");
  EXPECT_EQ(sent.back().message["order"]["manager_id"], kBoris.value());
  auto unknown = desk_->Reassign(order.id, core::UserId(99), kOperator, "", kNow);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "user 99 is not an active manager of tenant 1");
}

TEST_F(OrderDeskTest, ConfirmingTwiceIsRefused) {
  auto order = desk_->Create(Input(), kOperator, kNow).value();
  ASSERT_TRUE(desk_->Confirm(order.id, kOperator, "", kNow));
  auto again = desk_->Confirm(order.id, kOperator, "", kNow);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(notifier_.sent().size(), 1u);
}

TEST_F(OrderDeskTest, OrderEventsAreInTheInteractionLog) {
  auto order = desk_->Create(Input(), kOperator, kNow).value();
  ASSERT_TRUE(desk_->Confirm(order.id, kOperator, "", kNow));
  storage::InteractionLog log(db());
  auto records = log.ReadFrom(1, 100).value();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].type, "order.created");
  EXPECT_EQ(records[1].type, "order.confirmed");
  const json payload = json::parse(records[1].payload);
  EXPECT_EQ(payload["manager"], kAnna.value());
  EXPECT_EQ(payload["call"], 5001);
  EXPECT_FALSE(records[1].call_id);
}

TEST_F(OrderDeskTest, NoManagerLeavesTheOrderConfirmedForASupervisor) {
  ManagerProfile anna;
  anna.user = kAnna;
  anna.active = false;
  ManagerProfile boris = anna;
  boris.user = kBoris;
  ASSERT_TRUE(desk_->SaveManager(kBeta, anna));
  ASSERT_TRUE(desk_->SaveManager(kBeta, boris));
  auto order = desk_->Create(Input(), kOperator, kNow).value();
  auto confirmed = desk_->Confirm(order.id, kOperator, "", kNow);
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(confirmed->status, OrderStatus::kConfirmed);
  EXPECT_FALSE(confirmed->manager);
}

}  // namespace
}  // namespace cc::crm
