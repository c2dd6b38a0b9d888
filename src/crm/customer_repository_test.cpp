#include "crm/customer_repository.h"

#include <gtest/gtest.h>

#include "crm/testing/crm_fixture.h"

namespace cc::crm {
namespace {

using nlohmann::json;

class CustomerRepositoryTest : public testing::CrmFixture {
 protected:
  void SetUp() override {
    CrmFixture::SetUp();
    repo_ = customers_.get();
  }

  Customer Make(const std::string& text) {
    auto c = CustomerFromJson(json::parse(text));
    EXPECT_TRUE(c) << c.error().message;
    auto stored = repo_->Create(*c, core::FromMillis(1'000'000));
    EXPECT_TRUE(stored) << stored.error().message;
    return *stored;
  }

  CustomerRepository* repo_ = nullptr;
};

TEST_F(CustomerRepositoryTest, StoredCustomerReadsBackWhole) {
  const Customer made = Make(R"({"tenant_id": 1, "kind": "organisation", "name": "ООО Ромашка",
    "phones": ["89161234567"], "emails": ["a@b.ru"], "addresses": ["Москва"], "note": "VIP",
    "contacts": [{"name": "Мария", "may_accept": true}]})");
  auto got = repo_->Get(made.id);
  ASSERT_TRUE(got && *got);
  const Customer& c = **got;
  EXPECT_EQ(c.name, "ООО Ромашка");
  EXPECT_EQ(c.kind, CustomerKind::kOrganisation);
  EXPECT_EQ(c.phones, (std::vector<Phone>{{"+79161234567", ""}}));
  EXPECT_EQ(c.emails, std::vector<std::string>{"a@b.ru"});
  EXPECT_EQ(c.note, "VIP");
  ASSERT_EQ(c.contacts.size(), 1u);
  EXPECT_TRUE(c.contacts[0].may_accept);
  EXPECT_FALSE(c.erased);
}

TEST_F(CustomerRepositoryTest, CallerNumberFindsEveryCustomerSharingItWithinScope) {
  const Customer a = Make(R"({"tenant_id": 1, "name": "Анна", "phones": ["+79161234567"]})");
  const Customer b = Make(R"({"tenant_id": 1, "name": "Борис", "phones": ["8 916 123 45 67", "+74950001122"]})");
  Make(R"({"tenant_id": 2, "name": "Other tenant", "phones": ["+79161234567"]})");
  Make(R"({"tenant_id": 1, "name": "Вера", "phones": ["+79160000000"]})");
  auto found = repo_->FindByPhone("+79161234567", TenantScope::Only({core::TenantId(1)}));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].id, a.id);
  EXPECT_EQ((*found)[1].id, b.id);
  EXPECT_EQ((*found)[1].phones.size(), 2u);
  EXPECT_EQ(repo_->FindByPhone("+79161234567", TenantScope::All())->size(), 3u);
  EXPECT_TRUE(repo_->FindByPhone("+79161234567", TenantScope::Only({}))->empty());
}

TEST_F(CustomerRepositoryTest, SearchMatchesWordPrefixesCaseAndYoInsensitive) {
  Make(R"({"tenant_id": 1, "name": "Фёдоров Пётр", "phones": ["+79161112233"]})");
  Make(R"({"tenant_id": 1, "name": "Федотова Анна"})");
  Make(R"({"tenant_id": 1, "name": "Петрова Ольга"})");
  auto names = [&](const std::string& q) {
    std::vector<std::string> out;
    const auto found = repo_->Search(q, TenantScope::All(), 10).value();
    for (const auto& s : found) out.push_back(s.name);
    return out;
  };
  EXPECT_EQ(names("федо"), (std::vector<std::string>{"Фёдоров Пётр", "Федотова Анна"}));  // ё sorts as е
  EXPECT_EQ(names("ПЕТР"), (std::vector<std::string>{"Петрова Ольга", "Фёдоров Пётр"}));
  EXPECT_EQ(names("фед петр"), std::vector<std::string>{"Фёдоров Пётр"});
  EXPECT_EQ(names("916111"), std::vector<std::string>{"Фёдоров Пётр"});
  EXPECT_TRUE(names("дор").empty());  // prefixes only, not infixes
  EXPECT_TRUE(names("").empty());
}

TEST_F(CustomerRepositoryTest, UpdateReplacesNumbersAndSearchWords) {
  Customer c = Make(R"({"tenant_id": 1, "name": "Старое Имя", "phones": ["+79161234567"]})");
  c.name = "Новое Имя";
  c.phones = {{"+79035550000", "mobile"}};
  ASSERT_TRUE(repo_->Update(c, core::FromMillis(2'000'000)));
  EXPECT_TRUE(repo_->FindByPhone("+79161234567", TenantScope::All())->empty());
  EXPECT_EQ(repo_->FindByPhone("+79035550000", TenantScope::All())->size(), 1u);
  EXPECT_TRUE(repo_->Search("старое", TenantScope::All(), 10)->empty());
  EXPECT_EQ(repo_->Search("новое", TenantScope::All(), 10)->size(), 1u);
  Customer missing = c;
  missing.id = CustomerId(999999);
  auto failed = repo_->Update(missing, core::FromMillis(3'000'000));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, core::ErrorCode::kNotFound);
}

TEST_F(CustomerRepositoryTest, ConsentsAccumulateInOrder) {
  const Customer c = Make(R"({"tenant_id": 1, "name": "Анна"})");
  ASSERT_TRUE(repo_->AddConsent(c.id, c.tenant, {"personal_data", true, core::FromMillis(10), "call", core::UserId(5)}));
  ASSERT_TRUE(repo_->AddConsent(c.id, c.tenant, {"marketing", false, core::FromMillis(20), "call", std::nullopt}));
  auto got = repo_->Get(c.id).value().value();
  ASSERT_EQ(got.consents.size(), 2u);
  EXPECT_EQ(got.consents[0].purpose, "personal_data");
  EXPECT_EQ(got.consents[0].recorded_by, core::UserId(5));
  EXPECT_FALSE(got.consents[1].granted);
  EXPECT_EQ(repo_->AddConsent(CustomerId(424242), c.tenant, got.consents[0]).error().code,
            core::ErrorCode::kNotFound);
}

TEST_F(CustomerRepositoryTest, ErasureRemovesPersonalDataButKeepsTheRecordAndConsents) {
  const Customer c = Make(R"({"tenant_id": 1, "name": "Анна Секретова", "phones": ["+79161234567"],
    "emails": ["anna@example.ru"], "contacts": [{"name": "Муж", "may_accept": true}]})");
  ASSERT_TRUE(repo_->AddConsent(c.id, c.tenant, {"personal_data", true, core::FromMillis(10), "call", std::nullopt}));
  ASSERT_TRUE(repo_->Erase(c.id, core::FromMillis(5'000'000)));
  auto got = repo_->Get(c.id).value().value();
  EXPECT_TRUE(got.erased);
  EXPECT_EQ(got.name, "(erased)");
  EXPECT_TRUE(got.phones.empty());
  EXPECT_TRUE(got.emails.empty());
  EXPECT_TRUE(got.contacts.empty());
  EXPECT_EQ(got.consents.size(), 1u);
  EXPECT_TRUE(repo_->FindByPhone("+79161234567", TenantScope::All())->empty());
  EXPECT_TRUE(repo_->Search("секретова", TenantScope::All(), 10)->empty());
  EXPECT_TRUE(repo_->List(TenantScope::All(), 10, 0)->empty());
}

}  // namespace
}  // namespace cc::crm
