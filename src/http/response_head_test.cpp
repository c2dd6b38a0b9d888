#include "http/response_head.h"

#include <gtest/gtest.h>

#include <boost/beast/http.hpp>

namespace cc::http {
namespace {

namespace bhttp = boost::beast::http;

Response JsonAnswer() {
  Response response;
  response.status = 200;
  response.content_type = "application/json";
  response.body = R"({"id":2})";
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

TEST(ResponseHeadTest, KeepAliveAnswerHasLengthAndNoConnectionField) {
  EXPECT_EQ(ResponseHead(JsonAnswer(), 11, true, "callcenter"),
            "HTTP/1.1 200 OK\r\n"
            "Server: callcenter\r\n"
            "Content-Type: application/json\r\n"
            "Cache-Control: no-store\r\n"
            "Content-Length: 8\r\n"
            "\r\n");
}

TEST(ResponseHeadTest, ConnectionFollowsVersionAndKeepAlive) {
  EXPECT_NE(ResponseHead(JsonAnswer(), 11, false, "x").find("\r\nConnection: close\r\n"), std::string::npos);
  EXPECT_NE(ResponseHead(JsonAnswer(), 10, true, "x").find("\r\nConnection: keep-alive\r\n"), std::string::npos);
  EXPECT_EQ(ResponseHead(JsonAnswer(), 10, false, "x").find("Connection"), std::string::npos);
  EXPECT_TRUE(ResponseHead(JsonAnswer(), 10, false, "x").starts_with("HTTP/1.0 200 OK\r\n"));
}

TEST(ResponseHeadTest, NoContentAndNotModifiedCarryNoLengthOrType) {
  Response response;
  response.status = 204;
  std::string head = ResponseHead(response, 11, true, "x");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 204 No Content\r\n"));
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
  EXPECT_EQ(head.find("Content-Type"), std::string::npos);
  EXPECT_FALSE(StatusHasBody(304));
  EXPECT_FALSE(StatusHasBody(101));
  EXPECT_TRUE(StatusHasBody(404));
}

TEST(ResponseHeadTest, FieldsThatWouldBreakTheHeadAreLeftOut) {
  Response response = JsonAnswer();
  response.headers.Add("X-Name", "evil\r\nSet-Cookie: sid=stolen");
  response.headers.Add("Bad Name", "v");
  response.headers.Add("Content-Length", "999");
  response.headers.Add("X-Fine", "ok");
  std::string head = ResponseHead(response, 11, true, "x");
  EXPECT_EQ(head.find("stolen"), std::string::npos);
  EXPECT_EQ(head.find("Bad Name"), std::string::npos);
  EXPECT_EQ(head.find("999"), std::string::npos);
  EXPECT_NE(head.find("\r\nX-Fine: ok\r\n"), std::string::npos);
}

TEST(ResponseHeadTest, StatusOutsideTheRangeIsSentAs500) {
  Response response;
  response.status = 42;
  EXPECT_TRUE(ResponseHead(response, 11, true, "x").starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
}

TEST(ResponseHeadTest, BeastParsesHeadAndBodyBackToTheSameAnswer) {
  Response response = JsonAnswer();
  response.status = 201;
  response.headers.Add("Set-Cookie", "a=1");
  response.headers.Add("Set-Cookie", "b=2");
  std::string wire = ResponseHead(response, 11, false, "callcenter") + response.body;
  bhttp::response_parser<bhttp::string_body> parser;
  boost::system::error_code error;
  parser.put(boost::asio::buffer(wire), error);
  if (!error && !parser.is_done()) parser.put(boost::asio::buffer(wire.data() + wire.find("\r\n\r\n") + 4, response.body.size()), error);
  ASSERT_FALSE(error) << error.message();
  ASSERT_TRUE(parser.is_done());
  const auto& message = parser.get();
  EXPECT_EQ(message.result_int(), 201u);
  EXPECT_EQ(message.body(), response.body);
  EXPECT_FALSE(message.keep_alive());
  EXPECT_EQ(message[bhttp::field::content_type], "application/json");
  EXPECT_EQ(std::distance(message.equal_range(bhttp::field::set_cookie).first,
                          message.equal_range(bhttp::field::set_cookie).second),
            2);
}

}  // namespace
}  // namespace cc::http
