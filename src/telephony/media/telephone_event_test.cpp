#include "telephony/media/telephone_event.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace cc::telephony::media {
namespace {

TEST(TelephoneEvent, ParsesThePayloadFields) {
  const std::vector<std::uint8_t> payload = {11, 0x8A, 0x03, 0x20};
  const auto event = ParseTelephoneEvent(payload);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->event, 11);
  EXPECT_TRUE(event->end);
  EXPECT_EQ(event->volume, 10);
  EXPECT_EQ(event->duration, 800);
}

TEST(TelephoneEvent, IgnoresTheReservedBit) {
  const std::vector<std::uint8_t> payload = {5, 0x4A, 0, 160};
  const auto event = ParseTelephoneEvent(payload);
  ASSERT_TRUE(event.has_value());
  EXPECT_FALSE(event->end);
  EXPECT_EQ(event->volume, 10);
}

TEST(TelephoneEvent, BuildThenParseGivesTheSameEvent) {
  const TelephoneEvent event{.event = 1, .end = true, .volume = 63, .duration = 65535};
  const auto bytes = BuildTelephoneEvent(event);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*bytes, (std::array<std::uint8_t, 4>{1, 0xBF, 0xFF, 0xFF}));
  EXPECT_EQ(ParseTelephoneEvent(*bytes), event);
}

TEST(TelephoneEvent, RefusesShortPayloadsAndLoudVolumes) {
  const std::vector<std::uint8_t> short_payload = {1, 2, 3};
  const auto parsed = ParseTelephoneEvent(short_payload);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("3 bytes"), std::string::npos);
  EXPECT_FALSE(
      BuildTelephoneEvent({.event = 1, .end = false, .volume = 64, .duration = 0}).has_value());
}

TEST(TelephoneEvent, MapsEventCodesToKeypadDigits) {
  std::string digits;
  for (std::uint8_t code = 0; code < 16; ++code) digits += DigitForEvent(code).value_or('?');
  EXPECT_EQ(digits, "0123456789*#ABCD");
  EXPECT_FALSE(DigitForEvent(16).has_value());  // flash
  EXPECT_EQ(EventForDigit('#'), 11);
  EXPECT_EQ(EventForDigit('d'), 15);
  EXPECT_FALSE(EventForDigit('x').has_value());
}

constexpr std::uint32_t kSsrc = 0x5EED;

// Feeds packets (timestamp, event code, end) and collects the digits reported.
std::string Receive(const std::vector<std::tuple<std::uint32_t, std::uint8_t, bool>>& packets) {
  DtmfReceiver receiver;
  std::string digits;
  std::uint16_t duration = 0;
  for (const auto& [timestamp, code, end] : packets) {
    duration = static_cast<std::uint16_t>(duration + 160);
    if (auto digit = receiver.OnPacket(
            kSsrc, timestamp, {.event = code, .end = end, .volume = 10, .duration = duration})) {
      digits += *digit;
    }
  }
  return digits;
}

TEST(DtmfReceiver, ReportsOneDigitPerEventDespiteRepeatsAndTripleEnd) {
  EXPECT_EQ(Receive({{1000, 1, false},
                     {1000, 1, false},
                     {1000, 1, true},
                     {1000, 1, true},
                     {1000, 1, true},
                     {2600, 2, false},
                     {2600, 2, true},
                     {2600, 2, true},
                     {2600, 2, true}}),
            "12");
}

TEST(DtmfReceiver, ReportsAnEventWhoseStartWasLost) {
  EXPECT_EQ(Receive({{1000, 9, true}, {1000, 9, true}, {1000, 9, true}}), "9");
}

TEST(DtmfReceiver, TheSameDigitTwiceIsTwoPresses) {
  EXPECT_EQ(Receive({{1000, 5, false}, {1000, 5, true}, {1800, 5, false}, {1800, 5, true}}), "55");
}

TEST(DtmfReceiver, IgnoresLateEndPacketsOfAnEarlierEvent) {
  EXPECT_EQ(Receive({{1000, 3, false}, {2000, 4, false}, {1000, 3, true}, {2000, 4, true}}), "34");
}

TEST(DtmfReceiver, FollowsTheTimestampAcrossItsWrap) {
  EXPECT_EQ(Receive({{4294967000U, 0, true}, {200, 10, false}, {200, 10, true}}), "0*");
}

TEST(DtmfReceiver, ANewStreamStartsAfresh) {
  DtmfReceiver receiver;
  const TelephoneEvent five{.event = 5, .end = true, .volume = 10, .duration = 800};
  EXPECT_EQ(receiver.OnPacket(1, 500000, five), '5');
  EXPECT_EQ(receiver.OnPacket(2, 1000, five), '5');  // new SSRC, lower timestamp
  EXPECT_EQ(receiver.OnPacket(2, 1000, five), std::nullopt);
  EXPECT_EQ(receiver.OnPacket(2, 900, five), std::nullopt);   // a late packet of an earlier event
  EXPECT_EQ(receiver.OnPacket(2, 1000 - 200000, five), '5');  // same SSRC, clock restarted
}

TEST(DtmfReceiver, NonDigitEventsReportNothing) {
  EXPECT_EQ(Receive({{1000, 16, false}, {1000, 16, true}, {2000, 7, true}}), "7");
}

}  // namespace
}  // namespace cc::telephony::media
