// What operators do with scripts, written twice in one batch: to the
// interaction log ("script.step" for a step shown, an answer or a value;
// "script.action"; "script.outcome") and to script_uses, the table analytics
// count.
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include "script_desk/call_session.h"
#include "storage/database.h"

namespace cc::script_desk {

std::vector<storage::Statement> UseStatements(const CallContext& context, const std::vector<UseRecord>& records);

}  // namespace cc::script_desk
