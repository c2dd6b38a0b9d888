// The digest nonces we have handed out and when: a challenge gets a fresh one,
// and credentials count only with a nonce we issued less than `ttl` ago and
// that has not been used before: each nonce is good for one request, so a
// captured request cannot be replayed (the phone is challenged again). The
// book holds at most `capacity` nonces (the oldest forgotten first), so a
// flood of challenges cannot grow it without bound.
// Thread-safety: none; one owner.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "core/time.h"

namespace cc::telephony::sip {

class NonceBook {
 public:
  NonceBook(std::function<std::string()> new_nonce, core::Duration ttl, std::size_t capacity)
      : new_nonce_(std::move(new_nonce)), ttl_(ttl), capacity_(capacity) {}

  std::string Issue(core::Timestamp now);
  // Whether `nonce` was issued by this book, has not expired and was not
  // taken before; it is used up either way (expired ones are forgotten).
  bool Take(const std::string& nonce, core::Timestamp now);

 private:
  std::function<std::string()> new_nonce_;
  core::Duration ttl_;
  std::size_t capacity_;
  std::map<std::string, core::Timestamp> issued_;
};

}  // namespace cc::telephony::sip
