#include "telephony/sip/udp_ban_filter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

namespace cc::telephony::sip {
namespace {

int UdpOn(const char* address, std::uint16_t port = 0) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, address, &sa.sin_addr);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0);
  return fd;
}

std::uint16_t PortOf(int fd) {
  sockaddr_in sa{};
  socklen_t len = sizeof sa;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
  return ntohs(sa.sin_port);
}

void SendTo(int from, std::uint16_t port, const char* text) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  ::sendto(from, text, std::strlen(text), 0, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
}

// The datagrams waiting on `fd` (for up to 200 ms), as text.
std::vector<std::string> Received(int fd) {
  std::vector<std::string> out;
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, 200) > 0) {
    char buf[64] = {};
    const auto n = ::recv(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) break;
    out.emplace_back(buf, static_cast<std::size_t>(n));
  }
  return out;
}

TEST(UdpBanFilter, DatagramsFromABannedAddressNeverArrive) {
  const int server = UdpOn("127.0.0.1");
  const int banned = UdpOn("127.0.0.2");
  const int other = UdpOn("127.0.0.1");
  ASSERT_EQ(FindUdpSocket("127.0.0.1", PortOf(server)), server);
  ASSERT_TRUE(FilterUdpSources(server, {"127.0.0.2", "2001:db8::1"}));
  SendTo(banned, PortOf(server), "flood");
  SendTo(other, PortOf(server), "caller");
  EXPECT_EQ(Received(server), std::vector<std::string>{"caller"});
  // The ban runs out: the filter goes and the address is heard again.
  ASSERT_TRUE(FilterUdpSources(server, {}));
  SendTo(banned, PortOf(server), "back");
  EXPECT_EQ(Received(server), std::vector<std::string>{"back"});
  ::close(server);
  ::close(banned);
  ::close(other);
}

}  // namespace
}  // namespace cc::telephony::sip
