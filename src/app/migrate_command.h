// `callcenter migrate --from sqlite:FILE --to postgresql://…`: copies a
// centre's data from its SQLite file into an empty PostgreSQL database and
// verifies the row count of every table.
//
// The target gets the whole schema first (the same migrations `serve`
// applies), must hold no rows yet, and receives every table of the source
// except storage's own bookkeeping (schema_migrations), in the source's
// creation order, in batches. Afterwards each table's count is compared and
// printed. The source is brought to this program's schema (as `serve` would)
// and otherwise only read: stop the server that uses it first, so that
// nothing is written during the copy.
// Thread-safety: functions; call them from one thread.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace cc::app {

struct MigrateOptions {
  std::string from;             // sqlite:FILE
  std::string to;               // postgresql://...
  std::size_t batch_rows = 500;  // rows per INSERT statement
  CLI::App* command = nullptr;  // set by AddMigrateCommand
};

// Adds `migrate` to `app`; parsing fills `options`.
void AddMigrateCommand(CLI::App& app, MigrateOptions& options);

// Exit codes: 0 copied and verified; 1 refused or failed (message on `err`); 2 usage error.
int RunMigrate(const MigrateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cc::app
