// Test support: a fresh SQLite database in a temporary directory with the
// access schema applied, reopenable to check what survives a restart.
// Thread-safety: one test at a time.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "access/schema.h"
#include "storage/interaction_log.h"
#include "storage/sqlite_database.h"

namespace cc::access::testing {

class TestStore {
 public:
  TestStore() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cc-access-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    dir_ = pattern;
    Reopen();
  }
  ~TestStore() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  // Closes and opens the file again, as a restart would.
  void Reopen() {
    db_.reset();
    auto db = storage::SqliteDatabase::Open((dir_ / "callcenter.db").string());
    if (!db) {
      ADD_FAILURE() << db.error().message;
      return;
    }
    db_ = std::move(*db);
    auto schema = storage::InteractionLog::Migrations();  // version 1, as the app lists it
    schema.push_back(AccessMigration());
    auto migrated = db_->Migrate(schema);
    if (!migrated) ADD_FAILURE() << migrated.error().message;
  }

  storage::Database& db() { return *db_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
};

}  // namespace cc::access::testing
