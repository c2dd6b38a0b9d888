#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http/router.h"

namespace cc::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("cc_static_" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    Write("index.html", "<!doctype html><div id=app></div>");
    Write("assets/app-1a2b3c.js", "console.log(1)");
    Write("favicon.svg", "<svg/>");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(root_ / name) << text; }

  static Request Get(std::string target) {
    Request request;
    request.method = "GET";
    request.target = target;
    EXPECT_TRUE(ParseTarget(target, request));
    return request;
  }

  fs::path root_;
};

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndIndexIsRevalidated) {
  auto files = StaticFiles::Load(root_.string());
  ASSERT_TRUE(files) << files.error().message;
  Response asset = files->Serve(Get("/assets/app-1a2b3c.js"));
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.headers.GetOr("Cache-Control"), "public, max-age=31536000, immutable");
  Response index = files->Serve(Get("/index.html"));
  EXPECT_EQ(index.headers.GetOr("Cache-Control"), "no-cache");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(files->Serve(Get("/favicon.svg")).content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, AppPathsFallBackToIndexButApiAndFileNamesDoNot) {
  auto files = StaticFiles::Load(root_.string());
  ASSERT_TRUE(files);
  for (const char* path : {"/", "/agent", "/supervisor/queues", "/manager/orders/17"}) {
    Response r = files->Serve(Get(path));
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, "<!doctype html><div id=app></div>") << path;
  }
  EXPECT_EQ(files->Serve(Get("/api/nothing")).status, 404);
  EXPECT_EQ(files->Serve(Get("/assets/gone-123.js")).status, 404);
  // Only files read at start can be served: a path that climbs out gets the app.
  EXPECT_EQ(files->Serve(Get("/../../etc/passwd")).body, "<!doctype html><div id=app></div>");
  EXPECT_EQ(files->Serve(Get("/../../etc/host.conf")).status, 404);
}

TEST_F(StaticFilesTest, AMatchingEtagAnswers304WithoutABody) {
  auto files = StaticFiles::Load(root_.string());
  ASSERT_TRUE(files);
  Response first = files->Serve(Get("/"));
  Request again = Get("/");
  again.headers.Add("If-None-Match", std::string(first.headers.GetOr("ETag")));
  Response second = files->Serve(again);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
}

TEST_F(StaticFilesTest, AMissingFolderOrIndexIsAnErrorAndNotBuiltExplains) {
  EXPECT_EQ(StaticFiles::Load((root_ / "nope").string()).error().code, core::ErrorCode::kNotFound);
  fs::remove(root_ / "index.html");
  EXPECT_EQ(StaticFiles::Load(root_.string()).error().code, core::ErrorCode::kFailedPrecondition);
  Response r = StaticFiles::NotBuilt("no folder").Serve(Get("/agent"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("make build"), std::string::npos);
}

TEST_F(StaticFilesTest, TheRouterFallsBackOnlyForUnmatchedGets) {
  auto files = StaticFiles::Load(root_.string());
  ASSERT_TRUE(files);
  Router router;
  router.Add("GET", "/api/me", [](Request&) { return Text(200, "me"); });
  router.SetFallback([&](Request& r) { return files->Serve(r); });
  Request me = Get("/api/me");
  EXPECT_EQ(router.Dispatch(me).body, "me");
  Request page = Get("/agent");
  EXPECT_EQ(router.Dispatch(page).status, 200);
  EXPECT_EQ(page.route, "(static)");
  Request post = Get("/agent");
  post.method = "POST";
  EXPECT_EQ(router.Dispatch(post).status, 404);
  Request api_put = Get("/api/me");
  api_put.method = "PUT";
  EXPECT_EQ(router.Dispatch(api_put).status, 405);
}

}  // namespace
}  // namespace cc::http
