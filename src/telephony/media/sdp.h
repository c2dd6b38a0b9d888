// SDP (RFC 4566) for one audio stream, and the answer (RFC 3264) the centre
// gives to an offer: G.711 (PCMU or PCMA, first in the offer's order) and
// RFC 4733 telephone-event when offered, at 20 ms. Only what a SIP back-to-back
// agent needs is kept; unknown lines are skipped. Every malformed input is an
// error value naming the line: the parser is meant to face arbitrary bytes.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace cc::telephony::media {

enum class Direction { kSendRecv, kSendOnly, kRecvOnly, kInactive };

std::string_view ToString(Direction direction);  // the attribute name, "sendrecv"
// What the answerer says to an offer of `direction`: sendonly becomes recvonly.
Direction Mirror(Direction direction);

struct RtpMap {
  std::uint8_t payload_type = 0;
  std::string encoding;  // as written: "PCMU", "telephone-event"
  std::uint32_t clock_rate = 0;
};

struct Fmtp {
  std::uint8_t payload_type = 0;
  std::string parameters;  // "0-16"
};

// An SDES key offer or answer (RFC 4568): "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:KEY".
struct Crypto {
  std::uint32_t tag = 0;
  std::string suite;
  std::string key_params;  // "inline:KEY[|...]"
};

struct MediaDescription {
  std::string media;                 // "audio", "video", ...
  std::uint16_t port = 0;            // 0: the stream is disabled
  std::string protocol;              // "RTP/AVP"
  std::vector<std::string> formats;  // payload type numbers for RTP, in preference order
  std::optional<std::string> connection_address;
  std::vector<RtpMap> rtpmaps;
  std::vector<Fmtp> fmtps;
  std::optional<std::uint32_t> ptime_ms;
  std::optional<Direction> direction;
  std::vector<Crypto> crypto;
};

struct SessionDescription {
  std::string origin;  // the o= value as written
  std::string session_name;
  std::optional<std::string> connection_address;  // c= before the first m=
  std::optional<Direction> direction;             // a session-level direction attribute
  std::vector<MediaDescription> media;
};

// Accepts CRLF or LF line ends. Requires v=0 first; c= must be IN IP4.
core::Result<SessionDescription> ParseSdp(std::string_view text);

enum class AudioCodec { kPcmu, kPcma };

// What the media engine needs to run the stream the answer agreed to.
struct NegotiatedAudio {
  AudioCodec codec = AudioCodec::kPcmu;
  std::uint8_t payload_type = 0;
  std::optional<std::uint8_t> telephone_event_payload_type;  // as the offer numbered it
  std::string remote_address;
  std::uint16_t remote_port = 0;
  Direction direction = Direction::kSendRecv;  // ours
  std::uint32_t ptime_ms = 20;
  // Set when the stream is SRTP: the suite, our key (inline text) and theirs (key params).
  struct Srtp {
    std::string suite;
    std::string our_key;
    std::string their_key_params;
  };
  std::optional<Srtp> srtp;
};

struct SdpAnswer {
  NegotiatedAudio audio;
  std::string text;  // CRLF line ends
};

// The o= line's numbers; bump the version for each new offer or answer in a dialog.
struct SdpOrigin {
  std::uint64_t session_id = 1;
  std::uint64_t session_version = 1;
};

// Whether this dialog may run SRTP: `our_key` (base64, 40 characters) is what
// we answer with; empty when SRTP is not available here (not over TLS, or off).
struct SrtpTerms {
  std::string our_key;
  bool required = false;  // plain RTP is refused
};

// Accepts the offer's first audio stream over RTP/AVP (or RTP/SAVP with a
// supported a=crypto when `srtp` has a key) and refuses the others (port 0),
// keeping the offer's m-line order as RFC 3264 requires.
core::Result<SdpAnswer> Answer(const SessionDescription& offer, std::string_view our_address,
                               std::uint16_t our_port, SdpOrigin origin = {}, const SrtpTerms& srtp = {});

}  // namespace cc::telephony::media
