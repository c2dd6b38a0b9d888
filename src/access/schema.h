// The access module's tables (tenants, users, teams, departments, sessions,
// API tokens, audit log) as one migration: version 2, "access", listed in
// src/app/schema.cpp. Portable SQL (SQLite and PostgreSQL).
// Thread-safety: a pure function.
#pragma once

#include "storage/database.h"

namespace cc::access {

storage::Migration AccessMigration();

}  // namespace cc::access
