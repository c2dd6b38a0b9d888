#include "telephony/media/port_allocator.h"

namespace cc::telephony::media {

PortAllocator::PortAllocator(std::uint16_t min, std::uint16_t max) {
  first_ = (std::uint32_t{min} + 1) & ~std::uint32_t{1};
  if (first_ == 0) first_ = 2;  // port 0 means "any" to the OS
  std::size_t pairs = 0;
  if (std::uint32_t{max} > first_) pairs = (std::uint32_t{max} - first_ + 1) / 2;
  used_.assign(pairs, false);
}

std::optional<std::uint16_t> PortAllocator::Acquire(
    const std::function<bool(std::uint16_t)>& try_bind) {
  for (std::size_t tried = 0; tried < used_.size(); ++tried) {
    const std::size_t slot = (next_ + tried) % used_.size();
    if (used_[slot]) continue;
    const auto port = static_cast<std::uint16_t>(first_ + 2 * slot);
    if (!try_bind(port)) continue;
    used_[slot] = true;
    ++in_use_;
    next_ = (slot + 1) % used_.size();
    return port;
  }
  return std::nullopt;
}

void PortAllocator::Release(std::uint16_t rtp_port) {
  if (rtp_port < first_ || (rtp_port - first_) % 2 != 0) return;
  const std::size_t slot = (rtp_port - first_) / 2;
  if (slot >= used_.size() || !used_[slot]) return;
  used_[slot] = false;
  --in_use_;
}

}  // namespace cc::telephony::media
