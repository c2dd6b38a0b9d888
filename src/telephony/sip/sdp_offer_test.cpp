#include "telephony/sip/sdp_offer.h"

#include <gtest/gtest.h>

namespace cc::telephony::sip {
namespace {

TEST(SdpOffer, OffersG711AndTelephoneEventsThatParseBack) {
  const std::string offer = AudioOffer("127.0.0.1", 20002, {7, 1});
  auto parsed = media::ParseSdp(offer);
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->media.size(), 1u);
  EXPECT_EQ(parsed->media[0].port, 20002);
  EXPECT_EQ(parsed->media[0].formats, (std::vector<std::string>{"0", "8", "101"}));
}

TEST(SdpOffer, ThePhonesAnswerTellsWhereToSendAndWhichCodec) {
  const std::string answer =
      "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.5\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
  auto audio = ReadAnswer(answer, "127.0.0.1", 20002);
  ASSERT_TRUE(audio) << audio.error().message;
  EXPECT_EQ(audio->codec, media::AudioCodec::kPcma);
  EXPECT_EQ(audio->remote_address, "127.0.0.5");
  EXPECT_EQ(audio->remote_port, 40000);
  EXPECT_EQ(audio->telephone_event_payload_type, std::optional<std::uint8_t>(101));
}

TEST(SdpOffer, AHoldAnswerMakesUsReceiveOnly) {
  const std::string answer =
      "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.5\r\nt=0 0\r\n"
      "m=audio 40000 RTP/AVP 0\r\na=sendonly\r\n";
  auto audio = ReadAnswer(answer, "127.0.0.1", 20002);
  ASSERT_TRUE(audio);
  EXPECT_EQ(audio->direction, media::Direction::kRecvOnly);
}

TEST(SdpOffer, AnAnswerWithoutG711IsAnError) {
  const std::string answer =
      "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.5\r\nt=0 0\r\nm=audio 40000 RTP/AVP 9\r\n";
  EXPECT_FALSE(ReadAnswer(answer, "127.0.0.1", 20002));
}

TEST(SdpOffer, AnSrtpOfferCarriesOurKeyAndItsAnswerBringsTheirs) {
  const std::string key = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw";
  const std::string offer = AudioOffer("127.0.0.1", 20002, {7, 1}, media::Direction::kSendRecv, key);
  auto parsed = media::ParseSdp(offer);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->media[0].protocol, "RTP/SAVP");
  ASSERT_EQ(parsed->media[0].crypto.size(), 1u);
  EXPECT_EQ(parsed->media[0].crypto[0].key_params, "inline:" + key);
  const std::string answer =
      "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.5\r\nt=0 0\r\n"
      "m=audio 40000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0\r\n";
  auto audio = ReadAnswer(answer, "127.0.0.1", 20002, key);
  ASSERT_TRUE(audio) << audio.error().message;
  ASSERT_TRUE(audio->srtp);
  EXPECT_EQ(audio->srtp->our_key, key);
  EXPECT_EQ(audio->srtp->their_key_params, "inline:YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0");
  // A plain answer to an SRTP offer, or another suite, is not taken.
  EXPECT_FALSE(ReadAnswer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.5\r\nt=0 0\r\n"
                          "m=audio 40000 RTP/AVP 0\r\n",
                          "127.0.0.1", 20002, key));
  EXPECT_FALSE(ReadAnswer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.5\r\nt=0 0\r\n"
                          "m=audio 40000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_32 "
                          "inline:YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0\r\n",
                          "127.0.0.1", 20002, key));
}

}  // namespace
}  // namespace cc::telephony::sip
