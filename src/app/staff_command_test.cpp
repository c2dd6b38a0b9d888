#include "app/staff_command.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace cc::app {
namespace {

StaffOptions Textbook() {
  StaffOptions o;
  o.calls = "100";
  o.per = "30m";
  o.aht = "180s";
  o.target = "80/20s";
  return o;
}

struct Outcome {
  int code;
  std::string out, err;
};

Outcome Staff(const StaffOptions& o) {
  std::ostringstream out, err;
  int code = RunStaff(o, out, err);
  return {code, out.str(), err.str()};
}

TEST(StaffCommand, SolvesTheTextbookCaseAsATable) {
  StaffOptions o = Textbook();
  o.shrinkage = "30%";
  Outcome r = Staff(o);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("10.00 Erlangs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("79.56 %"), std::string::npos) << r.out;  // 13 agents: missed
  EXPECT_NE(r.out.find(">     14"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Minimum: 14 agents on the phones, 20 scheduled with 30 % shrinkage"),
            std::string::npos)
      << r.out;
}

TEST(StaffCommand, JsonHasTheDocumentedFields) {
  StaffOptions o = Textbook();
  o.json = true;
  Outcome r = Staff(o);
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["agents"], 14);
  EXPECT_EQ(j["agents_scheduled"], 14);
  EXPECT_EQ(j["stable"], true);
  EXPECT_NEAR(j["service_level"].get<double>(), 0.888350019179467, 1e-12);
  EXPECT_NEAR(j["asa_seconds"].get<double>(), 7.835937011777243, 1e-9);
  EXPECT_NEAR(j["p_wait"].get<double>(), 0.174131933595050, 1e-12);
  EXPECT_EQ(j["p_abandon"], 0.0);
  EXPECT_NEAR(j["occupancy"].get<double>(), 10.0 / 14.0, 1e-15);
  EXPECT_EQ(j["model"], "erlang_c");
}

TEST(StaffCommand, EvaluatesAGivenHeadcountAndSaysWhatIsMissed) {
  StaffOptions o = Textbook();
  o.agents = "13";
  Outcome r = Staff(o);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("targets missed (service level 79.56 % < 80 %)"), std::string::npos)
      << r.out;
}

TEST(StaffCommand, UnstableHeadcountIsSaidNotPrinted) {
  StaffOptions o = Textbook();
  o.agents = "10";
  Outcome r = Staff(o);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Unstable: 10 agents cannot carry 10.00 Erlangs"), std::string::npos)
      << r.out;
  o.json = true;
  auto j = nlohmann::json::parse(Staff(o).out);
  EXPECT_EQ(j["stable"], false);
  EXPECT_TRUE(j["service_level"].is_null());
  EXPECT_TRUE(j["asa_seconds"].is_null());
}

TEST(StaffCommand, ErlangAWithPatience) {
  StaffOptions o = Textbook();
  o.patience = "300s";
  o.max_abandon = "5%";
  o.json = true;
  Outcome r = Staff(o);
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["model"], "erlang_a");
  EXPECT_GE(j["service_level"].get<double>(), 0.80);
  EXPECT_LE(j["p_abandon"].get<double>(), 0.05);
  EXPECT_GT(j["p_abandon"].get<double>(), 0.0);
}

TEST(StaffCommand, BadValuesNameTheFlagAndExit2) {
  struct Case {
    std::string StaffOptions::*field;
    std::string value;
    std::string expected;
  };
  const Case cases[] = {
      {&StaffOptions::aht, "-3s", "error: --aht: '-3s' is not a positive duration"},
      {&StaffOptions::aht, "3 parsecs", "--aht: '3 parsecs' has an unknown unit"},
      {&StaffOptions::per, "soon", "--per: 'soon' is not a duration"},
      {&StaffOptions::calls, "-100", "--calls: '-100' is not a positive number"},
      {&StaffOptions::calls, "many", "--calls: 'many' is not a number"},
      {&StaffOptions::target, "120/20s",
       "--target: service-level target '120/20s': '120' is above 100 %"},
      {&StaffOptions::target, "100/20s", "--target: '100/20s': 100 %"},
      {&StaffOptions::target, "80-20", "--target: '80-20' is not a service-level target"},
      {&StaffOptions::asa, "0s", "--asa: '0s' is not a positive duration"},
      {&StaffOptions::max_occupancy, "85 percent",
       "--max-occupancy: '85 percent' is not a percentage"},
      {&StaffOptions::max_occupancy, "0%", "--max-occupancy: '0%' must be above 0 %"},
      {&StaffOptions::shrinkage, "100%", "--shrinkage: '100%' must be below 100 %"},
      {&StaffOptions::shrinkage, "-5%", "--shrinkage: '-5%' is a negative percentage"},
      {&StaffOptions::patience, "-1m", "--patience: '-1m' is not a positive duration"},
      {&StaffOptions::max_abandon, "5%", "--max-abandon: needs --patience"},
      {&StaffOptions::agents, "2.5", "--agents: '2.5' is not a whole number"},
      {&StaffOptions::agents, "0", "--agents: '0' is not between 1 and"},
  };
  for (const Case& c : cases) {
    StaffOptions o = Textbook();
    o.*c.field = c.value;
    Outcome r = Staff(o);
    EXPECT_EQ(r.code, 2) << c.value;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST(StaffCommand, SolvingNeedsATarget) {
  StaffOptions o = Textbook();
  o.target.clear();
  Outcome r = Staff(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--target"), std::string::npos) << r.err;
  o.agents = "12";  // evaluating needs none
  EXPECT_EQ(Staff(o).code, 0);
}

TEST(StaffCommand, UnreachableTargetExits1) {
  StaffOptions o = Textbook();
  o.target.clear();
  o.max_occupancy = "0.1%";
  Outcome r = Staff(o);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no head-count up to"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cc::app
