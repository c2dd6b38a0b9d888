#include "http/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace cc::http {
namespace {

Request Make(std::string method, std::string target) {
  Request request;
  request.method = std::move(method);
  request.target = target;
  EXPECT_TRUE(ParseTarget(target, request));
  return request;
}

Router AgentRoutes() {
  Router router;
  router.Add("GET", "/api/agents", [](Request&) { return Text(200, "list"); });
  router.Add("GET", "/api/agents/{id}", [](Request& r) { return Text(200, "agent " + std::string(r.PathParam("id"))); });
  router.Add("PUT", "/api/agents/{id}/state", [](Request& r) {
    return Text(200, std::string(r.PathParam("id")) + " state");
  });
  router.Add("POST", "/api/agents/{id}/state", [](Request&) { return Text(201, "posted"); });
  router.Add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("kaboom"); });
  return router;
}

TEST(RouterTest, PathParametersReachTheHandler) {
  Router router = AgentRoutes();
  Request request = Make("GET", "/api/agents/42");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "agent 42");
  EXPECT_EQ(request.route, "/api/agents/{id}");
  Request state = Make("PUT", "/api/agents/7/state");
  EXPECT_EQ(router.Dispatch(state).body, "7 state");
}

TEST(RouterTest, EncodedSlashStaysInsideOneParameter) {
  Router router = AgentRoutes();
  Request request = Make("GET", "/api/agents/a%2Fb");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "agent a/b");
}

TEST(RouterTest, UnknownPathIs404Problem) {
  Router router = AgentRoutes();
  Request request = Make("GET", "/api/agents/1/unknown");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
  Request empty_param = Make("GET", "/api/agents//state");
  EXPECT_EQ(router.Dispatch(empty_param).status, 404);
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  Router router = AgentRoutes();
  Request request = Make("DELETE", "/api/agents/1/state");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers.GetOr("Allow"), "POST, PUT");
  EXPECT_EQ(request.route, "/api/agents/{id}/state");
}

TEST(RouterTest, ThrowingHandlerIs500Problem) {
  Router router = AgentRoutes();
  Request request = Make("GET", "/boom");
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 500);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], 500);
  EXPECT_EQ(body["detail"].get<std::string>().find("kaboom"), std::string::npos) << "internals must not leak";
}

TEST(RouterDeathTest, MalformedPatternAborts) {
  Router router;
  EXPECT_DEATH(router.Add("GET", "/api/{id", [](Request&) { return Text(200, ""); }), "whole segment");
  EXPECT_DEATH(router.Add("GET", "api", [](Request&) { return Text(200, ""); }), "start with");
}

}  // namespace
}  // namespace cc::http
