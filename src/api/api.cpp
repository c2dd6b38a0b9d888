#include "api/api.h"

#include "api/routes.h"
#include "api/util.h"

namespace cc::api {

void AddRoutes(http::Router& router, ApiServices& services) {
  Guard guard(services);
  AddAuthRoutes(router, services, guard);
  AddAgentRoutes(router, services, guard);
  AddSupervisorRoutes(router, services, guard);
  AddAdminRoutes(router, services, guard);
  AddHistoryRoutes(router, services, guard);
  AddSimRoutes(router, services, guard);
  AddCustomerRoutes(router, services, guard);
  AddCatalogueRoutes(router, services, guard);
  AddOrderRoutes(router, services, guard);
  AddCaseRoutes(router, services, guard);
  AddImportRoutes(router, services, guard);
  AddScriptRoutes(router, services, guard);
  AddAgentScriptRoutes(router, services, guard);
  AddTrainingRoutes(router, services, guard);
  AddPhoneRoutes(router, services, guard);
  AddRecordingRoutes(router, services, guard);
  AddIvrRoutes(router, services, guard);
  router.Add("GET", "/api/openapi.yaml", [&services](http::Request&) {
    http::Response r;
    r.status = 200;
    r.content_type = "application/yaml; charset=utf-8";
    r.body = services.openapi_yaml;
    return r;
  });
}

}  // namespace cc::api
