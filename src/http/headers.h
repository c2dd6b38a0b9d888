// Headers: an ordered list of HTTP header fields with case-insensitive lookup,
// used by Request, Response and the test client without exposing Beast types.
// Thread-safety: value type; not synchronised.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cc::http {

// ASCII case-insensitive comparison, as HTTP field names require.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  Headers() = default;
  Headers(std::initializer_list<Field> fields) : fields_(fields) {}

  // The first field with this name, or nullopt.
  std::optional<std::string_view> Get(std::string_view name) const;
  // Like Get, but "" when absent.
  std::string_view GetOr(std::string_view name, std::string_view fallback = {}) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  // Replaces every field with this name by one with the given value.
  void Set(std::string_view name, std::string value);
  // Appends a field (e.g. a second Set-Cookie).
  void Add(std::string name, std::string value);
  void Remove(std::string_view name);

  const std::vector<Field>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace cc::http
