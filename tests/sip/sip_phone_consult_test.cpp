// Consults placed from the agent's own phone (RFC 5589 attended transfer):
// sipp plays sip01's phone, which holds the caller, calls the centre again
// (logging in with its account's digest) and then transfers with a REFER
// naming that second call, or is refused by the centre.
#include "tests/sip/sip_fixture.h"

namespace cc::testing {
namespace {

using namespace sip_fixture;  // NOLINT: the harness of every test below
using nlohmann::json;

class SipPhoneConsultTest : public SipCallTest {
 protected:
  // sip01's phone running `scenario`, consulting `consult_to` after talking
  // `talk_ms`; its consult call's audio goes to ear_.
  std::unique_ptr<Sipp> ConsultingPhone(const char* scenario, const std::string& consult_to, int talk_ms) {
    return Phone(scenario,
                 {"-key", "consult_to", consult_to, "-key", "login", "sip01", "-key", "centre", Target(), "-key",
                  "consult_media_port", std::to_string(ear_.port()), "-au", "sip01", "-ap", sip01_password_,
                  "-trace_msg", "-message_file", (dir_ / "phone-messages.log").string()},
                 1, talk_ms);
  }

  // sip02 logged in on the desk and ready (so that a consult can reach them).
  std::unique_ptr<ApiSession> ReadyColleague() {
    auto colleague = std::make_unique<ApiSession>(http_port_);
    EXPECT_EQ(colleague->Login("sip02", sip02_password_).status, 200);
    for (int i = 0; i < 50 && colleague->Get("/api/agent").Json().value("state", "") != "ready"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return colleague;
  }

  RtpListener ear_;  // the consulting phone's ear on its consult call
};

TEST_F(SipPhoneConsultTest, ThePhoneConsultsAColleagueThenHandsTheCallerOverWithReferReplaces) {
  // sip01's phone answers, holds the caller, calls sip02 through the centre,
  // talks to them, then REFERs with Replaces: sip01's two calls end (NOTIFY
  // 200, BYE on both) and the caller talks to sip02 until hanging up.
  auto first = ConsultingPhone("uas-agent-consults-then-transfers.xml", "sip02", 8000);
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 20000);
  ASSERT_TRUE(WaitUntilRecorded());  // sip01 talks with the caller; now sip02 comes on
  auto second = Phone("uas-agent-answers.xml", {}, 1, 0, "sip02");
  auto colleague = ReadyColleague();
  ASSERT_EQ(colleague->Get("/api/agent").Json().value("state", ""), "ready");
  EXPECT_EQ(first->Wait(), 0) << Read(dir_ / "sip01-uas-agent-consults-then-transfers.xml.log");
  EXPECT_EQ(colleague->Get("/api/agent").Json().value("state", ""), "on-call");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(second->Wait(), 0) << Read(dir_ / "sip02-uas-agent-answers.xml.log");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.held")) << Types(log);  // the phone's own hold
  const auto started = All(log, "consult.started");
  ASSERT_EQ(started.size(), 1u) << Types(log);
  EXPECT_EQ(started[0]["event"].value("agent", std::int64_t{-1}), UserId("sip01")) << started[0].dump();
  EXPECT_TRUE(Has(log, "consult.connected")) << Types(log);
  // On its consult call the phone heard sip02 (sip02's phone sends a tone).
  EXPECT_GT(ear_.audible(), 20) << ear_.packets() << " packets";
  const auto transferred = All(log, "call.transferred");
  ASSERT_EQ(transferred.size(), 1u) << Types(log);
  EXPECT_EQ(transferred[0]["event"].value("from_agent", std::int64_t{-1}), UserId("sip01")) << transferred[0].dump();
  EXPECT_EQ(transferred[0]["event"].value("to_agent", std::int64_t{-1}), UserId("sip02")) << transferred[0].dump();
  // Both parts were recorded, the caller (400 Hz) on the left of each.
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 2u);
  for (const auto& wav : wavs) EXPECT_NEAR(ChannelHz(wav, 0), 400, 60) << wav;
}

TEST_F(SipPhoneConsultTest, ThePhoneHangsUpItsConsultCallAndTakesTheCallerBack) {
  auto first = ConsultingPhone("uas-agent-consults-then-returns.xml", "sip02", 8000);
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 20000);
  ASSERT_TRUE(WaitUntilRecorded());
  auto second = Phone("uas-agent-answers.xml", {}, 1, 0, "sip02");
  auto colleague = ReadyColleague();
  ASSERT_EQ(colleague->Get("/api/agent").Json().value("state", ""), "ready");
  // sip02's phone gets its BYE when sip01's phone hangs up the consult call.
  EXPECT_EQ(second->Wait(), 0) << Read(dir_ / "sip02-uas-agent-answers.xml.log");
  ApiSession desk(http_port_);
  ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
  EXPECT_EQ(desk.Get("/api/agent").Json().value("state", ""), "on-call");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_EQ(first->Wait(), 0) << Read(dir_ / "sip01-uas-agent-consults-then-returns.xml.log");
  const auto log = CallLog();
  const auto ended = All(log, "consult.ended");
  ASSERT_EQ(ended.size(), 1u) << Types(log);
  EXPECT_EQ(ended[0]["event"].value("outcome", ""), "return") << ended[0].dump();
  EXPECT_TRUE(Has(log, "call.resumed")) << Types(log);
  EXPECT_FALSE(Has(log, "call.transferred")) << Types(log);
  const json cdr = CallRecord(FirstCall(log));
  EXPECT_EQ(cdr.value("outcome", ""), "completed") << cdr.dump();
}

TEST_F(SipPhoneConsultTest, APhoneCannotConsultANumberTheDialPlanForbids) {
  // Agents may call only what the dial plan allows: the consult call is
  // refused with 403, nothing reaches the trunk, and the caller stays with sip01.
  const std::uint16_t trunk_port = FreeUdpPort();
  std::ofstream(dir_ / "plan.toml") << "[sip.trunk]\naddress = \"127.0.0.1:" << trunk_port
                                    << "\"\n[dial_plan]\nallow = [\"7495*\"]\n";
  ASSERT_NO_FATAL_FAILURE(StartServer("with-plan.out", {"--config", (dir_ / "plan.toml").string()}));
  auto phone = ConsultingPhone("uas-agent-consult-is-refused.xml", "79991234567", 3000);
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 9000);
  EXPECT_EQ(phone->Wait(), 0) << Read(dir_ / "sip01-uas-agent-consult-is-refused.xml.log");
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  const auto log = CallLog();
  EXPECT_FALSE(Has(log, "consult.started")) << Types(log);
  EXPECT_EQ(ear_.packets(), 0);  // the refused consult call carried no audio
  EXPECT_TRUE(Has(log, "call.ended")) << Types(log);
}

}  // namespace
}  // namespace cc::testing
