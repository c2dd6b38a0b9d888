// Exit codes of the admin commands (backup, restore, migrate): 0 done,
// 1 refused or failed (the message on stderr), 2 a usage error.
#pragma once

namespace cc::app {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

}  // namespace cc::app
