#include "telephony/sip/udp_ban_filter.h"

#include <arpa/inet.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace cc::telephony::sip {

core::Status FilterUdpSources(int fd, const std::vector<std::string>& addresses) {
  std::vector<std::uint32_t> banned;
  for (const auto& text : addresses) {
    in_addr a{};
    if (inet_pton(AF_INET, text.c_str(), &a) == 1) banned.push_back(ntohl(a.s_addr));
    if (banned.size() == kMaxFilteredAddresses) break;
  }
  if (banned.empty()) {
    int dummy = 0;
    if (::setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &dummy, sizeof dummy) != 0 && errno != ENOENT) {
      return core::Fail(core::ErrorCode::kInternal, fmt::format("sip: cannot remove the ban filter: {}",
                                                                std::strerror(errno)));
    }
    return {};
  }
  // ld [source address]; jeq each banned address → drop; accept; drop.
  std::vector<sock_filter> code;
  code.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, static_cast<std::uint32_t>(SKF_NET_OFF + 12)));
  const auto n = static_cast<std::uint8_t>(banned.size());
  for (std::uint8_t i = 0; i < n; ++i) {
    // From instruction 1 + i, the drop is at 1 + n + 1: jump over the rest of the list and the accept.
    code.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, banned[i], static_cast<std::uint8_t>(n - i), 0));
  }
  code.push_back(BPF_STMT(BPF_RET | BPF_K, 0xFFFFFFFFu));  // accept the whole datagram
  code.push_back(BPF_STMT(BPF_RET | BPF_K, 0));            // drop
  sock_fprog program{static_cast<unsigned short>(code.size()), code.data()};
  if (::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program) != 0) {
    return core::Fail(core::ErrorCode::kInternal, fmt::format("sip: cannot attach the ban filter: {}",
                                                              std::strerror(errno)));
  }
  return {};
}

int FindUdpSocket(const std::string& address, std::uint16_t port) {
  in_addr want{};
  if (inet_pton(AF_INET, address.c_str(), &want) != 1) return -1;
  for (int fd = 3; fd < 65536; ++fd) {
    int type = 0;
    socklen_t len = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
      if (errno == EBADF && fd > 4096) break;
      continue;
    }
    if (type != SOCK_DGRAM) continue;
    sockaddr_in sa{};
    len = sizeof sa;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0 || sa.sin_family != AF_INET) continue;
    if (ntohs(sa.sin_port) == port && (sa.sin_addr.s_addr == want.s_addr || sa.sin_addr.s_addr == INADDR_ANY)) {
      return fd;
    }
  }
  return -1;
}

}  // namespace cc::telephony::sip
