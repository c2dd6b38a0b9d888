// The release order of the schema: one list, so versions never collide.
// Reserved while the server issue is built: 2 access (tenants, users, teams,
// departments, sessions, tokens, audit), 3 call detail records, 4 the centre's
// directory (queues, skills, memberships, codes).
#include "app/store.h"
#include "storage/interaction_log.h"

namespace cc::app {

std::vector<storage::Migration> Schema() {
  std::vector<storage::Migration> all = storage::InteractionLog::Migrations();  // version 1
  return all;
}

}  // namespace cc::app
