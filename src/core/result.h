// Expected errors as values: Result<T> is tl::expected<T, Error>. Codes are
// mapped to SIP or HTTP status codes only at the edges of the system.
// Thread-safety: value types.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

namespace cc::core {

enum class ErrorCode {
  kInvalidArgument,     // the input is malformed or out of range
  kNotFound,            // the thing named does not exist
  kAlreadyExists,       // the thing being created exists already
  kFailedPrecondition,  // the request is valid but not in the current state
  kResourceExhausted,   // a limit is reached (queue full, rate limit)
  kUnauthenticated,    // no valid credentials were presented
  kPermissionDenied,   // authenticated, but not allowed
  kUnavailable,  // a dependency is down; retrying may help
  kInternal,
};

std::string_view ToString(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  friend bool operator==(const Error&, const Error&) = default;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Status is a Result that carries no value.
using Status = Result<void>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace cc::core
