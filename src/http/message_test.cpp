#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/origin_policy.h"
#include "http/request.h"
#include "http/response.h"

namespace cc::http {
namespace {

TEST(HeadersTest, LookupIgnoresCase) {
  Headers headers{{"Content-Type", "application/json"}};
  EXPECT_EQ(headers.GetOr("content-type"), "application/json");
  EXPECT_FALSE(headers.Get("Accept").has_value());
  headers.Set("CONTENT-TYPE", "text/plain");
  EXPECT_EQ(headers.fields().size(), 1u);
  EXPECT_EQ(headers.GetOr("Content-Type"), "text/plain");
}

TEST(RequestTest, TargetIsSplitAndDecoded) {
  Request request;
  ASSERT_TRUE(ParseTarget("/api/search%20me?q=a%2Bb+c&page=2&flag", request));
  EXPECT_EQ(request.path, "/api/search me");
  EXPECT_EQ(request.Query("q"), "a+b c");
  EXPECT_EQ(request.Query("page"), "2");
  EXPECT_EQ(request.Query("flag"), "");
  EXPECT_FALSE(request.Query("missing").has_value());
}

TEST(RequestTest, MalformedEscapeIsRejected) {
  Request request;
  auto parsed = ParseTarget("/a?x=%zz", request);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ParseTarget("/a%2", request));
  EXPECT_FALSE(ParseTarget("http://example.com/", request));
}

TEST(RequestTest, CookiesAreParsed) {
  Params cookies = ParseCookieHeader("sid=abc; theme=\"dark\";broken; =x");
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0], (std::pair<std::string, std::string>{"sid", "abc"}));
  EXPECT_EQ(cookies[1], (std::pair<std::string, std::string>{"theme", "dark"}));
}

Request JsonRequest(std::string content_type, std::string body) {
  Request request;
  if (!content_type.empty()) request.headers.Set("Content-Type", std::move(content_type));
  request.body = std::move(body);
  return request;
}

TEST(ParseJsonBodyTest, AcceptsJsonWithCharset) {
  auto json = ParseJsonBody(JsonRequest("application/json; charset=utf-8", R"({"a": 1})"));
  ASSERT_TRUE(json);
  EXPECT_EQ((*json)["a"], 1);
}

TEST(ParseJsonBodyTest, ErrorsSayWhatIsWrong) {
  auto malformed = ParseJsonBody(JsonRequest("application/json", R"({"a": )"));
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(malformed.error().message.find("malformed JSON"), std::string::npos);

  auto wrong_type = ParseJsonBody(JsonRequest("text/plain", "{}"));
  ASSERT_FALSE(wrong_type);
  EXPECT_NE(wrong_type.error().message.find("text/plain"), std::string::npos);

  auto no_type = ParseJsonBody(JsonRequest("", "{}"));
  ASSERT_FALSE(no_type);
  EXPECT_NE(no_type.error().message.find("Content-Type"), std::string::npos);

  EXPECT_FALSE(ParseJsonBody(JsonRequest("application/json", "  ")));
}

TEST(ParseJsonBodyTest, ANumberTooLargeForADoubleIsABadRequestNotAnException) {
  auto huge = ParseJsonBody(JsonRequest("application/json", R"({"threshold": 1e999})"));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(huge.error().message.find("1e999"), std::string::npos) << huge.error().message;
}

TEST(ResponseTest, ProblemHasTheStandardShape) {
  Response response = Problem(404, "Not Found", "no agent 7");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body, (nlohmann::json{{"type", "about:blank"}, {"title", "Not Found"}, {"status", 404},
                                  {"detail", "no agent 7"}}));
}

TEST(ResponseTest, ErrorCodesMapToStatuses) {
  using core::ErrorCode;
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(StatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kResourceExhausted), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(ErrorCode::kInternal), 500);
  Response response = ProblemFrom(core::Error{ErrorCode::kFailedPrecondition, "agent is on a call"});
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(nlohmann::json::parse(response.body)["detail"], "agent is on a call");
}

TEST(OriginPolicyTest, SameOriginOrListed) {
  EXPECT_TRUE(IsOriginAllowed("http://127.0.0.1:8080", "127.0.0.1:8080", {}));
  EXPECT_TRUE(IsOriginAllowed("https://centre.example", "centre.example", {}));
  EXPECT_TRUE(IsOriginAllowed("https://centre.example", "centre.example:443", {}));
  EXPECT_FALSE(IsOriginAllowed("http://evil.example", "127.0.0.1:8080", {}));
  EXPECT_FALSE(IsOriginAllowed("http://127.0.0.1:9999", "127.0.0.1:8080", {}));
  EXPECT_FALSE(IsOriginAllowed("null", "127.0.0.1:8080", {}));
  EXPECT_TRUE(IsOriginAllowed("https://wall.example", "127.0.0.1:8080", {"https://wall.example"}));
}

}  // namespace
}  // namespace cc::http
