// What the wallboard and the team lead's view need beyond GET /api/realtime:
// the teams and queue memberships behind the grid's filters, today's
// per-interval series of each queue (from the call detail records), and each
// operator's orders, cases and not-ready time today. Scoped like
// /api/realtime (docs/rbac.md).
// Thread-safety: see api.h.
#pragma once

#include "api/api.h"
#include "api/guard.h"
#include "http/router.h"

namespace cc::api {

void AddWallboardRoutes(http::Router& router, ApiServices& s, Guard guard);

}  // namespace cc::api
