#include "access/passwords.h"

#include <sodium.h>

#include "access/secrets.h"

namespace cc::access {

using core::ErrorCode;
using core::Fail;

Passwords::Passwords(PasswordCost cost) {
  EnsureSodium();
  if (cost == PasswordCost::kMinimum) {
    ops_limit_ = crypto_pwhash_argon2id_OPSLIMIT_MIN;
    mem_limit_ = crypto_pwhash_argon2id_MEMLIMIT_MIN;
  } else {
    ops_limit_ = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
    mem_limit_ = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
  }
  auto dummy = Hash(GeneratePassword());
  if (dummy) dummy_hash_ = std::move(*dummy);
}

core::Status Passwords::CheckStrength(std::string_view password) {
  if (password.empty()) return Fail(ErrorCode::kInvalidArgument, "the password is empty");
  if (password.size() < kMinPasswordLength) {
    return Fail(ErrorCode::kInvalidArgument, "the password is too short: use at least " +
                                                 std::to_string(kMinPasswordLength) +
                                                 " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return Fail(
        ErrorCode::kInvalidArgument,
        "the password is too long: at most " + std::to_string(kMaxPasswordLength) + " characters");
  }
  return {};
}

core::Result<std::string> Passwords::Hash(std::string_view password) const {
  if (auto ok = CheckStrength(password); !ok) return tl::unexpected(ok.error());
  char out[crypto_pwhash_argon2id_STRBYTES] = {};
  if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), ops_limit_, mem_limit_) !=
      0) {
    return Fail(ErrorCode::kInternal, "cannot hash the password: out of memory");
  }
  return std::string(out);
}

bool Passwords::Verify(std::string_view hash, std::string_view password) const {
  if (hash.empty() || hash.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  if (password.size() > kMaxPasswordLength) return false;
  std::string terminated(hash);  // libsodium reads a NUL-terminated string
  return crypto_pwhash_argon2id_str_verify(terminated.c_str(), password.data(), password.size()) ==
         0;
}

void Passwords::VerifyDummy(std::string_view password) const {
  (void)Verify(dummy_hash_, password);
}

}  // namespace cc::access
