// The bytes of an HTTP/1.x response head (status line and fields, ending in
// an empty line) for a Response: written by us into one string instead of
// through Beast's serializer, which walked a chain of buffer views for every
// field of every answer (about a third of the CPU of a small GET).
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "http/response.h"

namespace cc::http {

// The head for `response` to a request of HTTP version `version` (10 or 11).
// Adds Server, Content-Type (not for 204/304), Content-Length (not for 1xx,
// 204, 304) and Connection as keep_alive and the version require (close for
// 1.1 without keep-alive; keep-alive for 1.0 with it). A status outside
// 100-599 is sent as 500. Fields whose name or value could break the head
// (CR, LF, NUL, a name with ':' or spaces) are left out.
std::string ResponseHead(const Response& response, unsigned version, bool keep_alive,
                         std::string_view server_name);

// Whether a status may carry a body (and so a Content-Length).
bool StatusHasBody(int status);

}  // namespace cc::http
