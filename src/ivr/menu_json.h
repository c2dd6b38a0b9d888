// The JSON form of an IVR menu (api/openapi.yaml, IvrMenu). Reading checks
// types and ranges and names the field that is wrong ("nodes.main.keys.1:
// 'queue' is required"); whether the graph makes sense is validate.h's job.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/result.h"
#include "ivr/menu.h"

namespace cc::ivr {

// `body` as sent by a client; "id" is ignored (the URL names the menu).
core::Result<Menu> MenuFromJson(const nlohmann::json& body);
core::Result<Menu> MenuFromJsonText(std::string_view text);
nlohmann::json ToJson(const Menu& menu);

}  // namespace cc::ivr
