#include "telephony/sip/replaces.h"

#include <gtest/gtest.h>

namespace cc::telephony::sip {
namespace {

TEST(ReplacesTest, ReadsTheDialogFromAReferToUrisHeaders) {
  // As a phone writes it after consulting on a second call (RFC 5589 7.1).
  auto ref = ReplacesInUriHeaders("Replaces=a84b4c76e66710%40pc33.example.com%3Bto-tag%3D314159%3Bfrom-tag%3D9fxced76sl");
  ASSERT_TRUE(ref.has_value()) << ref.error().message;
  ASSERT_TRUE(ref->has_value());
  EXPECT_EQ((*ref)->call_id, "a84b4c76e66710@pc33.example.com");
  EXPECT_EQ((*ref)->to_tag, "314159");
  EXPECT_EQ((*ref)->from_tag, "9fxced76sl");
  EXPECT_FALSE((*ref)->early_only);
}

TEST(ReplacesTest, FindsReplacesAmongOtherHeadersInAnyCase) {
  auto ref = ReplacesInUriHeaders("Require=replaces&replaces=x%3Bfrom-tag%3D2%3Bto-tag%3D1%3Bearly-only");
  ASSERT_TRUE(ref.has_value() && ref->has_value());
  EXPECT_EQ((*ref)->call_id, "x");
  EXPECT_EQ((*ref)->to_tag, "1");
  EXPECT_EQ((*ref)->from_tag, "2");
  EXPECT_TRUE((*ref)->early_only);
}

TEST(ReplacesTest, NoReplacesIsABlindTransfer) {
  auto none = ReplacesInUriHeaders("Require=replaces");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  EXPECT_FALSE(ReplacesInUriHeaders("")->has_value());
}

TEST(ReplacesTest, RefusesAReplacesWithoutBothTagsOrWithABadEscape) {
  EXPECT_FALSE(ReplacesInUriHeaders("Replaces=abc%3Bto-tag%3D1").has_value());
  EXPECT_FALSE(ReplacesInUriHeaders("Replaces=%3Bto-tag%3D1%3Bfrom-tag%3D2").has_value());
  EXPECT_FALSE(ReplacesInUriHeaders("Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2%4").has_value());
  EXPECT_FALSE(ReplacesInUriHeaders("Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D%zz").has_value());
  EXPECT_FALSE(ParseReplaces("abc;to-tag=;from-tag=2").has_value());
}

TEST(ReplacesTest, WhatIsWrittenReadsBack) {
  const std::string written = ReplacesUriValue(DialogRef{"3c26@192.0.2.4", "ab", "c=e%", true});
  auto back = ReplacesInUriHeaders("Replaces=" + written);
  ASSERT_TRUE(back.has_value() && back->has_value()) << written;
  EXPECT_EQ((*back)->call_id, "3c26@192.0.2.4");
  EXPECT_EQ((*back)->to_tag, "ab");
  EXPECT_EQ((*back)->from_tag, "c=e%");
  EXPECT_TRUE((*back)->early_only);
  // Nothing that would end the header or the URI stays unescaped.
  EXPECT_EQ(ReplacesUriValue(DialogRef{"a b", "c;d", "e&f>", false}).find_first_of(";&= >"), std::string::npos);
}

TEST(ReplacesTest, NamesOnlyTheDialogWithTheSameCallIdAndBothTags) {
  const DialogRef ref{"call-1", "ours", "theirs", false};
  EXPECT_TRUE(NamesDialog(ref, "call-1", "ours", "theirs"));
  EXPECT_TRUE(NamesDialog(ref, "call-1", "theirs", "ours"));  // tags the other way round
  EXPECT_FALSE(NamesDialog(ref, "call-2", "ours", "theirs"));
  EXPECT_FALSE(NamesDialog(ref, "call-1", "ours", "other"));
  EXPECT_FALSE(NamesDialog(ref, "call-1", "", "theirs"));
  EXPECT_FALSE(NamesDialog(ref, "CALL-1", "ours", "theirs"));  // Call-IDs are case-sensitive
}

}  // namespace
}  // namespace cc::telephony::sip
