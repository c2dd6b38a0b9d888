#include "telephony/media/srtp.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <srtp2/srtp.h>

#include <cstring>
#include <mutex>

namespace cc::telephony::media {

namespace {

bool Init() {
  static const bool ok = srtp_init() == srtp_err_status_ok;
  return ok;
}

void SetSuite(std::string_view suite, srtp_crypto_policy_t* rtp, srtp_crypto_policy_t* rtcp) {
  if (suite == "AES_CM_128_HMAC_SHA1_32") {
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(rtp);
  } else {
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtp);
  }
  srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp);  // SRTCP keeps the 80-bit tag (RFC 4568 6.2)
}

srtp_t Make(const SrtpKeys& keys, const SrtpKey& key, srtp_ssrc_type_t direction) {
  srtp_policy_t policy;
  std::memset(&policy, 0, sizeof policy);
  SetSuite(keys.suite, &policy.rtp, &policy.rtcp);
  policy.ssrc.type = direction;
  SrtpKey copy = key;
  policy.key = copy.data();
  policy.window_size = 1024;
  policy.allow_repeat_tx = 0;
  srtp_t session = nullptr;
  if (srtp_create(&session, &policy) != srtp_err_status_ok) return nullptr;
  return session;
}

}  // namespace

struct SrtpSession::Contexts {
  srtp_t out = nullptr;
  srtp_t in = nullptr;
  ~Contexts() {
    if (out) srtp_dealloc(out);
    if (in) srtp_dealloc(in);
  }
};

SrtpKey NewSrtpKey() {
  SrtpKey key{};
  RAND_bytes(key.data(), static_cast<int>(key.size()));
  return key;
}

std::string SrtpKeyText(const SrtpKey& key) {
  unsigned char text[64] = {};
  const int n = EVP_EncodeBlock(text, key.data(), static_cast<int>(key.size()));
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(n));
}

core::Result<SrtpKey> ParseSrtpKeyParams(std::string_view key_params) {
  using core::ErrorCode;
  if (!key_params.starts_with("inline:")) {
    return core::Fail(ErrorCode::kInvalidArgument, "the SRTP key must be given inline (\"inline:KEY\")");
  }
  std::string_view text = key_params.substr(7);
  if (text.find('|') != std::string_view::npos) {
    return core::Fail(ErrorCode::kInvalidArgument, "SRTP key lifetimes and MKIs are not supported");
  }
  if (text.size() != 40) {
    return core::Fail(ErrorCode::kInvalidArgument,
                      fmt::format("the SRTP key must be 30 bytes in base64 (40 characters), not {}", text.size()));
  }
  unsigned char raw[32] = {};
  const int n = EVP_DecodeBlock(raw, reinterpret_cast<const unsigned char*>(text.data()), 40);
  if (n != 30) return core::Fail(ErrorCode::kInvalidArgument, "the SRTP key is not valid base64");
  SrtpKey key{};
  std::memcpy(key.data(), raw, key.size());
  return key;
}

core::Result<std::unique_ptr<SrtpSession>> SrtpSession::Create(const SrtpKeys& keys) {
  if (!SrtpSuiteSupported(keys.suite)) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "unsupported SRTP suite " + keys.suite);
  }
  if (!Init()) return core::Fail(core::ErrorCode::kInternal, "libsrtp could not be initialised");
  std::unique_ptr<SrtpSession> session(new SrtpSession);
  session->contexts_ = std::make_unique<Contexts>();
  session->contexts_->out = Make(keys, keys.ours, ssrc_any_outbound);
  session->contexts_->in = Make(keys, keys.theirs, ssrc_any_inbound);
  if (!session->contexts_->out || !session->contexts_->in) {
    return core::Fail(core::ErrorCode::kInternal, "libsrtp refused the SRTP keys");
  }
  return session;
}

SrtpSession::~SrtpSession() = default;

namespace {
// libsrtp's in-place calls all take (context, packet, int* length).
bool InPlace(srtp_err_status_t (*call)(srtp_t, void*, int*), srtp_t context, std::uint8_t* packet,
             std::size_t& length) {
  int n = static_cast<int>(length);
  if (call(context, packet, &n) != srtp_err_status_ok) return false;
  length = static_cast<std::size_t>(n);
  return true;
}
}  // namespace

bool SrtpSession::ProtectRtp(std::uint8_t* packet, std::size_t& length) {
  return InPlace(srtp_protect, contexts_->out, packet, length);
}
bool SrtpSession::ProtectRtcp(std::uint8_t* packet, std::size_t& length) {
  return InPlace(srtp_protect_rtcp, contexts_->out, packet, length);
}
bool SrtpSession::UnprotectRtp(std::uint8_t* packet, std::size_t& length) {
  return InPlace(srtp_unprotect, contexts_->in, packet, length);
}
bool SrtpSession::UnprotectRtcp(std::uint8_t* packet, std::size_t& length) {
  return InPlace(srtp_unprotect_rtcp, contexts_->in, packet, length);
}

}  // namespace cc::telephony::media
