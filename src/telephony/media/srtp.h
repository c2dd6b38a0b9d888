// SRTP (RFC 3711) for one RTP leg, keyed by SDES (RFC 4568): the keys are the
// a=crypto lines both sides put in their SDP. AES_CM_128_HMAC_SHA1_80 and
// _32, through libsrtp2. A session holds our outbound context (our key) and
// the inbound one (the peer's key); packets are protected and unprotected in
// place, so buffers need kSrtpHeadroom bytes past the packet.
// Thread-safety: a session belongs to one media thread; libsrtp is set up
// once per process (any thread).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "telephony/media/srtp_suites.h"

namespace cc::telephony::media {

// Room a protected packet may need past its plain length (tag + SRTCP index).
inline constexpr std::size_t kSrtpHeadroom = 148;

using SrtpKey = std::array<std::uint8_t, 30>;  // master key (16) + salt (14)


// A fresh random master key and its inline text (standard base64, 40 characters).
SrtpKey NewSrtpKey();
std::string SrtpKeyText(const SrtpKey& key);
// "inline:KEY[|lifetime][|MKI]" of an a=crypto line; lifetimes and MKIs are refused.
core::Result<SrtpKey> ParseSrtpKeyParams(std::string_view key_params);

struct SrtpKeys {
  std::string suite = "AES_CM_128_HMAC_SHA1_80";
  SrtpKey ours{};
  SrtpKey theirs{};
};

class SrtpSession {
 public:
  static core::Result<std::unique_ptr<SrtpSession>> Create(const SrtpKeys& keys);
  ~SrtpSession();
  SrtpSession(const SrtpSession&) = delete;
  SrtpSession& operator=(const SrtpSession&) = delete;

  // In place; `length` grows by the trailer. False when libsrtp refuses.
  bool ProtectRtp(std::uint8_t* packet, std::size_t& length);
  bool ProtectRtcp(std::uint8_t* packet, std::size_t& length);
  // In place; `length` shrinks. False for a forged, damaged or replayed packet.
  bool UnprotectRtp(std::uint8_t* packet, std::size_t& length);
  bool UnprotectRtcp(std::uint8_t* packet, std::size_t& length);

 private:
  SrtpSession() = default;
  struct Contexts;
  std::unique_ptr<Contexts> contexts_;
};

}  // namespace cc::telephony::media
