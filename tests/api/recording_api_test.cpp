// Call recordings over real HTTP with the demo company: the call's own agent
// plays it and another operator is refused, QA gets the bytes and the
// playback is in the audit log, a byte range answers 206 so the browser can
// seek, a deleted recording answers 410, the queue's policy is validated and
// audited, and pausing without telephony that records says so. Recordings
// are made the way the telephony makes them: a row through RecordingStore (on
// a second connection to the server's database) and a WAV file in the data dir.
#include <fstream>
#include <iterator>

#include "access/audit_log.h"
#include "app/demo_centre.h"
#include "recordings/recording_store.h"
#include "storage/sqlite_database.h"
#include "telephony/media/wav.h"
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class RecordingApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = As("admin");
    for (const auto& t : admin_->Get("/api/tenants").Json()) {
      if (t.value("name", "") == app::kDemoCompany) tenant_ = t.value("id", 0ull);
    }
    ASSERT_NE(tenant_, 0u);
    auto db = storage::SqliteDatabase::Open((dir_ / "callcenter.db").string());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    store_ = std::make_unique<recordings::RecordingStore>(*db_);
    audit_ = std::make_unique<access::AuditLog>(*db_);
  }
  void TearDown() override {
    audit_.reset();
    store_.reset();
    db_.reset();
    ApiTest::TearDown();
  }

  // A finished recording of `login`'s call `call` in the sales queue, 1.5 s long.
  recordings::RecordingId Record(const std::string& login, std::uint64_t call) {
    const core::Timestamp started = std::chrono::time_point_cast<core::Duration>(std::chrono::system_clock::now()) -
                                    std::chrono::minutes(10);
    recordings::RecordingStart start{core::CallId(call),
                                     core::TenantId(static_cast<std::uint32_t>(tenant_)),
                                     core::QueueId(static_cast<std::uint32_t>(QueueId(*admin_, "Продажи"))),
                                     core::AgentId(static_cast<std::uint32_t>(UserId(login))),
                                     "recordings/test/call-" + std::to_string(call) + ".wav",
                                     started};
    const auto file = dir_ / start.path;
    std::filesystem::create_directories(file.parent_path());
    auto writer = telephony::media::WavWriter::Create(file, telephony::media::WavChannels::kStereo);
    EXPECT_TRUE(writer);
    std::vector<std::int16_t> caller(12000), agent(12000);
    for (std::size_t i = 0; i < caller.size(); ++i) {
      caller[i] = static_cast<std::int16_t>(i * 7);
      agent[i] = static_cast<std::int16_t>(-static_cast<int>(i));
    }
    EXPECT_TRUE(writer->AppendStereo(caller, agent));
    EXPECT_TRUE(writer->Close());
    auto id = store_->Begin(start);
    EXPECT_TRUE(id) << id.error().message;
    EXPECT_TRUE(store_->Finish(*id, started + core::Duration(1500), 12000));
    return *id;
  }

  std::string FileOf(std::uint64_t call) {
    std::ifstream in(dir_ / ("recordings/test/call-" + std::to_string(call) + ".wav"), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  static std::string AudioPath(recordings::RecordingId id, const std::string& query = "") {
    return "/api/recordings/" + std::to_string(id.value()) + "/audio" + query;
  }

  // `session`'s GET with a Range header.
  static http::testing::ClientResponse Ranged(ApiSession& session, const std::string& path, const std::string& range) {
    http::Headers h;
    h.Set("Range", range);
    auto r = session.client().Get(path, h);
    EXPECT_TRUE(r.has_value());
    return r ? *r : http::testing::ClientResponse{};
  }

  json AuditOf(const std::string& action) { return admin_->Get("/api/audit?action=" + action + "&limit=500").Json(); }

  std::unique_ptr<ApiSession> admin_;
  std::uint64_t tenant_ = 0;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<recordings::RecordingStore> store_;
  std::unique_ptr<access::AuditLog> audit_;
};

TEST_F(RecordingApiTest, TheCallsOwnAgentPlaysItAndAnotherOperatorIsRefused) {
  const auto id = Record("op01", 501);
  const std::string meta = "/api/recordings/" + std::to_string(id.value());
  auto op01 = As("op01");
  auto mine = op01->Get("/api/recordings").Json();
  ASSERT_EQ(mine["recordings"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["recordings"][0]["call_id"], 501);
  EXPECT_EQ(mine["recordings"][0]["duration_seconds"], 1.5);
  auto played = op01->Get(AudioPath(id));
  EXPECT_EQ(played.status, 200) << played.body;
  EXPECT_EQ(played.headers.GetOr("Content-Type"), "audio/wav");
  EXPECT_EQ(played.body, FileOf(501));

  auto op02 = As("op02");
  EXPECT_EQ(op02->Get(meta).status, 403);
  auto refused = op02->Get(AudioPath(id));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body.find("RIFF"), std::string::npos);
  EXPECT_TRUE(op02->Get("/api/recordings").Json()["recordings"].empty());
  EXPECT_TRUE(op02->Get("/api/recordings?agent_id=" + std::to_string(UserId("op01"))).Json()["recordings"].empty());
  // The refusal is audited like every denial.
  bool denied = false;
  for (const auto& e : AuditOf("access")) {
    denied = denied || (e.value("actor", "") == "op02" && e.value("outcome", "") == "denied" &&
                        e.value("object_id", "").find("/api/recordings/") != std::string::npos);
  }
  EXPECT_TRUE(denied) << AuditOf("access").dump();

  // A team lead reads their team's recordings but does not listen to them;
  // another team's lead does not read them.
  EXPECT_EQ(As("lead1")->Get(meta).status, 200);
  EXPECT_EQ(As("lead1")->Get(AudioPath(id)).status, 403);
  EXPECT_EQ(As("lead2")->Get(meta).status, 403);
  // Roles without recordings at all.
  EXPECT_EQ(As("manager")->Get("/api/recordings").status, 403);
}

TEST_F(RecordingApiTest, QaGetsTheBytesAndEveryPlaybackAndDownloadIsAudited) {
  const auto id = Record("op01", 502);
  auto qa = As("qa");
  auto listed = qa->Get("/api/recordings?call_id=502").Json();
  ASSERT_EQ(listed["recordings"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["recordings"][0]["audio"], AudioPath(id));
  EXPECT_TRUE(qa->Get("/api/recordings?call_id=503").Json()["recordings"].empty());

  auto played = qa->Get(AudioPath(id));
  ASSERT_EQ(played.status, 200) << played.body;
  EXPECT_EQ(played.body, FileOf(502));
  EXPECT_EQ(played.body.substr(0, 4), "RIFF");
  EXPECT_FALSE(played.headers.Has("Content-Disposition"));

  auto plays = AuditOf("recording.play");
  ASSERT_EQ(plays.size(), 1u) << plays.dump();
  EXPECT_EQ(plays[0]["object_id"], std::to_string(id.value()));
  EXPECT_EQ(plays[0]["detail"]["call_id"], 502);
  EXPECT_EQ(plays[0]["actor"], "qa");

  auto downloaded = qa->Get(AudioPath(id, "?download=1"));
  ASSERT_EQ(downloaded.status, 200);
  EXPECT_NE(downloaded.headers.GetOr("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(AuditOf("recording.download").size(), 1u);
}

TEST_F(RecordingApiTest, ARangeAnswers206AndOnlyAPlayFromTheStartIsAudited) {
  const auto id = Record("op01", 504);
  const std::string whole = FileOf(504);
  auto qa = As("qa");
  auto part = Ranged(*qa, AudioPath(id), "bytes=100-199");
  ASSERT_EQ(part.status, 206) << part.body;
  EXPECT_EQ(part.headers.GetOr("Content-Range"), "bytes 100-199/" + std::to_string(whole.size()));
  EXPECT_EQ(part.body, whole.substr(100, 100));
  EXPECT_TRUE(AuditOf("recording.play").empty());  // seeking is not a new playback

  auto start = Ranged(*qa, AudioPath(id), "bytes=0-");
  ASSERT_EQ(start.status, 206);
  EXPECT_EQ(start.body, whole);
  EXPECT_EQ(AuditOf("recording.play").size(), 1u);

  auto tail = Ranged(*qa, AudioPath(id), "bytes=-10");
  ASSERT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, whole.substr(whole.size() - 10));

  auto beyond = Ranged(*qa, AudioPath(id), "bytes=" + std::to_string(whole.size()) + "-");
  EXPECT_EQ(beyond.status, 416);
  EXPECT_EQ(beyond.headers.GetOr("Content-Range"), "bytes */" + std::to_string(whole.size()));
}

TEST_F(RecordingApiTest, ADeletedRecordingIsGoneWithAJsonBody) {
  const auto id = Record("op01", 505);
  const auto later = std::chrono::time_point_cast<core::Duration>(std::chrono::system_clock::now()) +
                     std::chrono::days(91);
  ASSERT_EQ(store_->DeleteExpired(dir_, later, *audit_).value(), 1);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "recordings/test/call-505.wav"));

  auto qa = As("qa");
  auto gone = qa->Get(AudioPath(id));
  EXPECT_EQ(gone.status, 410);
  const json body = gone.Json();
  ASSERT_TRUE(body.is_object()) << gone.body;
  EXPECT_EQ(body["deleted_reason"], "retention");
  EXPECT_EQ(body["call_id"], 505);
  auto meta = qa->Get("/api/recordings/" + std::to_string(id.value())).Json();
  EXPECT_TRUE(meta["deleted"].get<bool>());
  EXPECT_TRUE(meta["audio"].is_null());
  // The deletion itself is in the audit log.
  auto deletions = AuditOf("recording.delete");
  ASSERT_EQ(deletions.size(), 1u);
  EXPECT_EQ(deletions[0]["object_id"], std::to_string(id.value()));
}

TEST_F(RecordingApiTest, AQueuesPolicyIsValidatedAndItsChangeAudited) {
  const std::string path = "/api/queues/" + std::to_string(QueueId(*admin_, "Продажи")) + "/recording";
  auto supervisor = As("supervisor");
  auto policy = supervisor->Get(path);
  ASSERT_EQ(policy.status, 200) << policy.body;
  EXPECT_EQ(policy.Json()["record"], true);
  EXPECT_EQ(policy.Json()["retention_days"], 90);

  for (const json& bad : {json{{"retention_days", 0}}, json{{"retention_days", 3651}}, json{{"retention_days", "30"}}}) {
    auto refused = supervisor->Send("PUT", path, bad);
    EXPECT_EQ(refused.status, 400) << bad.dump();
    EXPECT_EQ(refused.Json()["field"], "retention_days") << refused.body;
    EXPECT_NE(refused.Json().value("detail", "").find("retention_days"), std::string::npos) << refused.body;
  }
  auto not_bool = supervisor->Send("PUT", path, {{"record", "no"}});
  EXPECT_EQ(not_bool.status, 400);
  EXPECT_EQ(not_bool.Json()["field"], "record");
  EXPECT_EQ(supervisor->Get(path).Json()["retention_days"], 90);  // nothing changed

  auto set = supervisor->Send("PUT", path, {{"record", false}, {"retention_days", 30}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(supervisor->Get(path).Json()["record"], false);
  EXPECT_EQ(supervisor->Get(path).Json()["retention_days"], 30);
  auto changes = AuditOf("queue.recording");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["detail"]["retention_days"], 30);
  EXPECT_EQ(changes[0]["detail"]["before"]["retention_days"], 90);

  EXPECT_EQ(As("op01")->Send("PUT", path, {{"retention_days", 5}}).status, 403);
  EXPECT_EQ(supervisor->Get("/api/queues/999999/recording").status, 404);
}

TEST_F(RecordingApiTest, PausingWithoutTelephonyThatRecordsSaysTheCallIsNotRecorded) {
  auto op01 = As("op01");
  auto paused = op01->Post("/api/agent/recording", {{"paused", true}});
  EXPECT_EQ(paused.status, 409);
  EXPECT_NE(paused.Json().value("detail", "").find("not recorded"), std::string::npos) << paused.body;
  auto malformed = op01->Post("/api/agent/recording", json::object());
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.Json()["field"], "paused");
  EXPECT_EQ(As("qa")->Post("/api/agent/recording", {{"paused", true}}).status, 403);
}

}  // namespace
}  // namespace cc::testing
