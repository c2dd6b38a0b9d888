// StaticFiles: the built web app (web/dist) served from memory. Every file
// under the root is read once at start, so a request never touches the file
// system and no path can escape the root. Hashed assets (assets/…) are
// cached by browsers for a year as immutable; index.html and other files are
// revalidated every time (no-cache) with an ETag. A GET for a path that is not
// a file and not an API path answers index.html, so the app's own routes
// (/agent, /supervisor, …) survive a reload.
// Thread-safety: immutable after Load(); Serve() is safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"
#include "http/response.h"

namespace cc::http {

class StaticFiles {
 public:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };

  // Reads every regular file under `root`. A missing root is kNotFound; a root
  // without index.html is kFailedPrecondition.
  static core::Result<StaticFiles> Load(const std::string& root);
  // A stand-in that answers every app path with a short page saying the web
  // app is not built (and how to build it).
  static StaticFiles NotBuilt(std::string_view why);

  // For GET requests the router did not match: the file, or index.html for an
  // app path, or 404 for paths under /api/ and names with an extension.
  Response Serve(const Request& request) const;

  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, File, std::less<>> files_;  // "/index.html", "/assets/app-1a2b.js"
};

// The Content-Type for a file name, by extension.
std::string_view ContentTypeFor(std::string_view name);

}  // namespace cc::http
