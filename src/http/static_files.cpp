#include "http/static_files.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace cc::http {

namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

std::string EtagOf(const std::string& body) {
  return fmt::format("\"{:x}-{:x}\"", body.size(), std::hash<std::string>{}(body));
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".wav", "audio/wav"},
      {".mp3", "audio/mpeg"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (EndsWith(name, ext)) return type;
  }
  return "application/octet-stream";
}

core::Result<StaticFiles> StaticFiles::Load(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return core::Fail(core::ErrorCode::kNotFound, fmt::format("the web app folder '{}' does not exist", root));
  }
  StaticFiles out;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in) return core::Fail(core::ErrorCode::kInternal, fmt::format("cannot read '{}'", it->path().string()));
    std::string key = "/" + fs::relative(it->path(), root, ec).generic_string();
    File file;
    file.body = body.str();
    file.content_type = std::string(ContentTypeFor(key));
    file.etag = EtagOf(file.body);
    file.immutable = key.rfind("/assets/", 0) == 0;
    out.files_.emplace(std::move(key), std::move(file));
  }
  if (ec) return core::Fail(core::ErrorCode::kInternal, fmt::format("cannot list '{}': {}", root, ec.message()));
  if (!out.files_.contains("/index.html")) {
    return core::Fail(core::ErrorCode::kFailedPrecondition, fmt::format("the web app folder '{}' has no index.html", root));
  }
  return out;
}

StaticFiles StaticFiles::NotBuilt(std::string_view why) {
  StaticFiles out;
  File index;
  index.body = fmt::format(
      "<!doctype html><meta charset=utf-8><title>callcenter</title>"
      "<p>The web app is not built: {}.</p><p>Run <code>make build</code> (or <code>npm run build</code> "
      "in <code>web/</code>) and restart the server. The API is at <code>/api/</code>.</p>",
      why);
  index.content_type = "text/html; charset=utf-8";
  index.etag = EtagOf(index.body);
  out.files_.emplace("/index.html", std::move(index));
  return out;
}

Response StaticFiles::Serve(const Request& request) const {
  std::string_view path = request.path;
  auto it = files_.find(path);
  if (it == files_.end()) {
    bool api = path == "/api" || path.rfind("/api/", 0) == 0;
    std::string_view last = path.substr(path.rfind('/') + 1);
    if (api || last.find('.') != std::string_view::npos) {
      return Problem(404, "Not Found", fmt::format("no resource at {}", request.path));
    }
    it = files_.find("/index.html");
  }
  const File& file = it->second;
  Response response;
  response.content_type = file.content_type;
  response.headers.Set("ETag", file.etag);
  response.headers.Set("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.Set("X-Content-Type-Options", "nosniff");
  if (auto match = request.Header("If-None-Match"); match && *match == file.etag) {
    response.status = 304;
    return response;
  }
  response.body = file.body;
  return response;
}

}  // namespace cc::http
