// The release order of the schema: one list, so versions never collide.
// Reserved while the server issue is built: 2 access (tenants, users, teams,
// departments, sessions, tokens, audit), 3 call detail records, 4 the centre's
// directory (queues, skills, memberships, codes), 5 call id blocks; then
// 6 id blocks for records, 7 the CRM, 8 the CDRs' caller index, 9 the CRM's
// word-search indexes, 10 call scripts (versions, queue scripts, script uses), 11 call recordings,
// 12 agents' SIP accounts, 13 IVR menus, 14 the CDRs' IVR topic.
#include "access/schema.h"
#include "app/call_id_blocks.h"
#include "app/sip_accounts.h"
#include "app/store.h"
#include "centre/centre_repository.h"
#include "crm/schema.h"
#include "crm/word_search.h"
#include "ivr/menu_store.h"
#include "storage/id_allocator.h"
#include "recordings/recording_store.h"
#include "reporting/cdr_repository.h"
#include "script_desk/script_store.h"
#include "storage/interaction_log.h"

namespace cc::app {

std::vector<storage::Migration> Schema() {
  std::vector<storage::Migration> all = storage::InteractionLog::Migrations();  // version 1
  all.push_back(access::AccessMigration());  // version 2
  all.push_back(reporting::CdrRepository::Migration());  // version 3, "cdr"
  all.push_back(centre::CentreRepository::Migration(4));
  all.push_back(CallIdBlocksMigration(5));
  all.push_back(storage::IdAllocator::Migration(6));
  all.push_back(crm::CrmMigration(7));
  all.push_back(reporting::CdrRepository::CallerIndexMigration(8));
  all.push_back(crm::WordSearchMigration(9));
  all.push_back(script_desk::ScriptStore::Migration(10));
  all.push_back(recordings::RecordingStore::Migration(11));
  all.push_back(SipAccounts::Migration(12));
  all.push_back(ivr::MenuStore::Migration(13));
  all.push_back(reporting::CdrRepository::TopicMigration(14));
  return all;
}

}  // namespace cc::app
