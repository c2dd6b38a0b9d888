// The sofia-sip adapter on loopback: two stacks call each other, and a raw
// REGISTER datagram comes out as a RegisterRequest whose answer goes back.
#include "telephony/sip/sip_stack.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

#include <gtest/gtest.h>

namespace cc::telephony::sip {
namespace {

// A stack on a free loopback port, naming itself `user_agent`.
StackOptions Local(const char* user_agent) {
  StackOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.user_agent = user_agent;
  return options;
}

class Inbox {
 public:
  std::function<void(StackEvent)> Sink() {
    return [this](StackEvent e) {
      std::lock_guard lock(mutex_);
      events_.push_back(std::move(e));
      cv_.notify_all();
    };
  }
  // The next event of type T (others before it are dropped), or nullopt after 5 s.
  template <typename T>
  std::optional<T> Next() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (true) {
      while (!events_.empty()) {
        StackEvent e = std::move(events_.front());
        events_.pop_front();
        if (auto* t = std::get_if<T>(&e)) return *t;
      }
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && events_.empty()) return std::nullopt;
    }
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<StackEvent> events_;
};

constexpr const char* kSdp =
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";

TEST(SofiaStack, ACallIsOfferedAnsweredAndHungUpBetweenTwoStacks) {
  Inbox server_inbox, phone_inbox;
  auto server = SipStack::Start(Local("callcenter-test"), server_inbox.Sink());
  ASSERT_TRUE(server) << server.error().message;
  auto phone = SipStack::Start(Local("phone-test"), phone_inbox.Sink());
  ASSERT_TRUE(phone) << phone.error().message;
  ASSERT_NE((*server)->port(), 0);

  const LegId out = (*phone)->NewLeg();
  (*phone)->Invite(out, "sip:+74950000000@127.0.0.1:" + std::to_string((*server)->port()), "79151000000",
                   "Alexei", kSdp);
  auto invite = server_inbox.Next<InviteRequest>();
  ASSERT_TRUE(invite);
  EXPECT_EQ(invite->request_user, "+74950000000");
  EXPECT_EQ(invite->from_user, "79151000000");
  EXPECT_EQ(invite->from_display, "Alexei");
  EXPECT_EQ(invite->sdp, kSdp);
  EXPECT_EQ(invite->source.address, "127.0.0.1");

  (*server)->Respond(invite->leg, 180, "Ringing");
  auto progress = phone_inbox.Next<LegProgress>();
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->status, 180);
  (*server)->Respond(invite->leg, 200, "OK", kSdp);
  auto answered = phone_inbox.Next<LegAnswered>();
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->leg, out);
  EXPECT_EQ(answered->sdp, kSdp);

  (*phone)->Hangup(out);
  auto ended = server_inbox.Next<LegEnded>();
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->leg, invite->leg);
  EXPECT_TRUE(ended->by_remote);
  EXPECT_TRUE(phone_inbox.Next<LegEnded>());
}

TEST(SofiaStack, ARefusedCallFailsWithTheStatus) {
  Inbox server_inbox, phone_inbox;
  auto server = SipStack::Start(Local("callcenter-test"), server_inbox.Sink());
  auto phone = SipStack::Start(Local("phone-test"), phone_inbox.Sink());
  ASSERT_TRUE(server && phone);
  const LegId out = (*phone)->NewLeg();
  (*phone)->Invite(out, "sip:100@127.0.0.1:" + std::to_string((*server)->port()), "", "", kSdp);
  auto invite = server_inbox.Next<InviteRequest>();
  ASSERT_TRUE(invite);
  (*server)->Respond(invite->leg, 486, "Busy Here");
  auto failed = phone_inbox.Next<LegFailed>();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 486);
}

TEST(SofiaStack, ACancelledInviteEndsTheIncomingLeg) {
  Inbox server_inbox, phone_inbox;
  auto server = SipStack::Start(Local("callcenter-test"), server_inbox.Sink());
  auto phone = SipStack::Start(Local("phone-test"), phone_inbox.Sink());
  ASSERT_TRUE(server && phone);
  const LegId out = (*phone)->NewLeg();
  (*phone)->Invite(out, "sip:100@127.0.0.1:" + std::to_string((*server)->port()), "", "", kSdp);
  auto invite = server_inbox.Next<InviteRequest>();
  ASSERT_TRUE(invite);
  (*server)->Respond(invite->leg, 180, "Ringing");
  ASSERT_TRUE(phone_inbox.Next<LegProgress>());
  (*phone)->Hangup(out);  // CANCEL while ringing
  auto ended = server_inbox.Next<LegEnded>();
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->leg, invite->leg);
}

TEST(SofiaStack, ARegisterComesOutWithItsContactsAndTheAnswerGoesBack) {
  Inbox inbox;
  auto server = SipStack::Start(Local("callcenter-test"), inbox.Sink());
  ASSERT_TRUE(server);
  int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in me{};
  me.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.1", &me.sin_addr);
  ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&me), sizeof me), 0);
  socklen_t len = sizeof me;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&me), &len);
  const int my_port = ntohs(me.sin_port);
  timeval tv{5, 0};
  ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const std::string port = std::to_string((*server)->port());
  const std::string request =
      "REGISTER sip:127.0.0.1:" + port + " SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(my_port) + ";branch=z9hG4bK-test-1\r\n"
      "Max-Forwards: 70\r\n"
      "From: <sip:op01@127.0.0.1>;tag=abc\r\n"
      "To: <sip:op01@127.0.0.1>\r\n"
      "Call-ID: reg-test-1@127.0.0.1\r\n"
      "CSeq: 7 REGISTER\r\n"
      "Contact: <sip:op01@127.0.0.1:" + std::to_string(my_port) + ">;expires=120\r\n"
      "Expires: 300\r\n"
      "Authorization: Digest username=\"op01\", realm=\"callcenter\", nonce=\"n\", uri=\"sip:127.0.0.1\", response=\"r\"\r\n"
      "Content-Length: 0\r\n\r\n";
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons((*server)->port());
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  ASSERT_GT(::sendto(s, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);

  auto reg = inbox.Next<RegisterRequest>();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->user, "op01");
  ASSERT_EQ(reg->contacts.size(), 1u);
  EXPECT_EQ(reg->contacts[0].uri, "sip:op01@127.0.0.1:" + std::to_string(my_port));
  EXPECT_EQ(reg->contacts[0].expires, std::optional<std::uint32_t>(120));
  EXPECT_EQ(reg->expires, std::optional<std::uint32_t>(300));
  EXPECT_EQ(reg->cseq, 7u);
  ASSERT_TRUE(reg->authorization);
  EXPECT_NE(reg->authorization->find("username=\"op01\""), std::string::npos);
  EXPECT_EQ(reg->source.port, my_port);
  EXPECT_EQ(reg->source.transport, "udp");

  (*server)->AnswerRegister(reg->request, 401, "Unauthorized",
                            {{"WWW-Authenticate", "Digest realm=\"callcenter\", nonce=\"fresh\""}});
  char buffer[4096];
  const auto n = ::recv(s, buffer, sizeof buffer, 0);
  ::close(s);
  ASSERT_GT(n, 0);
  const std::string response(buffer, static_cast<std::size_t>(n));
  EXPECT_EQ(response.rfind("SIP/2.0 401", 0), 0u) << response;
  EXPECT_NE(response.find("WWW-Authenticate: Digest realm=\"callcenter\", nonce=\"fresh\""), std::string::npos)
      << response;
}

}  // namespace
}  // namespace cc::telephony::sip
