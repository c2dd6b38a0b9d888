// Random secrets and their one-way fingerprints: session and API tokens,
// CSRF tokens, generated passwords. Backed by libsodium (initialised once,
// thread-safely, on first use).
// Thread-safety: free functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cc::access {

// `bytes` random bytes as unpadded base64url (32 bytes -> 43 characters).
std::string RandomToken(std::size_t bytes = 32);

// The fingerprint stored instead of a token: BLAKE2b-256 (crypto_generichash)
// as 64 lowercase hex digits. Tokens carry 256 random bits, so no salt or
// slow hash is needed.
std::string HashToken(std::string_view token);

// A random password of `length` characters from an alphabet without look-alikes
// (no 0/O, 1/l/I): for the first admin and the demo logins.
std::string GeneratePassword(std::size_t length = 16);

// Compares two secrets in time independent of where they differ.
bool SecretEquals(std::string_view a, std::string_view b);

// Calls sodium_init() exactly once; every libsodium user in the module calls it first.
void EnsureSodium();

}  // namespace cc::access
