// A server started in-process on port 0 with the demo centre seeded (no bots,
// no generated traffic: tests inject the calls they need), and a logged-in
// API client per user. Passwords are hashed at the cheapest cost.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "app/server_app.h"
#include "http/testing/http_client.h"

namespace cc::testing {

// One user's HTTP session: cookie jar plus the CSRF token from the login.
class ApiSession {
 public:
  ApiSession(std::uint16_t port) : client_("127.0.0.1", port) {}

  http::testing::ClientResponse Login(const std::string& login, const std::string& password) {
    auto r = client_.Post("/api/login", nlohmann::json{{"login", login}, {"password", password}}.dump());
    EXPECT_TRUE(r.has_value());
    if (r && r->status == 200) csrf_ = r->Json().value("csrf_token", "");
    return r ? *r : http::testing::ClientResponse{};
  }
  http::testing::ClientResponse Get(const std::string& path) { return Unwrap(client_.Get(path, Extra())); }
  http::testing::ClientResponse Post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    return Unwrap(client_.Post(path, body.dump(), Extra(true)));
  }
  http::testing::ClientResponse Send(const std::string& method, const std::string& path,
                                     const nlohmann::json& body = nlohmann::json::object()) {
    return Unwrap(client_.Send(method, path, method == "GET" ? "" : body.dump(), Extra(method != "GET")));
  }
  void SetCsrf(std::string csrf) { csrf_ = std::move(csrf); }
  void SetBearer(std::string token) { bearer_ = std::move(token); }
  const std::string& csrf() const { return csrf_; }
  http::testing::HttpClient& client() { return client_; }
  std::string CookieHeader() const {
    std::string out;
    for (const auto& [k, v] : client_.cookies()) out += (out.empty() ? "" : "; ") + k + "=" + v;
    return out;
  }

 private:
  http::Headers Extra(bool change = false) const {
    http::Headers h;
    if (change && !csrf_.empty()) h.Set("X-CSRF-Token", csrf_);
    if (!bearer_.empty()) h.Set("Authorization", "Bearer " + bearer_);
    return h;
  }
  static http::testing::ClientResponse Unwrap(core::Result<http::testing::ClientResponse> r) {
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return r ? *r : http::testing::ClientResponse{};
  }
  http::testing::HttpClient client_;
  std::string csrf_;
  std::string bearer_;
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(); }
  void TearDown() override {
    if (server_) server_->Stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  virtual void Adjust(app::ServerSettings&) {}

  void StartServer() {
    dir_ = std::filesystem::temp_directory_path() /
           ("cc-api-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    app::ServerSettings s;
    s.port = 0;
    s.store.data_dir = dir_.string();
    s.demo = true;
    s.bots = false;
    s.traffic = false;
    s.password_cost = access::PasswordCost::kMinimum;
    s.snapshot_period = std::chrono::milliseconds(100);
    s.http_threads = 4;
    Adjust(s);
    settings_ = s;
    server_ = std::make_unique<app::ServerApp>(s);
    auto info = server_->Start();
    ASSERT_TRUE(info.has_value()) << info.error().message;
    port_ = info->endpoint.port;
    admin_password_ = info->admin_password.value_or("");
    for (const auto& l : info->demo_logins) passwords_[l.login] = l.password;
    passwords_["admin"] = admin_password_;
  }

  // A session logged in as `login` (a demo user or "admin").
  std::unique_ptr<ApiSession> As(const std::string& login) {
    auto s = std::make_unique<ApiSession>(port_);
    auto r = s->Login(login, passwords_.at(login));
    EXPECT_EQ(r.status, 200) << login << ": " << r.body;
    return s;
  }

  std::uint64_t UserId(const std::string& login) {
    auto s = As(login);
    return s->Get("/api/me").Json().value("id", 0ull);
  }

  // Queue id by name from GET /api/queues.
  std::uint64_t QueueId(ApiSession& admin, const std::string& name) {
    for (const auto& q : admin.Get("/api/queues").Json()) {
      if (q.value("name", "") == name) return q.value("id", 0ull);
    }
    ADD_FAILURE() << "no queue " << name;
    return 0;
  }

  // Polls GET `path` until `pred(json)` holds or ~3 s pass.
  template <typename Pred>
  nlohmann::json WaitFor(ApiSession& s, const std::string& path, Pred pred) {
    nlohmann::json last;
    for (int i = 0; i < 150; ++i) {
      last = s.Get(path).Json();
      if (pred(last)) return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "timed out waiting on " << path << ": " << last.dump();
    return last;
  }

  std::filesystem::path dir_;
  app::ServerSettings settings_;
  std::unique_ptr<app::ServerApp> server_;
  std::uint16_t port_ = 0;
  std::string admin_password_;
  std::map<std::string, std::string> passwords_;
  static inline int counter_ = 0;
};

}  // namespace cc::testing
