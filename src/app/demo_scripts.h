// The demo company's call scripts: the product's own scripts and playbook
// (both languages) published for ООО «Бета», the sales script on the sales,
// orders and VIP lines and the complaint script on the complaints line.
#pragma once

#include "centre/centre_repository.h"
#include "core/result.h"
#include "script_desk/script_store.h"

namespace cc::app {

// Does nothing when the company already has scripts; returns how many were published.
core::Result<int> SeedDemoScripts(script_desk::ScriptStore& store, centre::CentreRepository& repository,
                                  core::TenantId company, core::Timestamp now);

}  // namespace cc::app
