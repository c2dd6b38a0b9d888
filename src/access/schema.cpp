#include "access/schema.h"

namespace cc::access {

storage::Migration AccessMigration() {
  return storage::Migration{2,
                            "access",
                            {
                                "CREATE TABLE tenants ("
                                "id INTEGER PRIMARY KEY, "
                                "name TEXT NOT NULL UNIQUE, "
                                "time_zone TEXT)",

                                "CREATE TABLE users ("
                                "id INTEGER PRIMARY KEY, "
                                "login TEXT NOT NULL UNIQUE, "
                                "display_name TEXT NOT NULL, "
                                "role TEXT NOT NULL, "
                                "team_id INTEGER, "
                                "password_hash TEXT NOT NULL, "
                                "disabled INTEGER NOT NULL DEFAULT 0, "
                                "created_at_ms BIGINT NOT NULL)",

                                "CREATE TABLE user_tenants ("
                                "user_id INTEGER NOT NULL, "
                                "tenant_id INTEGER NOT NULL, "
                                "PRIMARY KEY (user_id, tenant_id))",

                                "CREATE TABLE teams ("
                                "id INTEGER PRIMARY KEY, "
                                "name TEXT NOT NULL UNIQUE, "
                                "lead_user_id INTEGER, "
                                "tenant_id INTEGER NOT NULL)",

                                "CREATE TABLE departments ("
                                "id INTEGER PRIMARY KEY, "
                                "tenant_id INTEGER NOT NULL, "
                                "name TEXT NOT NULL, "
                                "email TEXT, "
                                "UNIQUE (tenant_id, name))",

                                "CREATE TABLE sessions ("
                                "token_hash TEXT PRIMARY KEY, "
                                "user_id INTEGER NOT NULL, "
                                "csrf_token TEXT NOT NULL, "
                                "created_at_ms BIGINT NOT NULL, "
                                "expires_at_ms BIGINT NOT NULL, "
                                "revoked INTEGER NOT NULL DEFAULT 0)",
                                "CREATE INDEX sessions_user ON sessions (user_id)",

                                "CREATE TABLE api_tokens ("
                                "id INTEGER PRIMARY KEY, "
                                "user_id INTEGER NOT NULL, "
                                "name TEXT NOT NULL, "
                                "token_hash TEXT NOT NULL UNIQUE, "
                                "created_at_ms BIGINT NOT NULL, "
                                "revoked INTEGER NOT NULL DEFAULT 0)",
                                "CREATE INDEX api_tokens_user ON api_tokens (user_id)",

                                "CREATE TABLE audit_log ("
                                "id INTEGER PRIMARY KEY, "
                                "at_ms BIGINT NOT NULL, "
                                "actor_user_id INTEGER, "
                                "actor_login TEXT NOT NULL, "
                                "action TEXT NOT NULL, "
                                "object_type TEXT NOT NULL, "
                                "object_id TEXT NOT NULL, "
                                "outcome TEXT NOT NULL, "
                                "remote_address TEXT NOT NULL, "
                                "detail TEXT NOT NULL)",
                                "CREATE INDEX audit_log_at ON audit_log (at_ms)",
                            }};
}

}  // namespace cc::access
