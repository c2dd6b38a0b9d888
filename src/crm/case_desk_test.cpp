#include "crm/case_desk.h"

#include <gtest/gtest.h>

#include "crm/testing/crm_fixture.h"

namespace cc::crm {
namespace {

const core::TenantId kBeta(1);
const core::UserId kOperator(10);
const core::UserId kQc(30);
const core::Timestamp kNow = core::ParseUtc("2026-11-27T09:00:00Z").value();

class CaseDeskTest : public testing::CrmFixture {
 protected:
  void SetUp() override {
    CrmFixture::SetUp();
    ASSERT_TRUE(cases_->SaveCategory({kBeta, "quality", "Quality control", core::DepartmentId(4), 120}));
    ASSERT_TRUE(cases_->SaveCategory({kBeta, "management_request", "Management", core::DepartmentId(5), 1440}));
  }
  CaseInput Complaint() {
    CaseInput in;
    in.tenant = kBeta;
    in.kind = CaseKind::kComplaint;
    in.category = "quality";
    in.call = core::CallId(77);
    in.summary = "Courier was rude";
    in.details = "Delivery of 26 Nov, 14:10; promised a call back from QC";
    return in;
  }
};

TEST_F(CaseDeskTest, OpeningRoutesToTheDepartmentWithItsDueTimeAndNotifiesIt) {
  auto opened = cases_->Open(Complaint(), kOperator, kNow);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->department, core::DepartmentId(4));
  EXPECT_EQ(opened->due_at, kNow + std::chrono::minutes(120));
  const auto sent = notifier_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, "department:1:4");
  EXPECT_EQ(sent[0].message["case"]["summary"], "Courier was rude");
  auto stored = cases_->Get(opened->id).value().value();
  EXPECT_EQ(stored.input.details, Complaint().details);
  EXPECT_EQ(stored.input.call, core::CallId(77));
}

TEST_F(CaseDeskTest, UnknownCategoryOpensNothing) {
  CaseInput in = Complaint();
  in.category = "weather";
  auto refused = cases_->Open(in, kOperator, kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("quality"), std::string::npos);
  CaseFilter all;
  all.scope = TenantScope::All();
  EXPECT_TRUE(cases_->List(all)->empty());
}

TEST_F(CaseDeskTest, WorkFlowWithCommentsAndHistory) {
  auto c = cases_->Open(Complaint(), kOperator, kNow).value();
  ASSERT_TRUE(cases_->Move(c.id, CaseStatus::kInProgress, kQc, "calling the customer", kNow));
  auto silent = cases_->Move(c.id, CaseStatus::kResolved, kQc, "", kNow);
  ASSERT_FALSE(silent);
  EXPECT_EQ(silent.error().message, "resolving a case needs a comment saying how");
  ASSERT_TRUE(cases_->Move(c.id, CaseStatus::kResolved, kQc, "apologised, 10% voucher", kNow));
  ASSERT_TRUE(cases_->Move(c.id, CaseStatus::kClosed, kQc, "", kNow));
  auto reopened = cases_->Move(c.id, CaseStatus::kInProgress, kQc, "again", kNow);
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code, core::ErrorCode::kFailedPrecondition);
  auto stored = cases_->Get(c.id).value().value();
  ASSERT_EQ(stored.history.size(), 4u);
  EXPECT_EQ(stored.history[2].comment, "apologised, 10% voucher");
  EXPECT_EQ(stored.status, CaseStatus::kClosed);
}

TEST_F(CaseDeskTest, OverdueCasesEscalateOnceWhenTheirTimeHasPassed) {
  auto qc = cases_->Open(Complaint(), kOperator, kNow).value();           // due in 2 h
  CaseInput request = Complaint();
  request.kind = CaseKind::kRequest;
  request.category = "management_request";
  auto mgmt = cases_->Open(request, kOperator, kNow).value();           // due in 24 h
  auto done = cases_->Open(Complaint(), kOperator, kNow).value();
  ASSERT_TRUE(cases_->Move(done.id, CaseStatus::kResolved, kQc, "sorted", kNow));

  EXPECT_EQ(cases_->EscalateOverdue(kNow + std::chrono::minutes(120)).value(), 0);
  EXPECT_EQ(cases_->EscalateOverdue(kNow + std::chrono::minutes(121)).value(), 1);
  EXPECT_EQ(cases_->EscalateOverdue(kNow + std::chrono::minutes(180)).value(), 0);  // once only
  EXPECT_TRUE(cases_->Get(qc.id).value()->escalated_at);
  EXPECT_FALSE(cases_->Get(mgmt.id).value()->escalated_at);
  EXPECT_FALSE(cases_->Get(done.id).value()->escalated_at);
  EXPECT_EQ(notifier_.sent().back().message["type"], "case.escalated");
  EXPECT_EQ(notifier_.sent().back().to, "department:1:4");

  CaseFilter overdue;
  overdue.scope = TenantScope::Only({kBeta});
  overdue.overdue_only = true;
  overdue.now = kNow + std::chrono::hours(25);
  EXPECT_EQ(cases_->List(overdue)->size(), 2u);
  EXPECT_EQ(cases_->EscalateOverdue(kNow + std::chrono::hours(25)).value(), 1);
}

}  // namespace
}  // namespace cc::crm
