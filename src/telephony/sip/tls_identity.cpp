#include "telephony/sip/tls_identity.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace cc::telephony::sip {

namespace {

std::string OpenSslError() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

core::Result<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("sip tls: cannot read the {} {}", what, path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

core::Result<std::string> PrepareTlsIdentity(const std::string& certificate, const std::string& key,
                                             const std::string& work_dir) {
  using core::ErrorCode;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
  if (!ctx) return core::Fail(ErrorCode::kInternal, "sip tls: " + OpenSslError());
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), certificate.c_str()) != 1) {
    return core::Fail(ErrorCode::kInvalidArgument,
                      fmt::format("sip tls: {} is not a PEM certificate: {}", certificate, OpenSslError()));
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> key_file(BIO_new_file(key.c_str(), "r"), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      key_file ? PEM_read_bio_PrivateKey(key_file.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
  if (!pkey) {
    return core::Fail(ErrorCode::kInvalidArgument,
                      fmt::format("sip tls: {} is not a PEM private key: {}", key, OpenSslError()));
  }
  if (SSL_CTX_use_PrivateKey(ctx.get(), pkey.get()) != 1 || SSL_CTX_check_private_key(ctx.get()) != 1) {
    ERR_clear_error();
    return core::Fail(ErrorCode::kInvalidArgument,
                      fmt::format("sip tls: the key {} does not belong to the certificate {}", key, certificate));
  }
  auto cert_text = ReadFile(certificate, "certificate");
  if (!cert_text) return tl::unexpected(cert_text.error());
  auto key_text = ReadFile(key, "key");
  if (!key_text) return tl::unexpected(key_text.error());

  std::error_code ec;
  std::filesystem::create_directories(work_dir, ec);
  if (ec) return core::Fail(ErrorCode::kUnavailable, fmt::format("sip tls: cannot create {}: {}", work_dir, ec.message()));
  ::chmod(work_dir.c_str(), 0700);
  const std::string agent = (std::filesystem::path(work_dir) / "agent.pem").string();
  {
    std::ofstream out(agent, std::ios::binary | std::ios::trunc);
    ::chmod(agent.c_str(), 0600);
    out << *cert_text;
    if (!cert_text->empty() && cert_text->back() != '\n') out << '\n';
    out << *key_text;
    if (!out) return core::Fail(ErrorCode::kUnavailable, "sip tls: cannot write " + agent);
  }
  return work_dir;
}

}  // namespace cc::telephony::sip
