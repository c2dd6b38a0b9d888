// The RTP port pairs of a media engine: even ports for RTP with RTCP on the
// next odd one, inside [min, max]. Handed out round robin, so a port just
// released is the last to be used again (late packets of the old call do not
// reach the new one). A port may be taken by another process: the caller's
// `try_bind` says whether it could bind the pair, and the next is tried.
// Thread-safety: none; the engine holds its lock around it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace cc::telephony::media {

class PortAllocator {
 public:
  PortAllocator(std::uint16_t min, std::uint16_t max);

  // The first free pair, from after the last one handed out, for which
  // `try_bind(rtp_port)` returns true; nullopt when every free pair failed.
  std::optional<std::uint16_t> Acquire(const std::function<bool(std::uint16_t)>& try_bind);
  void Release(std::uint16_t rtp_port);

  std::size_t capacity() const { return used_.size(); }
  std::size_t in_use() const { return in_use_; }

 private:
  std::uint32_t first_ = 0;  // the lowest even port
  std::vector<bool> used_;   // by (port - first_) / 2
  std::size_t next_ = 0;     // where the next search starts
  std::size_t in_use_ = 0;
};

}  // namespace cc::telephony::media
