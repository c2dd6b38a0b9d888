// Password hashing with Argon2id (libsodium crypto_pwhash_argon2id_str): the
// stored string carries salt and cost, so hashes made at one cost still verify
// after the cost changes. Also the strength rule every new password passes.
// Thread-safety: const methods are safe from any thread; the object is
// immutable after construction.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace cc::access {

enum class PasswordCost {
  kInteractive,  // the server: libsodium's interactive limits (2 passes, 64 MiB)
  kMinimum,      // tests only: the smallest cost Argon2id allows
};

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 1024;

class Passwords {
 public:
  explicit Passwords(PasswordCost cost = PasswordCost::kInteractive);

  // kInvalidArgument with a message a user can act on when `password` is
  // empty, shorter than kMinPasswordLength or absurdly long.
  static core::Status CheckStrength(std::string_view password);

  // Checks strength, then hashes. kInternal if libsodium runs out of memory.
  core::Result<std::string> Hash(std::string_view password) const;

  // True when `password` matches `hash`; false for a mismatch or a malformed hash.
  bool Verify(std::string_view hash, std::string_view password) const;

  // Spends the time Verify() would, for a login that does not exist, so the
  // answer's timing does not tell whether the login exists.
  void VerifyDummy(std::string_view password) const;

 private:
  unsigned long long ops_limit_;
  std::size_t mem_limit_;
  std::string dummy_hash_;
};

}  // namespace cc::access
