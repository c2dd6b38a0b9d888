#include "crm/callback_desk.h"

#include <gtest/gtest.h>

#include "crm/testing/crm_fixture.h"

namespace cc::crm {
namespace {

const core::TenantId kBeta(1);
const core::UserId kOperator(10);
const core::Timestamp kNow = core::ParseUtc("2026-11-27T09:00:00Z").value();

class RecordingSink final : public CallbackSink {
 public:
  core::Result<core::CallId> Dispatch(const Callback& c) override {
    dispatched.push_back(c.id);
    if (refuse) return core::Fail(core::ErrorCode::kFailedPrecondition, "queue 3 does not exist");
    return core::CallId(9000 + dispatched.size());
  }
  std::vector<CallbackId> dispatched;
  bool refuse = false;
};

using CallbackDeskTest = testing::CrmFixture;

CallbackInput At(core::Timestamp due) {
  CallbackInput in;
  in.tenant = kBeta;
  in.number = "+79161234567";
  in.reason = "the operator's computer froze during the order (S-10)";
  in.due_at = due;
  in.queue = core::QueueId(3);
  return in;
}

TEST_F(CallbackDeskTest, CallbacksFireAtTheirTimeExactlyOnce) {
  auto early = callbacks_->Schedule(At(kNow + std::chrono::minutes(10)), kOperator, kNow).value();
  auto late = callbacks_->Schedule(At(kNow + std::chrono::minutes(30)), kOperator, kNow).value();
  RecordingSink sink;
  EXPECT_EQ(callbacks_->DispatchDue(kNow + std::chrono::minutes(9), sink).value(), 0);
  EXPECT_EQ(callbacks_->DispatchDue(kNow + std::chrono::minutes(10), sink).value(), 1);
  EXPECT_EQ(callbacks_->DispatchDue(kNow + std::chrono::minutes(11), sink).value(), 0);
  ASSERT_EQ(sink.dispatched, std::vector<CallbackId>{early.id});
  auto stored = callbacks_->Get(early.id).value().value();
  EXPECT_EQ(stored.status, CallbackStatus::kDispatched);
  EXPECT_EQ(stored.call, core::CallId(9001));
  EXPECT_EQ(callbacks_->Get(late.id).value()->status, CallbackStatus::kScheduled);
  EXPECT_EQ(callbacks_->DispatchDue(kNow + std::chrono::hours(1), sink).value(), 1);
}

TEST_F(CallbackDeskTest, ARefusedDispatchIsMarkedFailedWithTheReason) {
  auto cb = callbacks_->Schedule(At(kNow), kOperator, kNow).value();
  RecordingSink sink;
  sink.refuse = true;
  EXPECT_EQ(callbacks_->DispatchDue(kNow, sink).value(), 0);
  auto stored = callbacks_->Get(cb.id).value().value();
  EXPECT_EQ(stored.status, CallbackStatus::kFailed);
  EXPECT_EQ(stored.note, "queue 3 does not exist");
  EXPECT_EQ(callbacks_->DispatchDue(kNow + std::chrono::hours(1), sink).value(), 0);
}

TEST_F(CallbackDeskTest, CancelledCallbacksNeverFire) {
  auto cb = callbacks_->Schedule(At(kNow + std::chrono::minutes(5)), kOperator, kNow).value();
  ASSERT_TRUE(callbacks_->Cancel(cb.id, kOperator, "customer called back himself", kNow));
  RecordingSink sink;
  EXPECT_EQ(callbacks_->DispatchDue(kNow + std::chrono::hours(1), sink).value(), 0);
  auto again = callbacks_->Cancel(cb.id, kOperator, "", kNow);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kFailedPrecondition);
}

TEST_F(CallbackDeskTest, InputRefusesPastTimesAndBadNumbers) {
  nlohmann::json body = {{"tenant_id", 1},
                         {"number", "8 916 123-45-67"},
                         {"reason", "promised"},
                         {"due_at", "2026-11-27T12:30:00+03:00"},
                         {"queue_id", 3}};
  auto ok = CallbackInputFromJson(body, kNow);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->number, "+79161234567");
  EXPECT_EQ(ok->due_at, kNow + std::chrono::minutes(30));
  body["due_at"] = "2026-11-27T11:00:00+03:00";
  auto past = CallbackInputFromJson(body, kNow);
  ASSERT_FALSE(past);
  EXPECT_NE(past.error().message.find("is in the past"), std::string::npos);
  body["due_at"] = "2026-11-27T12:30:00";
  EXPECT_FALSE(CallbackInputFromJson(body, kNow));
  body["due_at"] = "2026-11-27T12:30:00Z";
  body["number"] = "call me";
  EXPECT_FALSE(CallbackInputFromJson(body, kNow));
}

}  // namespace
}  // namespace cc::crm
