// The route groups of the REST API, one file each; AddRoutes (api.cpp) adds them all.
// Thread-safety: see api.h.
#pragma once

#include "api/api.h"
#include "api/guard.h"
#include "http/router.h"

namespace cc::api {

void AddAuthRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddAgentRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddSupervisorRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddAdminRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddHistoryRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddSimRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddCustomerRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddCatalogueRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddOrderRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddCaseRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddImportRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddScriptRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddAgentScriptRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddTrainingRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddPhoneRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddRecordingRoutes(http::Router& router, ApiServices& s, Guard guard);
void AddIvrRoutes(http::Router& router, ApiServices& s, Guard guard);

}  // namespace cc::api
