// Test support: a fresh database (SQLite, or PostgreSQL in the "pg." runs:
// storage/testing/test_database.h) with the access schema applied,
// reopenable to check what survives a restart.
// Thread-safety: one test at a time.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include <filesystem>
#include <memory>
#include <string>

#include "access/schema.h"
#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"

namespace cc::access::testing {

class TestStore {
 public:
  TestStore() {
    auto test = storage::testing::TestDatabase::Create();
    if (!test) {  // nothing can run without it
      std::fprintf(stderr, "TestStore: %s\n", test.error().message.c_str());
      std::exit(1);
    }
    test_ = std::move(*test);
    Migrate();
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  // Closes and opens the database again, as a restart would.
  void Reopen() {
    if (auto reopened = test_->Reopen(); !reopened) ADD_FAILURE() << reopened.error().message;
    Migrate();
  }

  storage::Database& db() { return test_->db(); }
  const std::filesystem::path& dir() const { return test_->dir(); }

 private:
  void Migrate() {
    auto schema = storage::InteractionLog::Migrations();  // version 1, as the app lists it
    schema.push_back(AccessMigration());
    auto migrated = test_->db().Migrate(schema);
    if (!migrated) ADD_FAILURE() << migrated.error().message;
  }

  std::unique_ptr<storage::testing::TestDatabase> test_;
};

}  // namespace cc::access::testing
