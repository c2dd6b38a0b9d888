// Real SIP calls through `callcenter serve --demo --sip-listen`, with sipp as
// the callers and as the agents' phones (scenario files beside this test,
// named for what they prove). Each test starts its own server on free ports,
// registers (or fails to register) sip01's phone, places calls to the demo's
// test number 100 and reads what happened from the interaction log over the API.
#include <algorithm>

#include "telephony/media/testing/tone.h"
#include "tests/sip/sip_fixture.h"

namespace cc::testing {
namespace {

using namespace sip_fixture;  // NOLINT: the harness of every test below
using nlohmann::json;
using telephony::media::test_audio::ToneStrength;

TEST_F(SipCallTest, ACallerIsQueuedOfferedToTheRegisteredPhoneBridgedAndHangsUp) {
  auto phone = Phone("uas-agent-answers.xml");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 8000);
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-answers.xml");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.received")) << Types(log);
  EXPECT_TRUE(Has(log, "call.offered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.ended")) << Types(log);

  // The recording: the caller's 400 Hz on the left, the agent's 1000 Hz on the right.
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);
  EXPECT_NEAR(ChannelHz(wavs[0], 0), 400, 60) << wavs[0];
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 100) << wavs[0];
  // ... linked to the call record, finished, about as long as the conversation.
  auto session = Admin();
  ApiSession& admin = *session;
  auto list = admin.Get("/api/recordings").Json()["recordings"];
  ASSERT_EQ(list.size(), 1u) << list.dump();
  const auto call = FirstCall(log);
  EXPECT_EQ(list[0].value("call_id", std::int64_t{0}), call);
  EXPECT_FALSE(list[0]["ended_at"].is_null());
  EXPECT_GT(list[0].value("duration_seconds", 0.0), 2.0);
  // The agent joined only after the caller had heard the whole "this call is
  // recorded" notice (3.7 s): the caller talked 8 s after the answer, and the
  // recording (agent joined to hang-up) is shorter by about the notice.
  EXPECT_LT(list[0].value("duration_seconds", 0.0), 5.5) << list[0].dump();
  // The call record says what a simulated call's would: answered by sip01, completed.
  const json cdr = CallRecord(call);
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
  EXPECT_EQ(cdr.value("dialled", ""), "100") << cdr.dump();
  EXPECT_EQ(cdr.value("caller", ""), "79151000000") << cdr.dump();
  EXPECT_GT(cdr.value("talk_ms", 0), 2000) << cdr.dump();
}

TEST_F(SipCallTest, AWrongPasswordIsRefusedAndTheCallerHearsTheQueueUntilHangingUp) {
  ASSERT_EQ(Register("not-the-password", "uac-register-wrong-password.xml", FreeUdpPort()), 0)
      << Log("uac-register-wrong-password.xml");
  RtpListener ear;
  auto caller = Call("uac-hangup-in-queue.xml", 3000, {"-key", "listen_port", std::to_string(ear.port())});
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-hangup-in-queue.xml");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.received")) << Types(log);
  EXPECT_TRUE(Has(log, "call.queued")) << Types(log);
  // The agent whose phone could not register is never offered the call.
  EXPECT_FALSE(Has(log, "call.offered")) << Types(log);
  EXPECT_FALSE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.abandoned")) << Types(log);
  // The waiting caller heard something the whole time: ~150 packets in 3 s.
  EXPECT_GT(ear.packets(), 100);
  EXPECT_GT(ear.audible(), 50);
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "abandoned") << cdr.dump();
  EXPECT_TRUE(Wavs(dir_ / "data").empty());
}

TEST_F(SipCallTest, TheCallersAudioReachesTheAgentsPhone) {
  // The phone echoes what reaches it: the caller's tone comes back as the agent's side.
  auto phone = Phone("uas-agent-echoes.xml", {"-rtp_echo"});
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 8000);
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-echoes.xml");
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);
  EXPECT_NEAR(ChannelHz(wavs[0], 0), 400, 60) << wavs[0];
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 400, 60) << wavs[0];
}

TEST_F(SipCallTest, TheAgentsAudioReachesTheCaller) {
  // The caller echoes what reaches them: the agent's tone comes back as the caller's side.
  auto phone = Phone("uas-agent-answers.xml");
  auto caller = Call("uac-caller-echoes-then-hangs-up.xml", 8000, {"-rtp_echo"});
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-echoes-then-hangs-up.xml");
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-answers.xml");
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);
  EXPECT_NEAR(ChannelHz(wavs[0], 0), 1000, 100) << wavs[0];
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 100) << wavs[0];
}

TEST_F(SipCallTest, ACallerWhoHangsUpWhileThePhoneRingsCancelsTheRing) {
  auto phone = Phone("uas-agent-rings-until-cancelled.xml");
  RtpListener ear;
  auto caller = Call("uac-hangup-in-queue.xml", 3000, {"-key", "listen_port", std::to_string(ear.port())});
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-hangup-in-queue.xml");
  // The phone got its CANCEL (the scenario waits for it and answers 487).
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-rings-until-cancelled.xml");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.offered")) << Types(log);
  EXPECT_FALSE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.abandoned")) << Types(log);
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "abandoned") << cdr.dump();
}

TEST_F(SipCallTest, ARejectedRingPutsTheCallerBackInTheQueue) {
  auto phone = Phone("uas-agent-rejects.xml");
  auto caller = Call("uac-hangup-in-queue.xml", 4000, {"-key", "listen_port", std::to_string(FreeUdpPort())});
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-rejects.xml");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-hangup-in-queue.xml");
  const auto log = CallLog();
  const auto ended = All(log, "offer.ended");
  ASSERT_FALSE(ended.empty()) << Types(log);
  EXPECT_EQ(ended.front()["event"].value("how", ""), "rejected") << ended.front().dump();
  EXPECT_FALSE(Has(log, "call.answered")) << Types(log);
  // The caller kept waiting after the refusal (half a second in) until hanging up at 4 s.
  const auto abandoned = All(log, "call.abandoned");
  ASSERT_EQ(abandoned.size(), 1u) << Types(log);
  EXPECT_GT(abandoned.front()["event"].value("wait_ms", 0), 3000) << abandoned.front().dump();
}

TEST_F(SipCallTest, ThreeUnansweredRingsMakeTheAgentNotReady) {
  ASSERT_NO_FATAL_FAILURE(SetRingTimeout(1));
  // Rings 1 s, the offer expires, the same caller is offered again 5 s later.
  auto phone = Phone("uas-agent-rings-until-cancelled.xml", {}, 3);
  auto caller = Call("uac-hangup-in-queue.xml", 16000, {"-key", "listen_port", std::to_string(FreeUdpPort())});
  EXPECT_EQ(phone->Wait(std::chrono::seconds(40)), 0) << Log("uas-agent-rings-until-cancelled.xml");
  EXPECT_EQ(caller->Wait(std::chrono::seconds(40)), 0) << Log("uac-hangup-in-queue.xml");
  const auto log = CallLog();
  const auto ended = All(log, "offer.ended");
  ASSERT_EQ(ended.size(), 3u) << Types(log);
  for (const auto& e : ended) EXPECT_EQ(e["event"].value("how", ""), "expired") << e.dump();
  bool not_ready = false;
  const auto agent = All(log, "call.offered").front()["event"].value("agent", std::int64_t{-1});
  for (const auto& r : AgentLog("agent.state_changed", agent)) {
    not_ready = not_ready || (r["event"].value("to", "") == "not-ready" &&
                              r["event"].value("reason", "") == "missed-offers");
  }
  EXPECT_TRUE(not_ready);
}

TEST_F(SipCallTest, AByeFromTheAgentsPhoneHangsUpOnTheCaller) {
  auto phone = Phone("uas-agent-answers-then-hangs-up.xml", {}, 1, 2000);
  auto caller = Call("uac-caller-is-hung-up-on.xml", 0);
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-answers-then-hangs-up.xml");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-is-hung-up-on.xml");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.ended")) << Types(log);
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
  EXPECT_GT(cdr.value("talk_ms", 0), 1500) << cdr.dump();
}

TEST_F(SipCallTest, TheAgentsPhoneHoldsAndResumesTheCaller) {
  auto phone = Phone("uas-agent-holds-then-resumes.xml");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 9000);
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-holds-then-resumes.xml");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.held")) << Types(log);
  EXPECT_TRUE(Has(log, "call.resumed")) << Types(log);
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
  EXPECT_GT(cdr.value("hold_ms", 0), 700) << cdr.dump();
}

TEST_F(SipCallTest, TheDeskHoldsResumesPausesTheRecordingAndHangsUpASipCall) {
  auto phone = Phone("uas-agent-answers.xml");
  auto caller = Call("uac-caller-is-hung-up-on.xml", 0);
  ASSERT_TRUE(WaitUntilRecorded());
  // sip01 on the web desk works the call their phone answered.
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
  auto r = desk.Post("/api/agent/recording", json{{"paused", true}});
  EXPECT_EQ(r.status, 200) << r.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  r = desk.Post("/api/agent/recording", json{{"paused", false}});
  EXPECT_EQ(r.status, 200) << r.body;
  r = desk.Post("/api/agent/hold");
  EXPECT_LT(r.status, 300) << r.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  r = desk.Post("/api/agent/resume");
  EXPECT_LT(r.status, 300) << r.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  r = desk.Post("/api/agent/hangup");
  EXPECT_LT(r.status, 300) << r.body;
  // Hanging up on the desk sends BYE to both the caller and the phone.
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-is-hung-up-on.xml");
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-answers.xml");
  const auto log = CallLog();
  for (const char* type : {"call.answered", "recording.paused", "recording.resumed", "call.held", "call.resumed",
                           "call.ended"}) {
    EXPECT_TRUE(Has(log, type)) << type << ": " << Types(log);
  }
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
  EXPECT_GT(cdr.value("hold_ms", 0), 800) << cdr.dump();
  auto session = Admin();
  auto list = session->Get("/api/recordings").Json()["recordings"];
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0].value("pauses", 0), 1) << list[0].dump();
  EXPECT_GT(list[0].value("paused_seconds", 0.0), 0.3) << list[0].dump();
}

TEST_F(SipCallTest, ABaresipPhoneAnswersHearsTheCallerAndIsHeard) {
  const fs::path voice = dir_ / "agent-pcm.wav";
  const std::string cmd = "sox -n -r 8000 -c 1 -b 16 -e signed-integer " + voice.string() + " synth 30 sine 1000 vol 0.5";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  Baresip phone(dir_ / "baresip", Target(), "sip01", sip01_password_, voice);
  // The phone registers by itself; the server then shows it on the user.
  auto session = Admin();
  const std::int64_t sip01 = UserId("sip01");
  bool registered = false;
  for (int i = 0; i < 100 && !registered; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    registered = session->Get("/api/users/" + std::to_string(sip01) + "/sip").Json().value("registered", false);
  }
  ASSERT_TRUE(registered) << Read(dir_ / "baresip" / "baresip.log");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 8000);
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.ended")) << Types(log);
  // What the phone heard is the caller's 400 Hz; the recording has both sides.
  std::vector<fs::path> heard;
  for (const auto& e : fs::directory_iterator(dir_ / "baresip" / "dumps")) {
    if (e.path().string().ends_with("-dec.wav")) heard.push_back(e.path());
  }
  ASSERT_EQ(heard.size(), 1u) << Read(dir_ / "baresip" / "baresip.log");
  EXPECT_NEAR(ChannelHz(heard[0], 0, 1), 400, 60) << heard[0];
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);
  EXPECT_NEAR(ChannelHz(wavs[0], 0), 400, 60) << wavs[0];
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 100) << wavs[0];
}

TEST_F(SipCallTest, AnExternalTransferReachesTheOutsideNumberThroughTheTrunk) {
  // The centre's trunk: a gateway (sipp) that wants a digest login and takes only 112.
  const std::uint16_t trunk_port = FreeUdpPort();
  std::ofstream(dir_ / "trunk.toml") << "[sip.trunk]\naddress = \"127.0.0.1:" << trunk_port
                                     << "\"\nuser = \"centre\"\npassword = \"trunk-secret\"\n";
  ASSERT_NO_FATAL_FAILURE(StartServer("with-trunk.out", {"--config", (dir_ / "trunk.toml").string()}));
  Sipp outside(dir_ / "outside.log", {"-sf", Scenario("uas-outside-number-answers-with-auth.xml").string(), "-i",
                                      "127.0.0.1", "-p", std::to_string(trunk_port), "-mp",
                                      std::to_string(FreeMediaPort()), "-m", "1", "-nostdin", "-timeout", "60s",
                                      "-timeout_error"});
  auto phone = Phone("uas-agent-answers.xml");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 10000);
  ASSERT_TRUE(WaitUntilRecorded());
  // S-15: the operator hands the caller to the emergency number.
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
  auto r = desk.Post("/api/agent/transfer", json{{"to", "external"}, {"number", "112"}});
  EXPECT_LT(r.status, 300) << r.body;
  // The agent's phone is let go at once; the caller talks to 112 until hanging up.
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-answers.xml");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(outside.Wait(), 0) << Read(dir_ / "outside.log");
  const auto log = CallLog();
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("number", ""), "112") << transferred[0].dump();
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "transferred-out") << cdr.dump();
}

TEST_F(SipCallTest, ACallbackRingsTheAgentsPhoneThenCallsTheCustomerThroughTheTrunk) {
  // The trunk: a gateway (sipp) behind which the customer 79160000001 answers.
  const std::uint16_t trunk_port = FreeUdpPort();
  std::ofstream(dir_ / "trunk.toml") << "[sip.trunk]\naddress = \"127.0.0.1:" << trunk_port << "\"\n";
  ASSERT_NO_FATAL_FAILURE(StartServer("with-trunk.out", {"--config", (dir_ / "trunk.toml").string()}));
  Sipp customer(dir_ / "customer.log", {"-sf", Scenario("uas-customer-answers-then-hangs-up.xml").string(), "-i",
                                        "127.0.0.1", "-p", std::to_string(trunk_port), "-mp",
                                        std::to_string(FreeMediaPort()), "-m", "1", "-d", "3000", "-nostdin",
                                        "-timeout", "60s", "-timeout_error"});
  auto phone = Phone("uas-agent-answers.xml");
  // A supervisor promises the customer a call back on the SIP line, due now;
  // sip01 sees it offered on the desk and takes it.
  ASSERT_NO_FATAL_FAILURE(ScheduleCallback("79160000001"));
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
  const json offer = AwaitOffer(desk);
  ASSERT_TRUE(offer.is_object()) << desk.Get("/api/agent").body;
  EXPECT_EQ(offer.value("kind", ""), "callback") << offer.dump();
  const std::int64_t call = offer.value("call", std::int64_t{-1});
  auto r = desk.Post("/api/agent/accept", json{{"call", call}});
  EXPECT_LT(r.status, 300) << r.body;
  auto session = Admin();
  // The phone rings and answers, then the customer's number: they talk
  // until the customer hangs up, and the phone is hung up in turn.
  EXPECT_EQ(customer.Wait(), 0) << Read(dir_ / "customer.log");
  EXPECT_EQ(phone->Wait(), 0) << Log("uas-agent-answers.xml");
  std::vector<json> log;
  for (int attempt = 0; attempt < 50; ++attempt) {
    log.clear();
    const json page = session->Get("/api/interactions?from_seq=1&limit=1000").Json();
    for (const auto& rec : page["records"]) {
      if (rec.contains("call") && rec["call"].is_number() && rec["call"].get<std::int64_t>() == call) log.push_back(rec);
    }
    if (Has(log, "call.ended")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const auto connected = All(log, "call.connected");
  ASSERT_EQ(connected.size(), 1u) << Types(log);
  EXPECT_EQ(connected[0]["event"].value("kind", ""), "callback") << connected[0].dump();
  EXPECT_TRUE(Has(log, "call.ended")) << Types(log);
  const json cdr = CallRecord(call);
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
  // Recorded like any call: the customer on the left, the agent on the right.
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);
  EXPECT_NEAR(ChannelHz(wavs[0], 0), 400, 40) << wavs[0];
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 60) << wavs[0];
}

TEST_F(SipCallTest, AWaitingCallerPressesOneForACallbackThatKeepsTheirPlaceAndIsDialledBack) {
  const std::uint16_t trunk_port = FreeUdpPort();
  std::ofstream(dir_ / "trunk.toml") << "[sip.trunk]\naddress = \"127.0.0.1:" << trunk_port << "\"\n";
  ASSERT_NO_FATAL_FAILURE(StartServer("with-trunk.out", {"--config", (dir_ / "trunk.toml").string()}));
  // The SIP line offers a callback to whoever has waited 2 s.
  {
    auto session = Admin();
    for (auto q : session->Get("/api/queues").Json()) {
      if (q.value("name", "") != "Линия SIP") continue;
      q["max_wait_s"] = 2;
      q["overflow"] = json{{"kind", "callback"}};
      auto r = session->Send("PUT", "/api/queues/" + std::to_string(q["id"].get<std::int64_t>()), q);
      ASSERT_EQ(r.status, 200) << r.body;
    }
  }
  // Nobody is there: the caller waits, hears the offer, presses 1 and is let go with a goodbye.
  auto caller = Call("uac-caller-takes-the-callback.xml", 0,
                     {"-trace_msg", "-message_file", (dir_ / "caller.msg").string()});
  std::uint16_t media_port = 0;
  for (int i = 0; i < 100 && media_port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::smatch m;
    const std::string trace = fs::exists(dir_ / "caller.msg") ? Read(dir_ / "caller.msg") : std::string();
    const auto answer = trace.find("SIP/2.0 200 OK");
    const std::string rest = answer == std::string::npos ? std::string() : trace.substr(answer);
    if (std::regex_search(rest, m, std::regex("m=audio ([0-9]+)"))) media_port = static_cast<std::uint16_t>(std::stoi(m[1]));
  }
  ASSERT_NE(media_port, 0) << Read(dir_ / "caller.msg");
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));  // the offer comes after 2 s
  ASSERT_NO_FATAL_FAILURE(PressKey(media_port, 1));
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-takes-the-callback.xml");
  std::vector<json> log = CallLogSoFar();
  EXPECT_TRUE(Has(log, "callback.offered")) << Types(log);
  ASSERT_TRUE(Has(log, "callback.chosen")) << Types(log);
  const std::int64_t call = All(log, "callback.chosen")[0]["event"].value("call", std::int64_t{-1});
  // sip01's phone comes on: the callback is offered, taken, the phone rings and
  // then the caller's own number is dialled through the trunk.
  Sipp customer(dir_ / "customer.log", {"-sf", Scenario("uas-caller-answers-the-callback.xml").string(), "-i",
                                        "127.0.0.1", "-p", std::to_string(trunk_port), "-mp",
                                        std::to_string(FreeMediaPort()), "-m", "1", "-d", "2000", "-nostdin",
                                        "-timeout", "60s", "-timeout_error"});
  auto phone = Phone("uas-agent-answers.xml");
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
  const json offer = AwaitOffer(desk);
  ASSERT_TRUE(offer.is_object()) << desk.Get("/api/agent").body;
  EXPECT_EQ(offer.value("kind", ""), "callback") << offer.dump();
  EXPECT_EQ(offer.value("call", std::int64_t{-2}), call) << offer.dump();
  auto r = desk.Post("/api/agent/accept", json{{"call", call}});
  EXPECT_LT(r.status, 300) << r.body;
  // The gateway takes only a call to the number the caller called from (the scenario checks it).
  EXPECT_EQ(customer.Wait(), 0) << Read(dir_ / "customer.log");
  for (int attempt = 0; attempt < 50 && !Has(log, "call.connected"); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    log = CallLogSoFar();
  }
  const auto connected = All(log, "call.connected");
  ASSERT_EQ(connected.size(), 1u) << Types(log);
  EXPECT_EQ(connected[0]["event"].value("kind", ""), "callback") << connected[0].dump();
}

TEST_F(SipCallTest, ACallbackFailsCleanlyWhenNoTrunkIsConfigured) {
  // No trunk is configured: the agent's phone is not even rung, the callback
  // is marked failed and the agent is free again.
  auto phone = Phone("uas-agent-rejects.xml");
  ASSERT_NO_FATAL_FAILURE(ScheduleCallback("79160000001"));
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
  const json offer = AwaitOffer(desk);
  ASSERT_TRUE(offer.is_object());
  const std::int64_t call = offer.value("call", std::int64_t{-1});
  auto r = desk.Post("/api/agent/accept", json{{"call", call}});
  EXPECT_LT(r.status, 300) << r.body;
  const json cdr = CallRecord(call);
  EXPECT_EQ(cdr.value("outcome", ""), "callback-failed") << cdr.dump();
  // The agent is free for the next call.
  std::string state;
  for (int i = 0; i < 50 && state != "ready"; ++i) {
    state = desk.Get("/api/agent").Json().value("state", "");
    if (state != "ready") std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(state, "ready") << desk.Get("/api/agent").body;
}

TEST_F(SipCallTest, OnlyTrunkPeersMayCallAndAPeerWithAnAccountMustLogIn) {
  // inbound = "peers": the provider at a known address and port, with a login.
  const std::uint16_t provider_port = FreeUdpPort();
  std::ofstream(dir_ / "peers.toml") << "[sip]\ninbound = \"peers\"\n[[sip.peers]]\nname = \"provider\"\n"
                                     << "address = \"127.0.0.1:" << provider_port << "\"\n"
                                     << "user = \"beta\"\npassword = \"trunk-pass\"\n";
  ASSERT_NO_FATAL_FAILURE(StartServer("with-peers.out", {"--config", (dir_ / "peers.toml").string()}));
  Sipp stranger(dir_ / "stranger.log", {Target(), "-sf", Scenario("uac-stranger-is-refused.xml").string(), "-s", "100",
                                        "-i", "127.0.0.1", "-p", std::to_string(FreeUdpPort()), "-m", "1", "-nostdin",
                                        "-timeout", "20s", "-timeout_error"});
  EXPECT_EQ(stranger.Wait(), 0) << Read(dir_ / "stranger.log");
  // The provider dials the number as trunks do ("+100"); the DID table finds the queue's "100".
  Sipp provider(dir_ / "provider.log", {Target(), "-sf", Scenario("uac-trunk-peer-logs-in-then-hangs-up.xml").string(),
                                        "-s", "+100", "-au", "beta", "-ap", "trunk-pass", "-d", "1500", "-i",
                                        "127.0.0.1", "-p", std::to_string(provider_port), "-mp",
                                        std::to_string(FreeMediaPort()), "-m", "1", "-nostdin", "-timeout", "30s",
                                        "-timeout_error"});
  EXPECT_EQ(provider.Wait(), 0) << Read(dir_ / "provider.log");
  // A wrong password from the provider's own address is refused.
  Sipp guesser(dir_ / "guesser.log", {Target(), "-sf", Scenario("uac-trunk-peer-logs-in-then-hangs-up.xml").string(),
                                      "-s", "100", "-au", "beta", "-ap", "guess", "-d", "500", "-i", "127.0.0.1", "-p",
                                      std::to_string(provider_port), "-m", "1", "-trace_msg", "-message_file",
                                      (dir_ / "guesser-messages.log").string(), "-nostdin", "-timeout", "20s",
                                      "-timeout_error"});
  EXPECT_NE(guesser.Wait(), 0) << Read(dir_ / "guesser.log");
  EXPECT_NE(Read(dir_ / "guesser-messages.log").find("SIP/2.0 403 Forbidden"), std::string::npos)
      << Read(dir_ / "guesser-messages.log");
  // Only the provider's call reached the centre, as the queue's number.
  auto session = Admin();
  int received = 0;
  const json page = session->Get("/api/interactions?from_seq=1&limit=1000").Json();
  for (const auto& rec : page["records"]) {
    if (rec.value("type", "") != "call.received") continue;
    ++received;
    EXPECT_EQ(rec["event"].value("dialled", ""), "100") << rec.dump();
  }
  EXPECT_EQ(received, 1) << page.dump();
}

TEST_F(SipCallTest, TheAgentsPhoneTransfersTheCallerToAColleagueWithRefer) {
  // sip01 takes the call; once it talks, sip02's phone comes on; sip01's phone
  // sends REFER to sip02 (blind), hears NOTIFY 200 and is let go with a BYE.
  auto first = Phone("uas-agent-answers-then-refers.xml", {"-key", "refer_to", "sip02"}, 1, 5000);
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 14000);
  ASSERT_TRUE(WaitUntilRecorded());
  auto second = Phone("uas-agent-answers.xml", {}, 1, 0, "sip02");
  EXPECT_EQ(first->Wait(), 0) << Read(dir_ / "sip01-uas-agent-answers-then-refers.xml.log");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(second->Wait(), 0) << Read(dir_ / "sip02-uas-agent-answers.xml.log");
  const auto log = CallLog();
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("to_agent", std::int64_t{-1}), UserId("sip02")) << transferred[0].dump();
  // sip02's phone rang and took the call.
  std::set<std::int64_t> offered;
  for (const auto& o : All(log, "call.offered")) offered.insert(o["event"].value("agent", std::int64_t{-1}));
  EXPECT_EQ(offered, (std::set<std::int64_t>{UserId("sip01"), UserId("sip02")})) << Types(log);
  EXPECT_TRUE(Has(log, "call.connected")) << Types(log);
}

// Consults with an outside number through the trunk, from sip01's desk.
class SipOutsideConsultTest : public SipCallTest {
 protected:
  void TearDown() override {
    caller_.reset();
    phone_.reset();
    outside_.reset();
    desk_.reset();
    SipCallTest::TearDown();
  }

  // sip01 talks with a caller who hangs up after `talk_ms`; its desk then
  // consults `number`, where `scenario` plays the outside world (the default
  // answers and stays until the centre's BYE).
  void ConsultOutside(int talk_ms, const char* number = "112", const char* scenario = "uas-agent-answers.xml") {
    std::uint16_t trunk_port = 0;
    ASSERT_NO_FATAL_FAILURE(trunk_port = StartWithTrunk());
    outside_ = OutsideWorld(trunk_port, scenario);
    phone_ = Phone("uas-agent-answers.xml");
    caller_ = Call("uac-caller-talks-then-hangs-up.xml", talk_ms);
    ASSERT_TRUE(WaitUntilRecorded());
    desk_ = std::make_unique<ApiSession>(http_port_);
    ASSERT_EQ(desk_->Login("sip01", sip01_password_).status, 200);
    auto r = desk_->Post("/api/agent/consult", json{{"to", "external"}, {"number", number}});
    ASSERT_LT(r.status, 300) << r.body;
  }

  // The consult above until the number answered.
  void ConsultOutsideConnected(int talk_ms) {
    ASSERT_NO_FATAL_FAILURE(ConsultOutside(talk_ms));
    const std::vector<json> log = AwaitLog("consult.connected");
    ASSERT_TRUE(Has(log, "consult.connected")) << Types(log) << Read(dir_ / "outside.log");
  }

  // ... then, with all three in a conference first when asked, the desk's
  // return: the outside party gets a BYE at once and the agent talks on with
  // the caller until they hang up.
  void ConsultThenReturn(bool conference) {
    ASSERT_NO_FATAL_FAILURE(ConsultOutsideConnected(12000));
    ApiSession& desk = *desk_;
    if (conference) {
      ASSERT_LT(desk.Post("/api/agent/consult/complete", json{{"outcome", "conference"}}).status, 300);
      const json call = desk.Get("/api/agent").Json()["call"];
      EXPECT_TRUE(call.value("conference", false)) << call.dump();
      EXPECT_EQ(call["consult"].value("number", ""), "112") << call.dump();
      std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    }
    ASSERT_LT(desk.Post("/api/agent/consult/complete", json{{"outcome", "return"}}).status, 300);
    EXPECT_EQ(outside_->Wait(), 0) << Read(dir_ / "outside.log");  // the consulted party gets a BYE at once
    const json desk_now = desk.Get("/api/agent").Json();
    EXPECT_EQ(desk_now.value("state", ""), "on-call");
    EXPECT_FALSE(desk_now["call"].value("conference", true)) << desk_now.dump();
    EXPECT_TRUE(desk_now["call"]["consult"].is_null()) << desk_now.dump();
    EXPECT_EQ(caller_->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
    EXPECT_EQ(phone_->Wait(), 0) << Log("uas-agent-answers.xml");
    const std::vector<json> log = CallLog();
    const json cdr = CallRecord(FirstCall(log));
    EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
    const auto ended = All(log, "consult.ended");
    ASSERT_EQ(ended.size(), conference ? 2u : 1u) << Types(log);
    EXPECT_EQ(ended.back()["event"].value("outcome", ""), "return") << ended.back().dump();
  }

  std::unique_ptr<Sipp> outside_, phone_, caller_;
  std::unique_ptr<ApiSession> desk_;
};

TEST_F(SipOutsideConsultTest, ThenHandsTheCallerToIt) {
  // S-15: the operator consults an outside party (here 112) through the trunk
  // while the caller holds, then transfers the caller to them and leaves.
  ASSERT_NO_FATAL_FAILURE(ConsultOutsideConnected(14000));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the operator explains the case
  auto r = desk_->Post("/api/agent/consult/complete", json{{"outcome", "transfer"}});
  ASSERT_LT(r.status, 300) << r.body;
  EXPECT_EQ(phone_->Wait(), 0) << Log("uas-agent-answers.xml");  // the operator's phone is let go
  EXPECT_EQ(caller_->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(outside_->Wait(), 0) << Read(dir_ / "outside.log");  // BYE when the caller hangs up
  const std::vector<json> log = CallLog();
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("number", ""), "112") << transferred[0].dump();
  EXPECT_TRUE(Has(log, "consult.started")) << Types(log);
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "transferred-out") << cdr.dump();
}

TEST_F(SipOutsideConsultTest, EndsWithTheCallerBackWithTheAgent) { ConsultThenReturn(false); }

TEST_F(SipOutsideConsultTest, AConferenceLetsTheNumberGoAndTheCallerStaysWithTheAgent) { ConsultThenReturn(true); }

TEST_F(SipOutsideConsultTest, TheAgentLeavesAConferenceAndTheNumberKeepsTheCaller) {
  ASSERT_NO_FATAL_FAILURE(ConsultOutsideConnected(10000));
  ASSERT_LT(desk_->Post("/api/agent/consult/complete", json{{"outcome", "conference"}}).status, 300);
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  ASSERT_LT(desk_->Post("/api/agent/hangup", json::object()).status, 300);
  EXPECT_EQ(phone_->Wait(), 0) << Log("uas-agent-answers.xml");  // BYE to the agent's phone at once
  EXPECT_NE(desk_->Get("/api/agent").Json().value("state", ""), "on-call");
  // The caller and the number talk on until the caller hangs up; then the number gets its BYE.
  EXPECT_EQ(caller_->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(outside_->Wait(std::chrono::seconds(10)), 0) << Read(dir_ / "outside.log");
  const std::vector<json> log = CallLog();
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("number", ""), "112") << transferred[0].dump();
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "transferred-out") << cdr.dump();
}

TEST_F(SipOutsideConsultTest, ACallerWhoHangsUpMidConsultEndsTheOutsideCallToo) {
  ASSERT_NO_FATAL_FAILURE(ConsultOutsideConnected(6000));
  EXPECT_EQ(caller_->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(phone_->Wait(), 0) << Log("uas-agent-answers.xml");
  EXPECT_EQ(outside_->Wait(std::chrono::seconds(10)), 0) << Read(dir_ / "outside.log");  // BYE, not left open
}

TEST_F(SipOutsideConsultTest, AnOutsidePartyWhoHangsUpMidConsultGivesTheCallerBackToTheAgent) {
  // The outside world answers and hangs up at once.
  ASSERT_NO_FATAL_FAILURE(ConsultOutside(12000, "79160000001", "uas-customer-answers-then-hangs-up.xml"));
  const std::vector<json> log = AwaitLog("call.resumed");
  const auto ended = All(log, "consult.ended");
  ASSERT_EQ(ended.size(), 1u) << Types(log);
  EXPECT_EQ(ended[0]["event"].value("outcome", ""), "return") << ended[0].dump();
  EXPECT_TRUE(Has(log, "call.resumed")) << Types(log);
  EXPECT_EQ(desk_->Get("/api/agent").Json().value("state", ""), "on-call");
  EXPECT_EQ(outside_->Wait(), 0) << Read(dir_ / "outside.log");
  EXPECT_EQ(caller_->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(phone_->Wait(), 0) << Log("uas-agent-answers.xml");
}

TEST_F(SipCallTest, AnAttendedTransferConsultsAColleaguesPhoneThenHandsTheCallerOver) {
  // sip01 takes the call, consults sip02 (whose phone rings and answers while
  // the caller holds), then transfers: sip01's phone is let go, sip02 keeps the caller.
  auto first = Phone("uas-agent-answers.xml");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 14000);
  ASSERT_TRUE(WaitUntilRecorded());
  auto second = Phone("uas-agent-answers.xml", {}, 1, 0, "sip02");
  ApiSession desk(http_port_);
  ApiSession colleague(http_port_);
  std::int64_t sip02 = 0;
  ASSERT_NO_FATAL_FAILURE(DeskConsultsSip02(desk, colleague, &sip02));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the two agents talk
  auto r = desk.Post("/api/agent/consult/complete", json{{"outcome", "transfer"}});
  ASSERT_LT(r.status, 300) << r.body;
  EXPECT_EQ(first->Wait(), 0) << Read(dir_ / "sip01-uas-agent-answers.xml.log");  // BYE to sip01 at once
  EXPECT_EQ(colleague.Get("/api/agent").Json().value("state", ""), "on-call");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(second->Wait(), 0) << Read(dir_ / "sip02-uas-agent-answers.xml.log");
  const std::vector<json> log = CallLog();
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("to_agent", std::int64_t{-1}), sip02) << transferred[0].dump();
  // sip02's part is recorded too: the caller (400 Hz) on the left of both files.
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 2u);
  for (const auto& wav : wavs) EXPECT_NEAR(ChannelHz(wav, 0), 400, 60) << wav;
}

TEST_F(SipCallTest, InAConferenceTheColleagueHearsTheCallerAndKeepsThemWhenTheAgentLeaves) {
  // sip01 takes the call and consults sip02, whose phone echoes what it hears,
  // then joins all three. In the conference sip02 hears the caller (400 Hz),
  // so the echo puts the caller's tone on the agent's side of sip01's
  // recording; during the consult sip02 heard sip01 (1000 Hz) alone. sip01
  // then hangs up on the desk: sip02 keeps the caller until they hang up.
  auto first = Phone("uas-agent-answers.xml");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 16000);
  ASSERT_TRUE(WaitUntilRecorded());
  auto second = Phone("uas-agent-echoes.xml", {"-rtp_echo"}, 1, 0, "sip02");
  ApiSession desk(http_port_);
  ApiSession colleague(http_port_);
  std::int64_t sip02 = 0;
  ASSERT_NO_FATAL_FAILURE(DeskConsultsSip02(desk, colleague, &sip02));
  const json consulting = desk.Get("/api/agent").Json()["call"];
  EXPECT_TRUE(consulting["consult"].value("connected", false)) << consulting.dump();
  EXPECT_EQ(consulting["consult"].value("agent", std::int64_t{-1}), sip02) << consulting.dump();
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the two agents talk
  auto r = desk.Post("/api/agent/consult/complete", json{{"outcome", "conference"}});
  ASSERT_LT(r.status, 300) << r.body;
  EXPECT_TRUE(desk.Get("/api/agent").Json()["call"].value("conference", false));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // all three together
  r = desk.Post("/api/agent/hangup", json::object());
  ASSERT_LT(r.status, 300) << r.body;
  EXPECT_EQ(first->Wait(), 0) << Read(dir_ / "sip01-uas-agent-answers.xml.log");  // BYE to sip01 at once
  EXPECT_EQ(colleague.Get("/api/agent").Json().value("state", ""), "on-call");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(second->Wait(), 0) << Read(dir_ / "sip02-uas-agent-echoes.xml.log");
  const std::vector<json> log = CallLog();
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("to_agent", std::int64_t{-1}), sip02) << transferred[0].dump();
  const auto ended = All(log, "consult.ended");
  ASSERT_EQ(ended.size(), 1u) << Types(log);
  EXPECT_EQ(ended[0]["event"].value("outcome", ""), "conference") << ended[0].dump();
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
  // sip01's recording (call-N.wav; sip02's part is call-N-2.wav) ends with the conference.
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 2u);
  const auto mine = std::find_if(wavs.begin(), wavs.end(), [](const fs::path& w) {
    const std::string name = w.filename().string();
    return std::count(name.begin(), name.end(), '-') == 1;
  });
  ASSERT_NE(mine, wavs.end());
  const std::vector<std::int16_t> right = ChannelSamples(*mine, 1);
  ASSERT_GT(right.size(), 8000u * 3) << *mine;  // at least the consult's second and the conference
  const std::vector<std::int16_t> conference(right.end() - 8000 * 3 / 2, right.end());
  EXPECT_GT(ToneStrength(conference, 400), 0.05) << "sip02 heard the caller in the conference";
  EXPECT_GT(ToneStrength(conference, 1000), 0.2) << "the agents' side is still there";
  // The first second, before the conference, carried no caller's tone on the agent's side.
  const std::vector<std::int16_t> before(right.begin(), right.begin() + 8000);
  EXPECT_LT(ToneStrength(before, 400), 0.02);
}

TEST_F(SipCallTest, TheDeskTransfersASipCallToAnotherAgentsPhone) {
  auto first = Phone("uas-agent-answers.xml");
  auto second = Phone("uas-agent-answers.xml", {}, 1, 0, "sip02");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 10000);
  ASSERT_TRUE(WaitUntilRecorded());
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the first agent talks a while
  auto session = Admin();
  const std::int64_t sip02 = UserId("sip02");
  // The call went to one of the two; that agent hands it to the other on the desk.
  const auto offered = All(CallLogSoFar(), "call.offered");
  ASSERT_FALSE(offered.empty());
  const auto holder = offered.front()["event"].value("agent", std::int64_t{-1});
  const bool first_has_it = holder != sip02;
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login(first_has_it ? "sip01" : "sip02", first_has_it ? sip01_password_ : sip02_password_).status, 200);
  const std::int64_t target = UserId(first_has_it ? "sip02" : "sip01");
  auto r = desk.Post("/api/agent/transfer", json{{"to", "agent"}, {"agent", target}});
  EXPECT_LT(r.status, 300) << r.body;
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(first->Wait(), 0) << Read(dir_ / "sip01-uas-agent-answers.xml.log");
  EXPECT_EQ(second->Wait(), 0) << Read(dir_ / "sip02-uas-agent-answers.xml.log");
  const auto log = CallLog();
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("to_agent", std::int64_t{-1}), target) << transferred[0].dump();
  // The second phone rang and took the call: both agents are in the log.
  std::set<std::int64_t> agents;
  for (const auto& o : All(log, "call.offered")) agents.insert(o["event"].value("agent", std::int64_t{-1}));
  EXPECT_EQ(agents.size(), 2u) << Types(log);
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
  EXPECT_EQ(cdr.value("transfers", 0), 1) << cdr.dump();
  // Each agent's part is recorded in a file of its own; neither overwrites the other.
  auto list = session->Get("/api/recordings").Json()["recordings"];
  ASSERT_EQ(list.size(), 2u) << list.dump();
  std::set<std::int64_t> recorded_agents;
  for (const auto& rec : list) {
    recorded_agents.insert(rec.value("agent_id", std::int64_t{-1}));
    EXPECT_FALSE(rec["ended_at"].is_null()) << rec.dump();
    EXPECT_GT(rec.value("duration_seconds", 0.0), 0.5) << rec.dump();
  }
  EXPECT_EQ(recorded_agents, agents);
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 2u);
  for (const auto& wav : wavs) EXPECT_NEAR(ChannelHz(wav, 0), 400, 60) << wav;
}

TEST_F(SipCallTest, ARecordingCutShortByAKillPlaysAfterTheRestart) {
  auto phone = Phone("uas-agent-answers.xml");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 30000);
  // Wait until the call is being recorded, let it talk, then kill the server.
  ASSERT_TRUE(WaitUntilRecorded());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  server_->Kill(SIGKILL);
  caller.reset();
  phone.reset();
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);

  ASSERT_NO_FATAL_FAILURE(StartServer("restart.out"));
  auto session = Admin();
  ApiSession& admin = *session;
  auto list = admin.Get("/api/recordings").Json()["recordings"];
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_TRUE(list[0].value("repaired", false)) << list[0].dump();
  EXPECT_FALSE(list[0]["ended_at"].is_null()) << list[0].dump();
  EXPECT_GT(list[0].value("duration_seconds", 0.0), 2.0) << list[0].dump();
  // The repaired file plays: its header now covers the audio, both sides there.
  EXPECT_NEAR(ChannelHz(wavs[0], 0), 400, 60) << wavs[0];
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 100) << wavs[0];
  auto audio = admin.Get("/api/recordings/" + std::to_string(list[0].value("id", 0)) + "/audio");
  EXPECT_EQ(audio.status, 200);
  ASSERT_GT(audio.body.size(), 44u);
  std::uint32_t riff = 0, data = 0;
  std::memcpy(&riff, audio.body.data() + 4, 4);
  std::memcpy(&data, audio.body.data() + 40, 4);
  EXPECT_EQ(riff + 8, audio.body.size());
  EXPECT_EQ(data + 44, audio.body.size());
  // The call the crash cut off is closed in the log.
  EXPECT_TRUE(Has(CallLog(), "call.interrupted"));
}

}  // namespace
}  // namespace cc::testing
