#include "core/units.h"

#include <gtest/gtest.h>

namespace cc::core {
namespace {

using std::chrono::milliseconds;

std::string ErrorOf(const auto& result) {
  return result ? std::string("(no error)") : result.error().message;
}

TEST(ParseDuration, ReadsEveryUnitAndPlainSeconds) {
  EXPECT_EQ(*ParseDuration("250ms"), milliseconds(250));
  EXPECT_EQ(*ParseDuration("180s"), Seconds(180));
  EXPECT_EQ(*ParseDuration("180"), Seconds(180));
  EXPECT_EQ(*ParseDuration("30m"), Seconds(1800));
  EXPECT_EQ(*ParseDuration("30min"), Seconds(1800));
  EXPECT_EQ(*ParseDuration("1h"), Seconds(3600));
  EXPECT_EQ(*ParseDuration("1.5h"), Seconds(5400));
  EXPECT_EQ(*ParseDuration("2.5s"), milliseconds(2500));
  EXPECT_EQ(*ParseDuration(" 20 s "), Seconds(20));
  EXPECT_EQ(*ParseDuration("0s"), Seconds(0));
}

TEST(ParseDuration, NamesWhatIsWrong) {
  EXPECT_NE(ErrorOf(ParseDuration("abc")).find("'abc' is not a duration"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseDuration("")).find("is not a duration"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseDuration("3x")).find("unknown unit 'x'"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseDuration("-3s")).find("'-3s' is negative"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseDuration("inf")).find("is not a duration"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseDuration("nan")).find("is not a duration"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseDuration("1e300h")).find("too long"), std::string::npos);
  EXPECT_FALSE(ParseDuration("20 s s"));
}

TEST(ParsePositiveDuration, RejectsZeroAndNegativeSayingSo) {
  EXPECT_EQ(*ParsePositiveDuration("3m"), Seconds(180));
  EXPECT_EQ(ErrorOf(ParsePositiveDuration("-3s")), "'-3s' is not a positive duration");
  EXPECT_EQ(ErrorOf(ParsePositiveDuration("0")), "'0' is not a positive duration");
  EXPECT_NE(ErrorOf(ParsePositiveDuration("-3x")).find("unknown unit"), std::string::npos);
}

TEST(ParsePercent, PlainNumbersArePercentagesToo) {
  EXPECT_DOUBLE_EQ(*ParsePercent("80%"), 0.8);
  EXPECT_DOUBLE_EQ(*ParsePercent("80"), 0.8);
  EXPECT_DOUBLE_EQ(*ParsePercent("12.5 %"), 0.125);
  EXPECT_DOUBLE_EQ(*ParsePercent("0.8"), 0.008);
  EXPECT_DOUBLE_EQ(*ParsePercent("100%"), 1.0);
  EXPECT_DOUBLE_EQ(*ParsePercent("0"), 0.0);
}

TEST(ParsePercent, NamesWhatIsWrong) {
  EXPECT_EQ(ErrorOf(ParsePercent("120%")), "'120%' is above 100 %");
  EXPECT_EQ(ErrorOf(ParsePercent("-5%")), "'-5%' is a negative percentage");
  EXPECT_NE(ErrorOf(ParsePercent("eighty")).find("'eighty' is not a percentage"),
            std::string::npos);
  EXPECT_FALSE(ParsePercent("80%%"));
  EXPECT_FALSE(ParsePercent("80s"));
}

TEST(ParseServiceTarget, ReadsPercentAndThreshold) {
  EXPECT_EQ(*ParseServiceTarget("80/20s"), (ServiceTarget{0.8, Seconds(20)}));
  EXPECT_EQ(*ParseServiceTarget("90%/15s"), (ServiceTarget{0.9, Seconds(15)}));
  EXPECT_EQ(*ParseServiceTarget("80/20"), (ServiceTarget{0.8, Seconds(20)}));
  EXPECT_EQ(*ParseServiceTarget("95/1m"), (ServiceTarget{0.95, Seconds(60)}));
}

TEST(ParseServiceTarget, NamesTheWrongHalf) {
  EXPECT_NE(ErrorOf(ParseServiceTarget("80-20s")).find("not a service-level target"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseServiceTarget("80/20/5")).find("not a service-level target"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseServiceTarget("120/20s")).find("'120' is above 100 %"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseServiceTarget("80/-20s")).find("'-20s' is negative"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseServiceTarget("80/soon")).find("'soon' is not a duration"),
            std::string::npos);
}

TEST(ParseNumber, AcceptsFiniteDecimalsOnly) {
  EXPECT_DOUBLE_EQ(*ParseNumber("100"), 100.0);
  EXPECT_DOUBLE_EQ(*ParseNumber("2.5"), 2.5);
  EXPECT_DOUBLE_EQ(*ParseNumber("-4"), -4.0);
  EXPECT_EQ(ErrorOf(ParseNumber("12calls")), "'12calls' is not a number");
  EXPECT_FALSE(ParseNumber("inf"));
  EXPECT_FALSE(ParseNumber(""));
}

TEST(ParseWholeNumber, RejectsSignsFractionsAndText) {
  EXPECT_EQ(*ParseWholeNumber("13"), 13);
  EXPECT_EQ(ErrorOf(ParseWholeNumber("-1")), "'-1' is not a whole number");
  EXPECT_FALSE(ParseWholeNumber("1.5"));
  EXPECT_FALSE(ParseWholeNumber("x"));
  EXPECT_FALSE(ParseWholeNumber(""));
}

}  // namespace
}  // namespace cc::core
