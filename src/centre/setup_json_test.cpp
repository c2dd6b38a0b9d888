#include "centre/setup_json.h"

#include <gtest/gtest.h>

namespace cc::centre {
namespace {

using nlohmann::json;

std::string ErrorOf(const json& body) {
  auto queue = QueueFromJson(body, core::QueueId(1), core::TenantId(1));
  return queue ? std::string() : queue.error().message;
}

TEST(SetupJsonTest, WholeNumbersOutsideTheirRangeAreRefusedEvenBeyondSixtyFourBits) {
  const json base = {{"name", "Sales"}};
  json low = base;
  low["priority"] = -101;
  EXPECT_NE(ErrorOf(low).find("'priority' must be between -100 and 100"), std::string::npos) << ErrorOf(low);
  // 2^64 - 1 once wrapped to -1, which is in range: it must be refused, not taken as -1.
  json huge = base;
  huge["priority"] = 18446744073709551615u;
  EXPECT_NE(ErrorOf(huge).find("'priority' must be between -100 and 100"), std::string::npos) << ErrorOf(huge);
  json fine = base;
  fine["priority"] = 5;
  EXPECT_EQ(ErrorOf(fine), "");
  EXPECT_EQ(QueueFromJson(fine, core::QueueId(1), core::TenantId(1))->config.priority, 5);
}

}  // namespace
}  // namespace cc::centre
