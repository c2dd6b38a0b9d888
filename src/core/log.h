// Logging: spdlog behind one setup call. Modules log through spdlog's default
// logger (thread-safe); the app chooses level and sinks once at start.
#pragma once

#include <string_view>

#include "core/result.h"

namespace cc::core {

// Sets the default logger's level: "trace", "debug", "info", "warn", "error",
// "off". Unknown names are an error that names the accepted ones.
Status SetupLogging(std::string_view level);

}  // namespace cc::core
