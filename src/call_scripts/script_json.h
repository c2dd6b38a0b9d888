// Import and export of call scripts as JSON (api/call_script.schema.json).
// Errors name the field and the step: "step 'greet': 'next' must be a string".
// Reading checks the shape only; what the graph means is Validate's job
// (validate.h), so a draft with dead ends still loads into the editor.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "call_scripts/script.h"
#include "core/result.h"

namespace cc::call_scripts {

core::Result<Script> ScriptFromJson(const nlohmann::json& body);
// Parses the text first; a syntax error is kInvalidArgument with the position.
core::Result<Script> ScriptFromJsonText(std::string_view text);

// The JSON ScriptFromJson reads back to the same script; ToJson(ScriptFromJson(j)) == j
// for any j it accepts.
nlohmann::json ToJson(const Script& script);

}  // namespace cc::call_scripts
