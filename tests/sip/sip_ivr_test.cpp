// IVR menus on real SIP calls: an admin creates a menu over the API, a sipp
// caller dials its number and presses keys (RFC 4733, sent by the test), and
// the call reaches the queue the keys lead to with the topic on the agent's
// desk and in the interaction log; out of hours the caller hears the
// message and is let go. Harness: tests/sip/sip_fixture.h.
#include "tests/sip/sip_fixture.h"

#include <cmath>
#include <numbers>

#include "telephony/media/g711.h"

namespace cc::testing {
namespace {

using namespace sip_fixture;  // NOLINT: the harness of every test below
using nlohmann::json;

class SipIvrTest : public SipCallTest {
 protected:
  json SipLine() {
    auto session = Admin();
    for (const auto& q : session->Get("/api/queues").Json()) {
      if (q.value("name", "") == "Линия SIP") return q;
    }
    return json::object();
  }

  // "Orders 1, delivery 2 (status 1, back 9), operator 0", all on the SIP line.
  json ShopMenu(const std::string& number) {
    const json queue = SipLine();
    const std::int64_t line = queue.value("id", std::int64_t{-1});
    return json{
        {"tenant", queue.value("tenant", std::int64_t{-1})},
        {"name", "Магазин " + number},
        {"language", "ru"},
        {"numbers", {number}},
        {"start", "main"},
        {"operator_queue", line},
        {"nodes",
         {{"main",
           {{"say", "Для заказа нажмите один. Чтобы узнать о доставке, нажмите два."},
            {"timeout_s", 5},
            {"keys",
             {{"1", {{"action", "queue"}, {"queue", line}, {"topic", "Заказ"}}},
              {"2", {{"action", "menu"}, {"node", "delivery"}, {"topic", "Доставка"}}},
              {"0", {{"action", "operator"}}}}}}},
          {"delivery",
           {{"say", "Статус доставки: нажмите один. Вернуться: девять."},
            {"keys",
             {{"1", {{"action", "queue"}, {"queue", line}, {"topic", "Статус"}}},
              {"9", {{"action", "menu"}, {"node", "main"}}}}}}}}}};
  }

  // A key as a phone without RFC 4733 sends it: 100 ms of its two tones, then
  // 100 ms of silence, as PCMU (payload type 0) in 20 ms packets to `port`.
  static void PlayToneKey(std::uint16_t port, char key) {
    static const std::string keys = "123A456B789C*0#D";
    static const double low[] = {697, 770, 852, 941};
    static const double high[] = {1209, 1336, 1477, 1633};
    const auto i = keys.find(key);
    ASSERT_NE(i, std::string::npos);
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int frame = 0; frame < 10; ++frame) {
      std::int16_t samples[160];
      for (int n = 0; n < 160; ++n) {
        const double t = (frame * 160 + n) / 8000.0;
        samples[n] = frame < 5 ? static_cast<std::int16_t>(6000 * (std::sin(2 * std::numbers::pi * low[i / 4] * t) +
                                                                    std::sin(2 * std::numbers::pi * high[i % 4] * t)))
                               : std::int16_t{0};
      }
      unsigned char packet[12 + 160];
      const std::uint16_t seq = static_cast<std::uint16_t>(500 + frame);
      const std::uint32_t ts = 80000 + 160 * static_cast<std::uint32_t>(frame), ssrc = 0x544f4e45;
      const unsigned char header[12] = {0x80, 0, static_cast<unsigned char>(seq >> 8), static_cast<unsigned char>(seq),
                                        static_cast<unsigned char>(ts >> 24), static_cast<unsigned char>(ts >> 16),
                                        static_cast<unsigned char>(ts >> 8), static_cast<unsigned char>(ts),
                                        static_cast<unsigned char>(ssrc >> 24), static_cast<unsigned char>(ssrc >> 16),
                                        static_cast<unsigned char>(ssrc >> 8), static_cast<unsigned char>(ssrc)};
      std::copy(std::begin(header), std::end(header), packet);
      telephony::media::EncodeMuLaw(samples, std::span<std::uint8_t>(packet + 12, 160));
      ASSERT_EQ(::sendto(fd, packet, sizeof packet, 0, reinterpret_cast<sockaddr*>(&to), sizeof to),
                static_cast<ssize_t>(sizeof packet));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::close(fd);
  }

  std::vector<json> AllLog() {
    auto session = Admin();
    std::vector<json> out;
    json next = 1;
    while (next.is_number()) {
      const json page =
          session->Get("/api/interactions?limit=1000&from_seq=" + std::to_string(next.get<std::int64_t>())).Json();
      for (const auto& r : page["records"]) out.push_back(r);
      next = page.value("next_from_seq", json());
    }
    return out;
  }
};

TEST_F(SipIvrTest, ACallerPicksATopicByKeyAndReachesTheQueueWithItOnTheAgentsDesk) {
  {
    auto admin = Admin();
    auto r = admin->Post("/api/ivr/menus", ShopMenu("300"));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto phone = Phone("uas-agent-answers.xml");
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 9000,
                     {"-trace_msg", "-message_file", (dir_ / "caller.msg").string()}, "300");
  const std::uint16_t media_port = AnsweredMediaPort(dir_ / "caller.msg");
  ASSERT_NE(media_port, 0) << Read(dir_ / "caller.msg");
  // Nobody is offered the call while the caller is in the menu.
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  EXPECT_TRUE(desk.Get("/api/agent").Json()["offer"].is_null()) << desk.Get("/api/agent").body;
  ASSERT_NO_FATAL_FAILURE(PressKey(media_port, 2, 0));  // delivery (cutting the words short)
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_NO_FATAL_FAILURE(PressKey(media_port, 1, 1));  // status
  // The phone answers at once: the desk shows the offer briefly, then the call.
  json offer, call;
  for (int i = 0; i < 200 && !call.is_object(); ++i) {
    const json me = desk.Get("/api/agent").Json();
    if (me["offer"].is_object()) offer = me["offer"];
    call = me["call"];
    if (!call.is_object()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(call.is_object()) << desk.Get("/api/agent").body;
  EXPECT_EQ(call.value("topic", ""), "Доставка / Статус") << call.dump();
  EXPECT_EQ(call.value("dialled", ""), "300") << call.dump();
  if (offer.is_object()) {
    EXPECT_EQ(offer.value("topic", ""), "Доставка / Статус") << offer.dump();
  }
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");

  std::vector<json> log;
  for (int i = 0; i < 50 && !Has(log, "call.ended"); ++i) {
    log = CallLogSoFar("300");
    if (!Has(log, "call.ended")) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const auto received = All(log, "call.received");
  ASSERT_EQ(received.size(), 1u) << Types(log);
  const json ivr = received[0]["event"]["ivr"];
  EXPECT_EQ(ivr.value("keys", ""), "21") << received[0].dump();
  EXPECT_EQ(ivr.value("topic", ""), "Доставка / Статус") << received[0].dump();
  EXPECT_TRUE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.ended")) << Types(log);
  // ... and the call record keeps it.
  const json cdr = CallRecord(received[0].value("call", std::int64_t{-1}));
  EXPECT_EQ(cdr.value("topic", ""), "Доставка / Статус") << cdr.dump();
}

TEST_F(SipIvrTest, OutOfHoursTheCallerHearsTheMessageAndIsLetGo) {
  json menu = ShopMenu("301");
  // Open only on a date long gone: closed now.
  menu["hours"] = {{"week", json::object()}, {"holidays", {{{"date", "2020-01-01"}, {"open", {"00:00-24:00"}}}}}};
  menu["out_of_hours"] = {{"action", "message"}, {"say", "Сейчас мы закрыты. Позвоните нам в рабочее время."}};
  std::int64_t id = 0;
  {
    auto admin = Admin();
    auto r = admin->Post("/api/ivr/menus", menu);
    ASSERT_EQ(r.status, 201) << r.body;
    id = r.Json().value("id", std::int64_t{0});
  }
  auto phone = Phone("uas-agent-answers.xml");
  // The caller waits for the centre's BYE after the message (the scenario fails without it).
  auto caller = Call("uac-caller-takes-the-callback.xml", 0, {}, "301");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-takes-the-callback.xml");
  std::vector<json> ended;
  for (int i = 0; i < 50 && ended.empty(); ++i) {
    ended = All(AllLog(), "ivr.ended");
    if (ended.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0]["event"].value("outcome", ""), "message") << ended[0].dump();
  EXPECT_EQ(ended[0]["event"].value("open", true), false) << ended[0].dump();
  EXPECT_EQ(ended[0]["event"].value("menu", std::int64_t{0}), id) << ended[0].dump();
  EXPECT_EQ(ended[0]["event"].value("dialled", ""), "301") << ended[0].dump();
  // The queue never saw it, but the call has its record: where it came from and how it ended.
  EXPECT_TRUE(CallLogSoFar("301").empty());
  const json cdr = CallRecord(ended[0]["event"].value("call", std::int64_t{-1}));
  EXPECT_EQ(cdr.value("outcome", ""), "ivr-message") << cdr.dump();
  EXPECT_EQ(cdr.value("dialled", ""), "301") << cdr.dump();
  EXPECT_TRUE(cdr.contains("queue") && cdr["queue"].is_null()) << cdr.dump();
}

TEST_F(SipIvrTest, AKeyHeardAsTonesFromAPhoneWithoutKeyEventsChoosesToo) {
  json menu = ShopMenu("304");
  menu["nodes"]["main"]["keys"]["5"] = {{"action", "message"}, {"say", "Наш адрес есть на сайте. До свидания."}};
  {
    auto admin = Admin();
    auto r = admin->Post("/api/ivr/menus", menu);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto caller = Call("uac-caller-without-key-events-waits-for-bye.xml", 0,
                     {"-trace_msg", "-message_file", (dir_ / "caller.msg").string()}, "304");
  const std::uint16_t media_port = AnsweredMediaPort(dir_ / "caller.msg");
  ASSERT_NE(media_port, 0) << Read(dir_ / "caller.msg");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_NO_FATAL_FAILURE(PlayToneKey(media_port, '5'));
  // The message, then the centre's BYE (the scenario fails without one).
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-without-key-events-waits-for-bye.xml");
  std::vector<json> ended;
  for (int i = 0; i < 50 && ended.empty(); ++i) {
    ended = All(AllLog(), "ivr.ended");
    if (ended.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0]["event"].value("keys", ""), "5") << ended[0].dump();
  EXPECT_EQ(ended[0]["event"].value("outcome", ""), "message") << ended[0].dump();
}

TEST_F(SipIvrTest, MenusThatLeadNowhereOrTakeAQueuesNumberAreRefused) {
  auto admin = Admin();
  json dead = ShopMenu("302");
  dead["nodes"]["main"]["keys"]["3"] = {{"action", "menu"}, {"node", "promotions"}};
  auto r = admin->Post("/api/ivr/menus", dead);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("node 'main', key 3 leads to the node 'promotions'"), std::string::npos) << r.body;
  r = admin->Post("/api/ivr/menus", ShopMenu("100"));  // the SIP line's own number
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("already reaches the queue"), std::string::npos) << r.body;
  r = admin->Post("/api/ivr/menus", ShopMenu("302"));
  ASSERT_EQ(r.status, 201) << r.body;
  // ... and a queue may not take the menu's number.
  for (auto q : admin->Get("/api/queues").Json()) {
    if (q.value("name", "") != "Линия SIP") continue;
    q["numbers"].push_back("302");
    r = admin->Send("PUT", "/api/queues/" + std::to_string(q["id"].get<std::int64_t>()), q);
    EXPECT_EQ(r.status, 409) << r.body;
  }
  // An operator sees the menus (as the queues) but may not change them.
  ApiSession op(http_port_);
  ASSERT_EQ(op.Login("sip01", sip01_password_).status, 200);
  std::set<std::string> numbers;
  const json menus = op.Get("/api/ivr/menus").Json();
  for (const auto& m : menus["menus"]) numbers.insert(m["numbers"][0].get<std::string>());
  EXPECT_EQ(numbers, (std::set<std::string>{"200", "302"}));  // the demo's menu and this one
  EXPECT_EQ(op.Post("/api/ivr/menus", ShopMenu("303")).status, 403);
}

}  // namespace
}  // namespace cc::testing
