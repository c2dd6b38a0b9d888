#include "http/server.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "http/testing/http_client.h"

namespace cc::http {
namespace {

using testing::HttpClient;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    router.Add("GET", "/hello", [](Request&) { return Text(200, "hello"); });
    router.Add("GET", "/api/agents/{id}", [](Request& r) {
      return Json(200, {{"id", std::string(r.PathParam("id"))}, {"verbose", r.Query("verbose").has_value()}});
    });
    router.Add("POST", "/api/echo", [](Request& r) {
      auto body = ParseJsonBody(r);
      return body ? Json(200, *body) : ProblemFrom(body.error());
    });
    router.Add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("handler bug"); });
    router.Add("GET", "/slow", [this](Request&) {
      slow_entered_.set_value();
      slow_release_.get_future().wait();
      return Text(200, "done");
    });
    router.Add("POST", "/login", [](Request&) {
      Response response = Json(200, {{"ok", true}});
      response.headers.Add("Set-Cookie", "sid=s3cret; Path=/; HttpOnly; SameSite=Strict");
      return response;
    });
    router.Add("GET", "/whoami", [](Request& r) { return Text(200, std::string(r.Cookie("sid").value_or("nobody"))); });
    router.Add("GET", "/metrics", [this](Request& r) { return metrics_.Handle(r); });
    ServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = 1024;
    server_ = std::make_unique<Server>(options, std::move(router), &metrics_);
    auto endpoint = server_->Start();
    ASSERT_TRUE(endpoint) << endpoint.error().message;
    port_ = endpoint->port;
  }

  void TearDown() override {
    if (server_) server_->Stop(std::chrono::seconds(2));
  }

  HttpClient Client() { return HttpClient("127.0.0.1", port_); }

  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::promise<void> slow_entered_;
  std::promise<void> slow_release_;
};

TEST_F(ServerTest, RoutesWithPathAndQueryParameters) {
  HttpClient client = Client();
  auto response = client.Get("/api/agents/42?verbose=1");
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->headers.GetOr("Content-Type"), "application/json");
  EXPECT_EQ(response->headers.GetOr("Server"), "callcenter");
  EXPECT_EQ(response->Json(), (nlohmann::json{{"id", "42"}, {"verbose", true}}));
}

TEST_F(ServerTest, UnknownPathIs404AndWrongMethodIs405) {
  HttpClient client = Client();
  auto missing = client.Get("/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->headers.GetOr("Content-Type"), "application/problem+json");
  EXPECT_EQ(missing->Json()["status"], 404);
  auto wrong = client.Delete("/hello");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->headers.GetOr("Allow"), "GET");
}

TEST_F(ServerTest, MalformedJsonIs400Problem) {
  HttpClient client = Client();
  auto response = client.Post("/api/echo", R"({"login": "ann", )");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->headers.GetOr("Content-Type"), "application/problem+json");
  EXPECT_NE(response->Json()["detail"].get<std::string>().find("malformed JSON"), std::string::npos);
  auto echoed = client.Post("/api/echo", R"({"login": "ann"})");
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->status, 200);
  EXPECT_EQ(echoed->Json()["login"], "ann");
}

TEST_F(ServerTest, OversizedBodyIs413AndTheServerGoesOn) {
  HttpClient client = Client();
  auto response = client.Post("/api/echo", "[" + std::string(64 * 1024, ' ') + "]");
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 413);
  EXPECT_NE(response->Json()["detail"].get<std::string>().find("1024"), std::string::npos);
  auto next = client.Get("/hello");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, HandlerExceptionIs500AndTheServerGoesOn) {
  HttpClient client = Client();
  auto response = client.Get("/boom");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->headers.GetOr("Content-Type"), "application/problem+json");
  auto next = client.Get("/hello");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "hello");
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
  HttpClient client = Client();
  for (int i = 0; i < 5; ++i) {
    auto response = client.Get("/hello");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
  }
  EXPECT_EQ(client.connections_opened(), 1);
  EXPECT_EQ(server_->ConnectionCount(), 1u);
}

TEST_F(ServerTest, CookiesComeBackOnLaterRequests) {
  HttpClient client = Client();
  auto anonymous = client.Get("/whoami");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->body, "nobody");
  ASSERT_TRUE(client.Post("/login", "{}"));
  auto known = client.Get("/whoami");
  ASSERT_TRUE(known);
  EXPECT_EQ(known->body, "s3cret");
}

// The server runs in this process, so its accepted socket is one of our file descriptors.
int AcceptedSocketNoDelay(std::uint16_t server_port) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int found = -1;
  while (dirent* entry = readdir(dir)) {
    int fd = atoi(entry->d_name);
    sockaddr_in local{}, peer{};
    socklen_t length = sizeof(local);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0 || local.sin_family != AF_INET) continue;
    length = sizeof(peer);
    if (ntohs(local.sin_port) != server_port || getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) {
      continue;
    }
    int value = 0;
    length = sizeof(value);
    if (getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &length) == 0) found = value;
  }
  closedir(dir);
  return found;
}

// Sends raw bytes on a new connection and reads until the server closes it.
std::string Exchange(std::uint16_t port, std::string_view bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "connect failed";
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  (void)!write(fd, bytes.data(), bytes.size());
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return out;
}

TEST_F(ServerTest, HeadGetsTheHeadOfGetWithoutTheBody) {
  std::string answer = Exchange(port_,
                                "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  // The first answer ends at its empty line: the next bytes are the GET's status line.
  std::string head = answer.substr(0, answer.find("\r\n\r\n") + 4);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << answer;
  EXPECT_NE(head.find("Content-Length: 5\r\n"), std::string::npos) << answer;
  std::string rest = answer.substr(head.size());
  EXPECT_TRUE(rest.starts_with("HTTP/1.1 200 OK\r\n")) << answer;
  EXPECT_TRUE(rest.ends_with("\r\n\r\nhello")) << answer;
}

TEST_F(ServerTest, AcceptedSocketsHaveTcpNoDelay) {
  HttpClient client = Client();
  ASSERT_TRUE(client.Get("/hello"));
  EXPECT_EQ(AcceptedSocketNoDelay(port_), 1);
}

TEST_F(ServerTest, StopLetsTheRequestInFlightFinish) {
  auto in_flight = std::async(std::launch::async, [this] {
    HttpClient client = Client();
    return client.Get("/slow");
  });
  slow_entered_.get_future().wait();
  auto stopping = std::async(std::launch::async, [this] { server_->Stop(std::chrono::seconds(5)); });
  EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout)
      << "Stop() must wait for the request in flight";
  slow_release_.set_value();
  auto response = in_flight.get();
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "done");
  EXPECT_EQ(response->headers.GetOr("Connection"), "close");
  stopping.get();
  HttpClient late = Client();
  EXPECT_FALSE(late.Get("/hello")) << "a stopped server accepts nothing";
}

TEST_F(ServerTest, SecondServerOnTheSamePortSaysItIsInUse) {
  ServerOptions options;
  options.port = port_;
  Server second(options, Router{});
  auto started = second.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().message, "127.0.0.1:" + std::to_string(port_) + " is in use");
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatusClass) {
  HttpClient client = Client();
  ASSERT_TRUE(client.Get("/api/agents/1"));
  ASSERT_TRUE(client.Get("/api/agents/2"));
  ASSERT_TRUE(client.Get("/nope"));
  auto scraped = client.Get("/metrics");
  ASSERT_TRUE(scraped);
  EXPECT_NE(scraped->body.find(R"(http_requests_total{method="GET",route="/api/agents/{id}",status="2xx"} 2)"),
            std::string::npos)
      << scraped->body;
  EXPECT_NE(scraped->body.find(R"(http_requests_total{method="GET",route="unmatched",status="4xx"} 1)"),
            std::string::npos);
  EXPECT_NE(scraped->body.find("http_request_duration_seconds_bucket"), std::string::npos);
}

}  // namespace
}  // namespace cc::http
