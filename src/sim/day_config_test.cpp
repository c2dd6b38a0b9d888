#include "sim/day_config.h"

#include <gtest/gtest.h>

#include "sim/simulator.h"

namespace cc::sim {
namespace {

TEST(DayConfig, TheShippedExampleLoadsAndPlays) {
  auto m = LoadDayModel(CC_SOURCE_DIR "/examples/day.toml");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->intervals, 48);
  EXPECT_EQ(m->interval, std::chrono::minutes(15));
  ASSERT_EQ(m->queues.size(), 3u);
  EXPECT_EQ(m->queues[1].config.name, "sales");
  EXPECT_EQ(m->queues[1].config.overflow.kind, acd::OverflowKind::kQueue);
  EXPECT_EQ(m->queues[1].config.overflow.queue, m->queues[0].config.id);
  EXPECT_EQ(m->shifts[0].breaks.size(), 3u);
  EXPECT_EQ(m->shifts[0].breaks[1].reason, acd::NotReadyReason::kLunch);
  auto r = Simulator(*m).Run();
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_GT(r->total.offered, 1000);
  EXPECT_GT(r->total.answered, r->total.offered * 8 / 10);
}

constexpr const char* kMinimal = R"(
start = "09:00"
interval = "30m"
[[queue]]
name = "q"
aht = "120s"
arrivals = [10, 20]
[[shift]]
name = "s"
agents = 2
start = "09:00"
end = "10:00"
queues = ["q"]
)";

std::string ErrorOf(std::string text) {
  auto m = ParseDayModel(text, "day.toml");
  return m ? "" : m.error().message;
}

TEST(DayConfig, MinimalModelUsesDefaults) {
  auto m = ParseDayModel(kMinimal, "day.toml");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->intervals, 2);
  EXPECT_EQ(m->queues[0].handle.kind, HandleDistribution::kExponential);
  EXPECT_FALSE(m->queues[0].patience);
  EXPECT_EQ(m->shifts[0].end_offset, std::chrono::hours(1));
}

TEST(DayConfig, ErrorsNameTheKeyAndTheLine) {
  std::string bad = kMinimal;
  bad.replace(bad.find("\"120s\""), 6, "\"-2s\"");
  EXPECT_EQ(ErrorOf(bad).rfind("day.toml:6: queue 'q' aht:", 0), 0u) << ErrorOf(bad);

  bad = kMinimal;
  bad.replace(bad.find("[\"q\"]"), 5, "[\"nowhere\"]");
  EXPECT_NE(ErrorOf(bad).find("shift 's' queues: no queue is called 'nowhere'"), std::string::npos)
      << ErrorOf(bad);

  bad = kMinimal;
  bad.replace(bad.find("end = \"10:00\""), 13, "end = \"08:00\"");
  EXPECT_NE(ErrorOf(bad).find("shift 's' end"), std::string::npos) << ErrorOf(bad);

  bad = kMinimal;
  bad.replace(bad.find("[10, 20]"), 8, "[10, -1]");
  EXPECT_NE(ErrorOf(bad).find("day.toml:7: queue 'q' arrivals"), std::string::npos) << ErrorOf(bad);

  EXPECT_NE(ErrorOf("name = \n").find("day.toml:1"), std::string::npos);
  EXPECT_NE(ErrorOf("name = \"x\"\n").find("[[queue]]"), std::string::npos);
}

TEST(DayConfig, MissingFileIsAClearError) {
  auto m = LoadDayModel("/nonexistent/day.toml");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("/nonexistent/day.toml"), std::string::npos);
}

}  // namespace
}  // namespace cc::sim
