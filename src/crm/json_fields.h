// Reading typed fields from API JSON with errors that name the field, for the
// CRM's FromJson functions.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"

namespace cc::crm::json_fields {

// A required non-empty string (trimmed); `max` bounds its length in bytes.
core::Result<std::string> Text(const nlohmann::json& o, const std::string& key,
                               std::size_t max = 500);
// An optional string ("" when absent or null).
core::Result<std::string> OptionalText(const nlohmann::json& o, const std::string& key,
                                       std::size_t max = 2000);
// An optional boolean (`fallback` when absent).
core::Result<bool> Bool(const nlohmann::json& o, const std::string& key, bool fallback);
// A required integer within [min, max].
core::Result<std::int64_t> Int(const nlohmann::json& o, const std::string& key, std::int64_t min,
                               std::int64_t max);
// An optional integer within [min, max] (nullopt when absent or null).
core::Result<std::optional<std::int64_t>> OptionalInt(const nlohmann::json& o,
                                                      const std::string& key, std::int64_t min,
                                                      std::int64_t max);
// An optional array (empty when absent); anything else is an error.
core::Result<nlohmann::json> Array(const nlohmann::json& o, const std::string& key);

core::Error Invalid(std::string message);

}  // namespace cc::crm::json_fields
