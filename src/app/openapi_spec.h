// The API contract (api/openapi.yaml), compiled into the binary so that
// GET /api/openapi.yaml serves the document the server was built with.
#pragma once

namespace cc::app {
extern const char* const kOpenApiSpec;
}  // namespace cc::app
