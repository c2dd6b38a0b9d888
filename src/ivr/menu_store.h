// IVR menus on storage: one row per menu, its JSON form as the body. The
// admin API writes here and tells the live centre; `serve` reads them at start.
// Thread-safety: every method may be called from any thread; writes return
// once durable. Ids are allocated under a mutex (one process writes).
#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "core/result.h"
#include "ivr/menu.h"
#include "storage/database.h"

namespace cc::ivr {

class MenuStore {
 public:
  explicit MenuStore(storage::Database& db);
  static storage::Migration Migration(int version);

  core::Result<std::vector<Menu>> Menus();
  core::Result<std::optional<Menu>> Find(std::int64_t id);
  // Creates the menu when its id is 0 (the new id is set), else replaces it (kNotFound if absent).
  core::Result<Menu> Save(Menu menu);
  // kNotFound when there is no such menu.
  core::Status Delete(std::int64_t id);

 private:
  storage::Database& db_;
  std::mutex mutex_;
};

}  // namespace cc::ivr
