// Which client companies (tenants) a reader may see: every one (admins,
// directors) or a list. Repositories filter every list and search by it.
// Thread-safety: a value type.
#pragma once

#include <algorithm>
#include <vector>

#include "core/ids.h"

namespace cc::crm {

struct TenantScope {
  bool all = false;
  std::vector<core::TenantId> tenants;

  static TenantScope All() { return {true, {}}; }
  static TenantScope Only(std::vector<core::TenantId> tenants) { return {false, std::move(tenants)}; }
  bool Contains(core::TenantId tenant) const {
    return all || std::find(tenants.begin(), tenants.end(), tenant) != tenants.end();
  }
};

}  // namespace cc::crm
