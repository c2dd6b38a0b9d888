#include "http/response_head.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace cc::http {

namespace {

bool SafeName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127 || c == ':') return false;
  }
  return true;
}

bool SafeValue(std::string_view value) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

void AddField(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

bool StatusHasBody(int status) { return status >= 200 && status != 204 && status != 304; }

std::string ResponseHead(const Response& response, unsigned version, bool keep_alive,
                         std::string_view server_name) {
  const int status = response.status >= 100 && response.status <= 599 ? response.status : 500;
  std::string out;
  out.reserve(160 + response.content_type.size());
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  fmt::format_to(std::back_inserter(out), "{} ", status);
  out.append(ReasonPhrase(status)).append("\r\n");
  if (!server_name.empty() && SafeValue(server_name)) AddField(out, "Server", server_name);
  if (status != 204 && status != 304 && SafeValue(response.content_type)) {
    AddField(out, "Content-Type", response.content_type);
  }
  for (const auto& [name, value] : response.headers.fields()) {
    if (EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Connection") ||
        EqualsIgnoreCase(name, "Transfer-Encoding")) {
      continue;  // the server decides these
    }
    if (!SafeName(name) || !SafeValue(value)) {
      spdlog::error("http: response field {:?} left out: its name or value has characters a header cannot carry",
                    name);
      continue;
    }
    AddField(out, name, value);
  }
  if (StatusHasBody(status)) {
    out.append("Content-Length: ");
    fmt::format_to(std::back_inserter(out), "{}\r\n", response.body.size());
  }
  if (version == 10 && keep_alive) AddField(out, "Connection", "keep-alive");
  if (version != 10 && !keep_alive) AddField(out, "Connection", "close");
  out.append("\r\n");
  return out;
}

}  // namespace cc::http
