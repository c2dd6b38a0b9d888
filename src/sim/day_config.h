// Reads a day model from TOML (examples/day.toml; the schema is in
// docs/simulation.md). Errors name the key and its line.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "sim/model.h"

namespace cc::sim {

core::Result<DayModel> LoadDayModel(const std::string& path);
core::Result<DayModel> ParseDayModel(std::string_view toml_text,
                                     std::string_view source_name = "day");

}  // namespace cc::sim
