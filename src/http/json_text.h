// JsonText: the text of a JSON value, byte for byte what nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes, about three times
// faster: strings are copied in runs instead of one virtual call per
// character. Used for every API answer and WebSocket message.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace cc::http {

// Appends the compact text of `value` to `out`.
void AppendJsonText(std::string& out, const nlohmann::json& value);
// The compact text of `value`.
std::string JsonText(const nlohmann::json& value);

}  // namespace cc::http
