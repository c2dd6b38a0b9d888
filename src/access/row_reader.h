// Internal to the access module: reading our own rows column by column and
// waiting for writes. A type mismatch in our own tables is a kInternal error.
// Thread-safety: RowReader is a short-lived local; the functions are stateless.
#pragma once

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/database.h"

namespace cc::access::detail {

class RowReader {
 public:
  explicit RowReader(const storage::Row& row) : row_(row) {}

  std::int64_t Int() {
    auto v = row_.Int(next_++);
    if (!v) ok_ = false;
    return v.value_or(0);
  }
  std::string Text() {
    auto v = row_.Text(next_++);
    if (!v) ok_ = false;
    return v ? std::move(*v) : std::string();
  }
  std::optional<std::int64_t> OptInt() {
    if (row_.IsNull(next_)) {
      ++next_;
      return std::nullopt;
    }
    return Int();
  }
  std::optional<std::string> OptText() {
    if (row_.IsNull(next_)) {
      ++next_;
      return std::nullopt;
    }
    return Text();
  }
  // False when any column read so far was missing or of the wrong type.
  bool ok() const { return ok_; }

 private:
  const storage::Row& row_;
  std::size_t next_ = 0;
  bool ok_ = true;
};

inline tl::unexpected<core::Error> Malformed(const char* table) {
  return core::Fail(core::ErrorCode::kInternal, std::string(table) + " holds a malformed row");
}

inline core::Status Await(std::future<core::Status> done) {
  return done.get();
}

template <typename T>
storage::Value Nullable(const std::optional<T>& value) {
  if (!value) return nullptr;
  if constexpr (std::is_same_v<T, std::string>) {
    return *value;
  } else {
    return static_cast<std::int64_t>(value->value());
  }
}

}  // namespace cc::access::detail
