// Drops datagrams from banned IPv4 addresses in the kernel, before the SIP
// stack reads them: a classic BPF socket filter on the SIP port's UDP socket
// (SO_ATTACH_FILTER) compares each packet's source address with the list.
// A flood from a banned address then costs the server nothing and gets no
// answer. IPv6 sources and TCP are left to the stack (which answers them 403).
// Thread-safety: pure functions; the socket may be used by another thread.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.h"

namespace cc::telephony::sip {

// At most this many addresses go into the filter (a BPF jump reaches 255 instructions ahead).
inline constexpr std::size_t kMaxFilteredAddresses = 250;

// Replaces the filter of `fd` with one dropping packets from `addresses`
// (IPv4 text; others are skipped; beyond kMaxFilteredAddresses the first ones are kept).
// An empty list removes the filter.
core::Status FilterUdpSources(int fd, const std::vector<std::string>& addresses);

// The UDP socket of this process bound to `address`:`port` (IPv4), or -1.
int FindUdpSocket(const std::string& address, std::uint16_t port);

}  // namespace cc::telephony::sip
