#include "telephony/sip/nonce_book.h"

#include <algorithm>

namespace cc::telephony::sip {

std::string NonceBook::Issue(core::Timestamp now) {
  std::string nonce = new_nonce_();
  if (issued_.size() >= capacity_ && !issued_.empty()) {
    auto oldest = std::min_element(issued_.begin(), issued_.end(),
                                   [](const auto& a, const auto& b) { return a.second < b.second; });
    issued_.erase(oldest);
  }
  issued_[nonce] = now;
  return nonce;
}

bool NonceBook::Take(const std::string& nonce, core::Timestamp now) {
  std::erase_if(issued_, [&](const auto& entry) { return now - entry.second > ttl_; });
  return issued_.erase(nonce) > 0;
}

}  // namespace cc::telephony::sip
