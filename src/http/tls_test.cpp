#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

#include "http/server.h"
#include "http/testing/http_client.h"

namespace cc::http {
namespace {

namespace fs = std::filesystem;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / fmt::format("cc_http_tls_{}", ::getpid());
    fs::create_directories(dir_);
    cert_ = (dir_ / "cert.pem").string();
    key_ = (dir_ / "key.pem").string();
    std::string command = fmt::format(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout {} -out {} 2>/dev/null",
        key_, cert_);
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl could not make a test certificate";
  }
  void TearDown() override { fs::remove_all(dir_); }

  ServerOptions Options() {
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.tls_cert_file = cert_;
    options.tls_key_file = key_;
    return options;
  }

  fs::path dir_;
  std::string cert_;
  std::string key_;
};

TEST_F(TlsTest, ServesHttpsOnly) {
  Router router;
  router.Add("GET", "/hello", [](Request&) { return Text(200, "secure hello"); });
  Server server(Options(), std::move(router));
  auto endpoint = server.Start();
  ASSERT_TRUE(endpoint) << endpoint.error().message;

  testing::HttpClient https("127.0.0.1", endpoint->port, {.tls = true});
  for (int i = 0; i < 2; ++i) {
    auto response = https.Get("/hello");
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "secure hello");
  }
  EXPECT_EQ(https.connections_opened(), 1);

  testing::HttpClient plain("127.0.0.1", endpoint->port, {.tls = false, .timeout = std::chrono::seconds(2)});
  auto refused = plain.Get("/hello");
  EXPECT_TRUE(!refused || refused->status != 200) << "plain HTTP must not be served";
  server.Stop(std::chrono::seconds(1));
}

TEST_F(TlsTest, MissingCertificateIsAClearStartError) {
  ServerOptions options = Options();
  options.tls_cert_file = (dir_ / "missing.pem").string();
  Server server(options, Router{});
  auto started = server.Start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("missing.pem"), std::string::npos) << started.error().message;

  ServerOptions half = Options();
  half.tls_key_file.clear();
  Server half_server(half, Router{});
  EXPECT_FALSE(half_server.Start());
}

}  // namespace
}  // namespace cc::http
