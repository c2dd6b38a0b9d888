// The scripts and playbook written for the product (src/call_scripts/content,
// Russian and English), compiled in so a fresh centre can be given them, and
// the call that publishes them for a tenant.
// Thread-safety: EmbeddedContent is immutable; PublishContent writes through the store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "script_desk/script_store.h"

namespace cc::script_desk {

struct EmbeddedFile {
  std::string_view path;  // "inbound_sales.ru.json", "playbook/S-02.en.json"
  std::string_view text;
};

const std::vector<EmbeddedFile>& EmbeddedContent();

// What the simulated caller says in a practice call of `situation` (S-17),
// from training/caller_lines.<language>.json; empty when there is nothing.
std::vector<std::string> CallerLines(std::string_view situation, call_scripts::Language language);

// Publishes every embedded script and situation for `tenant` (playbook files
// are situations, coded by their file name: "S-02"); returns how many.
core::Result<int> PublishContent(ScriptStore& store, core::TenantId tenant, core::Timestamp now);

}  // namespace cc::script_desk
