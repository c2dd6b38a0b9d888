#include "script_desk/content.h"

#include <nlohmann/json.hpp>

#include "call_scripts/script_json.h"

namespace cc::script_desk {

std::vector<std::string> CallerLines(std::string_view situation, call_scripts::Language language) {
  const std::string path = "training/caller_lines." + std::string(call_scripts::ToString(language)) + ".json";
  for (const EmbeddedFile& file : EmbeddedContent()) {
    if (file.path != path) continue;
    const nlohmann::json all = nlohmann::json::parse(file.text, nullptr, false);
    const std::string key(situation);
    if (!all.is_object() || !all.contains(key) || !all[key].is_array()) return {};
    std::vector<std::string> out;
    for (const auto& line : all[key]) {
      if (line.is_string()) out.push_back(line.get<std::string>());
    }
    return out;
  }
  return {};
}

core::Result<int> PublishContent(ScriptStore& store, core::TenantId tenant, core::Timestamp now) {
  int count = 0;
  for (const EmbeddedFile& file : EmbeddedContent()) {
    if (file.path.starts_with("training/")) continue;
    auto script = call_scripts::ScriptFromJsonText(file.text);
    if (!script) {
      return core::Fail(script.error().code, std::string(file.path) + ": " + script.error().message);
    }
    script->tenant = tenant;
    std::string_view name = file.path;
    const bool situation = name.starts_with("playbook/");
    if (situation) name.remove_prefix(std::string_view("playbook/").size());
    const std::string code(name.substr(0, name.find('.')));
    auto stored = store.Publish(code, situation ? ScriptKind::kSituation : ScriptKind::kScript, std::move(*script),
                                std::nullopt, now);
    if (!stored) return core::Fail(stored.error().code, std::string(file.path) + ": " + stored.error().message);
    ++count;
  }
  return count;
}

}  // namespace cc::script_desk
