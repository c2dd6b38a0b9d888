#include "crm/json_fields.h"

#include <fmt/format.h>

namespace cc::crm::json_fields {

core::Error Invalid(std::string message) {
  return core::Error{core::ErrorCode::kInvalidArgument, std::move(message)};
}

namespace {

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

}  // namespace

core::Result<std::string> OptionalText(const nlohmann::json& o, const std::string& key,
                                       std::size_t max) {
  if (!o.contains(key) || o[key].is_null()) return std::string();
  if (!o[key].is_string()) return tl::unexpected(Invalid(key + " must be a string"));
  std::string value = Trim(o[key].get<std::string>());
  if (value.size() > max) {
    return tl::unexpected(Invalid(fmt::format("{} is longer than {} bytes", key, max)));
  }
  return value;
}

core::Result<std::string> Text(const nlohmann::json& o, const std::string& key, std::size_t max) {
  if (!o.contains(key) || o[key].is_null()) return tl::unexpected(Invalid(key + " is required"));
  auto value = OptionalText(o, key, max);
  if (!value) return value;
  if (value->empty()) return tl::unexpected(Invalid(key + " must not be empty"));
  return value;
}

core::Result<bool> Bool(const nlohmann::json& o, const std::string& key, bool fallback) {
  if (!o.contains(key) || o[key].is_null()) return fallback;
  if (!o[key].is_boolean()) return tl::unexpected(Invalid(key + " must be true or false"));
  return o[key].get<bool>();
}

core::Result<std::optional<std::int64_t>> OptionalInt(const nlohmann::json& o,
                                                      const std::string& key, std::int64_t min,
                                                      std::int64_t max) {
  if (!o.contains(key) || o[key].is_null()) return std::optional<std::int64_t>();
  const auto& v = o[key];
  if (!v.is_number_integer()) return tl::unexpected(Invalid(key + " must be an integer"));
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    return tl::unexpected(Invalid(fmt::format("{} must be between {} and {}", key, min, max)));
  }
  const auto value = v.get<std::int64_t>();
  if (value < min || value > max) {
    return tl::unexpected(Invalid(fmt::format("{} must be between {} and {}", key, min, max)));
  }
  return std::optional<std::int64_t>(value);
}

core::Result<std::int64_t> Int(const nlohmann::json& o, const std::string& key, std::int64_t min,
                               std::int64_t max) {
  auto value = OptionalInt(o, key, min, max);
  if (!value) return tl::unexpected(value.error());
  if (!*value) return tl::unexpected(Invalid(key + " is required"));
  return **value;
}

core::Result<nlohmann::json> Array(const nlohmann::json& o, const std::string& key) {
  if (!o.contains(key) || o[key].is_null()) return nlohmann::json::array();
  if (!o[key].is_array()) return tl::unexpected(Invalid(key + " must be an array"));
  return o[key];
}

}  // namespace cc::crm::json_fields
