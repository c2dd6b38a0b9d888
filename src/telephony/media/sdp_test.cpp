#include "telephony/media/sdp.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace cc::telephony::media {
namespace {

// What a desk phone typically offers.
const std::string kOffer =
    "v=0\r\n"
    "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
    "s=-\r\n"
    "c=IN IP4 192.0.2.10\r\n"
    "t=0 0\r\n"
    "m=audio 49170 RTP/AVP 0 8 18 101\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:18 G729/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "a=ptime:20\r\n"
    "a=sendrecv\r\n";

SessionDescription Parsed(const std::string& text) {
  auto sdp = ParseSdp(text);
  EXPECT_TRUE(sdp.has_value()) << sdp.error().message;
  return sdp.value_or(SessionDescription{});
}

std::string OfferWithAudioLine(const std::string& m_line, const std::string& extra = "") {
  return "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" + m_line +
         "\r\n" + extra;
}

void ExpectParseError(const std::string& text, const std::string& words) {
  const auto sdp = ParseSdp(text);
  ASSERT_FALSE(sdp.has_value()) << "parsed, expected: " << words;
  EXPECT_EQ(sdp.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(sdp.error().message.find(words), std::string::npos) << sdp.error().message;
}

void ExpectAnswerError(const std::string& offer, const std::string& words) {
  const auto answer = Answer(Parsed(offer), "203.0.113.5", 40000);
  ASSERT_FALSE(answer.has_value()) << "answered, expected: " << words;
  EXPECT_NE(answer.error().message.find(words), std::string::npos) << answer.error().message;
}

TEST(Sdp, ParsesATypicalOffer) {
  const SessionDescription sdp = Parsed(kOffer);
  EXPECT_EQ(sdp.origin, "alice 2890844526 2890844526 IN IP4 192.0.2.10");
  EXPECT_EQ(sdp.connection_address, "192.0.2.10");
  ASSERT_EQ(sdp.media.size(), 1U);
  const MediaDescription& audio = sdp.media[0];
  EXPECT_EQ(audio.media, "audio");
  EXPECT_EQ(audio.port, 49170);
  EXPECT_EQ(audio.protocol, "RTP/AVP");
  EXPECT_EQ(audio.formats, (std::vector<std::string>{"0", "8", "18", "101"}));
  ASSERT_EQ(audio.rtpmaps.size(), 4U);
  EXPECT_EQ(audio.rtpmaps[3].encoding, "telephone-event");
  EXPECT_EQ(audio.rtpmaps[3].clock_rate, 8000U);
  ASSERT_EQ(audio.fmtps.size(), 1U);
  EXPECT_EQ(audio.fmtps[0].payload_type, 101);
  EXPECT_EQ(audio.fmtps[0].parameters, "0-16");
  EXPECT_EQ(audio.ptime_ms, 20U);
  EXPECT_EQ(audio.direction, Direction::kSendRecv);
}

TEST(Sdp, AcceptsBareLineFeeds) {
  std::string lf = kOffer;
  for (std::size_t at = lf.find("\r\n"); at != std::string::npos; at = lf.find("\r\n", at))
    lf.erase(at, 1);
  EXPECT_EQ(Parsed(lf).media.at(0).formats.size(), 4U);
}

TEST(SdpAnswer, PicksTheFirstG711CodecAndKeepsTheEventPayloadType) {
  const auto answer =
      Answer(Parsed(kOffer), "203.0.113.5", 40000, {.session_id = 7, .session_version = 2});
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(answer->audio.codec, AudioCodec::kPcmu);
  EXPECT_EQ(answer->audio.payload_type, 0);
  EXPECT_EQ(answer->audio.telephone_event_payload_type, 101);
  EXPECT_EQ(answer->audio.remote_address, "192.0.2.10");
  EXPECT_EQ(answer->audio.remote_port, 49170);
  EXPECT_EQ(answer->audio.direction, Direction::kSendRecv);
  EXPECT_EQ(answer->text,
            "v=0\r\n"
            "o=callcenter 7 2 IN IP4 203.0.113.5\r\n"
            "s=callcenter\r\n"
            "c=IN IP4 203.0.113.5\r\n"
            "t=0 0\r\n"
            "m=audio 40000 RTP/AVP 0 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\n"
            "a=rtpmap:101 telephone-event/8000\r\n"
            "a=fmtp:101 0-15\r\n"
            "a=ptime:20\r\n"
            "a=sendrecv\r\n");
}

TEST(SdpAnswer, FollowsTheOffersOrderPastCodecsWeLack) {
  const auto answer =
      Answer(Parsed(OfferWithAudioLine("m=audio 5004 RTP/AVP 18 8 0", "a=rtpmap:18 G729/8000\r\n")),
             "10.0.0.1", 4000);
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(answer->audio.codec, AudioCodec::kPcma);
  EXPECT_EQ(answer->audio.payload_type, 8);
  EXPECT_FALSE(answer->audio.telephone_event_payload_type.has_value());
  EXPECT_NE(answer->text.find("m=audio 4000 RTP/AVP 8\r\n"), std::string::npos) << answer->text;
  EXPECT_EQ(answer->text.find("telephone-event"), std::string::npos);
}

TEST(SdpAnswer, RecognisesG711UnderADynamicPayloadType) {
  const auto answer =
      Answer(Parsed(OfferWithAudioLine("m=audio 5004 RTP/AVP 96 97",
                                       "a=rtpmap:96 opus/48000/2\r\na=rtpmap:97 pcma/8000\r\n")),
             "10.0.0.1", 4000);
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(answer->audio.codec, AudioCodec::kPcma);
  EXPECT_EQ(answer->audio.payload_type, 97);
}

TEST(SdpAnswer, MirrorsTheOfferedDirection) {
  const std::vector<std::pair<std::string, Direction>> cases = {{"sendrecv", Direction::kSendRecv},
                                                                {"sendonly", Direction::kRecvOnly},
                                                                {"recvonly", Direction::kSendOnly},
                                                                {"inactive", Direction::kInactive}};
  for (const auto& [offered, expected] : cases) {
    const auto answer =
        Answer(Parsed(OfferWithAudioLine("m=audio 5004 RTP/AVP 0", "a=" + offered + "\r\n")),
               "10.0.0.1", 4000);
    ASSERT_TRUE(answer.has_value()) << answer.error().message;
    EXPECT_EQ(answer->audio.direction, expected) << offered;
    EXPECT_NE(answer->text.find("a=" + std::string(ToString(expected)) + "\r\n"), std::string::npos)
        << offered;
  }
}

TEST(SdpAnswer, TakesDirectionAndAddressFromTheSessionWhenTheMediaHasNone) {
  const std::string offer =
      "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=sendonly\r\n"
      "m=audio 5004 RTP/AVP 0\r\n";
  const auto answer = Answer(Parsed(offer), "10.0.0.1", 4000);
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(answer->audio.direction, Direction::kRecvOnly);
  EXPECT_EQ(answer->audio.remote_address, "192.0.2.1");
}

TEST(SdpAnswer, AMediaLevelAddressOverridesTheSessionOne) {
  const auto answer =
      Answer(Parsed(OfferWithAudioLine("m=audio 5004 RTP/AVP 0", "c=IN IP4 198.51.100.7\r\n")),
             "10.0.0.1", 4000);
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(answer->audio.remote_address, "198.51.100.7");
}

TEST(SdpAnswer, RefusesOtherStreamsInPlace) {
  const std::string offer =
      "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
      "m=video 5006 RTP/AVP 31\r\nm=audio 5004 RTP/AVP 8\r\nm=audio 5008 RTP/AVP 0\r\n";
  const auto answer = Answer(Parsed(offer), "10.0.0.1", 4000);
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  const SessionDescription parsed = Parsed(answer->text);
  ASSERT_EQ(parsed.media.size(), 3U);
  EXPECT_EQ(parsed.media[0].media, "video");
  EXPECT_EQ(parsed.media[0].port, 0);
  EXPECT_EQ(parsed.media[1].port, 4000);
  EXPECT_EQ(parsed.media[1].formats, (std::vector<std::string>{"8"}));
  EXPECT_EQ(parsed.media[2].port, 0);
}

TEST(SdpAnswer, TheAnswerParsesBackToWhatWasAgreed) {
  const auto answer = Answer(Parsed(kOffer), "203.0.113.5", 40000);
  ASSERT_TRUE(answer.has_value());
  const SessionDescription parsed = Parsed(answer->text);
  EXPECT_EQ(parsed.connection_address, "203.0.113.5");
  ASSERT_EQ(parsed.media.size(), 1U);
  EXPECT_EQ(parsed.media[0].formats, (std::vector<std::string>{"0", "101"}));
  EXPECT_EQ(parsed.media[0].ptime_ms, 20U);
}

TEST(SdpErrors, NameTheProblem) {
  ExpectParseError("", "empty");
  ExpectParseError("o=- 1 1 IN IP4 h\r\nv=0\r\n", "must start with v=0");
  ExpectParseError("v=1\r\n", "version must be 0");
  ExpectParseError("v=0\r\nhello\r\n", "line 2: expected '<letter>=<value>'");
  ExpectParseError(OfferWithAudioLine("m=audio 70000 RTP/AVP 0"), "port 70000 is out of range");
  ExpectParseError(OfferWithAudioLine("m=audio -1 RTP/AVP 0"), "is not a number");
  ExpectParseError(OfferWithAudioLine("m=audio 5004 RTP/AVP"), "m= needs");
  ExpectParseError(OfferWithAudioLine("m=audio 5004 RTP/AVP 0 200"), "payload type '200'");
  ExpectParseError(OfferWithAudioLine("m=audio 5004 RTP/AVP 0", "a=rtpmap:0 PCMU\r\n"),
                   "a=rtpmap must be");
  ExpectParseError(OfferWithAudioLine("m=audio 5004 RTP/AVP 0", "a=ptime:abc\r\n"), "ptime 'abc'");
  ExpectParseError(OfferWithAudioLine("m=audio 5004 RTP/AVP 0", "c=IN IP6 ::1\r\n"),
                   "IP6 is not supported");
  ExpectParseError("v=0\r\nt=now\r\n", "t= needs");
  ExpectParseError(OfferWithAudioLine("m=audio 5004 RTP/AVP 0\rm=video 1 RTP/AVP 31"),
                   "control character");
  ExpectParseError(OfferWithAudioLine("m=audio " + std::string(500, '9') + " RTP/AVP 0"),
                   "port 99999999999999999999999999999999... is out of range");
}

TEST(SdpErrors, AnswerNamesWhyTheOfferCannotBeAccepted) {
  ExpectAnswerError("v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=video 5006 RTP/AVP 31\r\n",
                    "no audio m-line");
  ExpectAnswerError(OfferWithAudioLine("m=audio 5004 RTP/AVP 18 9"), "no supported codec offered");
  ExpectAnswerError(OfferWithAudioLine("m=audio 0 RTP/AVP 0"), "disabled (port 0)");
  ExpectAnswerError(OfferWithAudioLine("m=audio 5004 RTP/SAVP 0"), "SRTP (RTP/SAVP) is taken only over SIP over TLS");
  ExpectAnswerError(OfferWithAudioLine("m=audio 5004 UDP/TLS/RTP/SAVPF 0"), "only RTP/AVP or RTP/SAVP");
  ExpectAnswerError("v=0\r\nm=audio 5004 RTP/AVP 0\r\n", "no connection address");
  EXPECT_FALSE(Answer(Parsed(kOffer), "", 4000).has_value());
  EXPECT_FALSE(Answer(Parsed(kOffer), "1.2.3.4\r\nx=evil", 4000).has_value());
  EXPECT_FALSE(Answer(Parsed(kOffer), "1.2.3.4", 0).has_value());
}

TEST(SdpErrors, ArbitraryBytesAndMangledOffersNeverCrash) {
  std::mt19937 random(4733);
  std::uniform_int_distribution<int> byte(0, 255);
  const std::string alphabet = "v=0amcot \r\n:/0123456789IP4RTP/AVP";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  int answered = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string text = kOffer;
    std::uniform_int_distribution<std::size_t> where(0, text.size() - 1);
    for (int edits = 0; edits < 1 + i % 8; ++edits) {
      const std::size_t at = where(random);
      if (edits % 3 == 0) {
        text[at] = static_cast<char>(byte(random));
      } else if (edits % 3 == 1) {
        text[at] = alphabet[pick(random)];
      } else {
        text.erase(at, std::min<std::size_t>(5, text.size() - at));
      }
      if (text.empty()) break;
      where = std::uniform_int_distribution<std::size_t>(0, text.size() - 1);
    }
    const auto sdp = ParseSdp(text);
    if (sdp && Answer(*sdp, "10.0.0.1", 4000)) ++answered;
  }
  EXPECT_GT(answered, 0);
}

// What baresip offers with mediaenc=srtp-mand.
const std::string kSrtpOffer = OfferWithAudioLine(
    "m=audio 5004 RTP/SAVP 0 8 101",
    "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
    "a=crypto:7 F8_128_HMAC_SHA1_80 inline:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
    "a=crypto:9 AES_CM_128_HMAC_SHA1_80 inline:YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0\r\n");
const std::string kOurKey = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw";

TEST(SdpSrtp, AnSrtpOfferIsAnsweredWithOurKeyForTheSuiteWeRun) {
  const SessionDescription offer = Parsed(kSrtpOffer);
  ASSERT_EQ(offer.media[0].crypto.size(), 2u);
  EXPECT_EQ(offer.media[0].crypto[1].tag, 9u);
  const auto answer = Answer(offer, "203.0.113.5", 40000, {}, {.our_key = kOurKey, .required = false});
  ASSERT_TRUE(answer) << answer.error().message;
  ASSERT_TRUE(answer->audio.srtp);
  EXPECT_EQ(answer->audio.srtp->suite, "AES_CM_128_HMAC_SHA1_80");
  EXPECT_EQ(answer->audio.srtp->their_key_params, "inline:YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0");
  EXPECT_NE(answer->text.find("m=audio 40000 RTP/SAVP 0 101\r\n"), std::string::npos) << answer->text;
  EXPECT_NE(answer->text.find("a=crypto:9 AES_CM_128_HMAC_SHA1_80 inline:" + kOurKey + "\r\n"), std::string::npos)
      << answer->text;
  const auto back = Parsed(answer->text);
  ASSERT_EQ(back.media[0].crypto.size(), 1u);
}

TEST(SdpSrtp, PlainOffersStayPlainUnlessSrtpIsRequired) {
  const auto plain = Answer(Parsed(kOffer), "203.0.113.5", 40000, {}, {.our_key = kOurKey, .required = false});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->audio.srtp);
  EXPECT_EQ(plain->text.find("crypto"), std::string::npos);
  const auto refused = Answer(Parsed(kOffer), "203.0.113.5", 40000, {}, {.our_key = kOurKey, .required = true});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("only SRTP"), std::string::npos) << refused.error().message;
  const auto no_suite = Answer(Parsed(OfferWithAudioLine("m=audio 5004 RTP/SAVP 0",
                                                          "a=crypto:1 F8_128_HMAC_SHA1_80 inline:abc\r\n")),
                               "203.0.113.5", 40000, {}, {.our_key = kOurKey, .required = true});
  ASSERT_FALSE(no_suite);
  EXPECT_NE(no_suite.error().message.find("no SRTP crypto suite we support"), std::string::npos);
  ExpectParseError(OfferWithAudioLine("m=audio 5004 RTP/SAVP 0", "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:a\r\n"),
                   "a=crypto must be");
}

}  // namespace
}  // namespace cc::telephony::media
