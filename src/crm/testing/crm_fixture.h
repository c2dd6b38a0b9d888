// Test support: a fresh database (SQLite or PostgreSQL, as the test run
// selects) with the CRM's tables, its repositories and desks, a notifier
// that records what it was told, and helpers to fill a small catalogue.
#pragma once

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "crm/callback_desk.h"
#include "crm/case_desk.h"
#include "crm/catalogue_repository.h"
#include "crm/customer_repository.h"
#include "crm/order_desk.h"
#include "crm/pricing_json.h"
#include "crm/schema.h"
#include "crm/word_search.h"
#include "storage/id_allocator.h"
#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"

namespace cc::crm::testing {

class RecordingNotifier final : public Notifier {
 public:
  struct Sent {
    std::string to;  // "user:3" or "department:1:4"
    nlohmann::json message;
  };
  void NotifyUser(core::UserId user, const nlohmann::json& message) override {
    std::lock_guard lock(mutex_);
    sent_.push_back({"user:" + std::to_string(user.value()), message});
  }
  void NotifyDepartment(core::TenantId tenant, core::DepartmentId department,
                        const nlohmann::json& message) override {
    std::lock_guard lock(mutex_);
    sent_.push_back({"department:" + std::to_string(tenant.value()) + ":" + std::to_string(department.value()),
                     message});
  }
  std::vector<Sent> sent() {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  std::mutex mutex_;
  std::vector<Sent> sent_;
};

class CrmFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(created) << created.error().message;
    test_ = std::move(*created);
    std::vector<storage::Migration> schema = storage::InteractionLog::Migrations();
    schema.push_back(storage::IdAllocator::Migration(static_cast<int>(schema.size()) + 1));
    schema.push_back(CrmMigration(static_cast<int>(schema.size()) + 1));
    schema.push_back(WordSearchMigration(static_cast<int>(schema.size()) + 1));
    auto migrated = db().Migrate(schema);
    ASSERT_TRUE(migrated) << migrated.error().message;
    customers_ = std::make_unique<CustomerRepository>(db());
    catalogue_ = std::make_unique<CatalogueRepository>(db());
    orders_ = std::make_unique<OrderRepository>(db());
    desk_ = std::make_unique<OrderDesk>(db(), *catalogue_, *customers_, *orders_, notifier_,
                                        core::TimeZone::Utc());
    cases_ = std::make_unique<CaseDesk>(db(), notifier_);
    callbacks_ = std::make_unique<CallbackDesk>(db());
  }

  storage::Database& db() { return test_->db(); }

  // A product with a price in the tenant's open-ended base price list.
  Product AddProduct(core::TenantId tenant, const std::string& sku, const std::string& name, Kopecks price,
                     std::optional<CategoryId> category = std::nullopt, const std::string& description = "") {
    Product p;
    p.tenant = tenant;
    p.sku = sku;
    p.name = name;
    p.description = description;
    p.category = category;
    auto saved = catalogue_->SaveProduct(p);
    EXPECT_TRUE(saved) << saved.error().message;
    PriceList& list = base_lists_[tenant.value()];
    if (list.name.empty()) {
      list.name = "Base";
      list.valid_from = ParseDate("2020-01-01").value();
    }
    list.prices[saved->id] = price;
    auto stored = catalogue_->SavePriceList(tenant, list);
    EXPECT_TRUE(stored) << stored.error().message;
    list.id = stored->id;
    return *saved;
  }

  Customer AddCustomer(core::TenantId tenant, const std::string& name, const std::string& phone = "") {
    Customer c;
    c.tenant = tenant;
    c.name = name;
    if (!phone.empty()) c.phones.push_back({phone, ""});
    auto stored = customers_->Create(c, core::FromMillis(0));
    EXPECT_TRUE(stored) << stored.error().message;
    return *stored;
  }

  std::unique_ptr<storage::testing::TestDatabase> test_;
  RecordingNotifier notifier_;
  std::unique_ptr<CustomerRepository> customers_;
  std::unique_ptr<CatalogueRepository> catalogue_;
  std::unique_ptr<OrderRepository> orders_;
  std::unique_ptr<OrderDesk> desk_;
  std::unique_ptr<CaseDesk> cases_;
  std::unique_ptr<CallbackDesk> callbacks_;
  std::map<std::uint32_t, PriceList> base_lists_;
};

}  // namespace cc::crm::testing
