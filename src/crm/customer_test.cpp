#include "crm/customer.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

using nlohmann::json;

TEST(CustomerFromJson, NormalisesPhonesAndReadsContactsWithRights) {
  auto c = CustomerFromJson(json::parse(R"({
    "tenant_id": 1, "kind": "organisation", "name": "  ООО Ромашка ",
    "phones": ["8 916 123-45-67", {"number": "+7 495 000 11 22", "label": "office"}],
    "emails": ["zakaz@romashka.ru"], "addresses": ["Москва, ул. Лесная, 5"],
    "contacts": [{"name": "Иванова Мария", "phone": "89160000001", "may_accept": true, "may_pay": true},
                 {"name": "Петров Олег", "position": "director", "may_sign": true}]
  })"));
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->kind, CustomerKind::kOrganisation);
  EXPECT_EQ(c->name, "ООО Ромашка");
  ASSERT_EQ(c->phones.size(), 2u);
  EXPECT_EQ(c->phones[0].number, "+79161234567");
  EXPECT_EQ(c->phones[1].label, "office");
  ASSERT_EQ(c->contacts.size(), 2u);
  EXPECT_EQ(c->contacts[0].phone, "+79160000001");
  EXPECT_TRUE(c->contacts[0].may_pay);
  EXPECT_FALSE(c->contacts[0].may_sign);
  EXPECT_TRUE(c->contacts[1].may_sign);
}

TEST(CustomerFromJson, ErrorsNameTheField) {
  auto message = [](const char* text) {
    auto c = CustomerFromJson(json::parse(text));
    EXPECT_FALSE(c) << text;
    return c ? std::string() : c.error().message;
  };
  EXPECT_EQ(message(R"({"name": "A"})"), "tenant_id is required");
  EXPECT_EQ(message(R"({"tenant_id": 1})"), "name is required");
  EXPECT_EQ(message(R"({"tenant_id": 1, "name": "   "})"), "name must not be empty");
  EXPECT_NE(message(R"({"tenant_id": 1, "name": "A", "phones": ["12"]})").find("phones[0]: \"12\" is not a phone number"),
            std::string::npos);
  EXPECT_NE(message(R"({"tenant_id": 1, "name": "A", "phones": ["89161234567", "+79161234567"]})")
                .find("listed twice"),
            std::string::npos);
  EXPECT_EQ(message(R"({"tenant_id": 1, "name": "A", "emails": ["nobody"]})"),
            "emails[0]: \"nobody\" is not an e-mail address");
  EXPECT_EQ(message(R"({"tenant_id": 1, "name": "A", "kind": "robot"})"),
            "kind must be person or organisation, not \"robot\"");
  EXPECT_EQ(message(R"({"tenant_id": 1, "name": "A", "contacts": [{"may_pay": true}]})"),
            "contacts[0].name is required");
  EXPECT_EQ(message(R"({"tenant_id": 1, "name": "A", "contacts": [{"name": "B", "may_pay": "yes"}]})"),
            "contacts[0].may_pay must be true or false");
}

TEST(ConsentFromJson, OnlyKnownPurposes) {
  auto ok = ConsentFromJson(json{{"purpose", "marketing"}, {"granted", false}, {"source", "call"}},
                            core::FromMillis(1000), core::UserId(3));
  ASSERT_TRUE(ok);
  EXPECT_FALSE(ok->granted);
  EXPECT_EQ(ok->recorded_by, core::UserId(3));
  auto bad = ConsentFromJson(json{{"purpose", "spam"}, {"source", "call"}}, core::FromMillis(0), std::nullopt);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "purpose must be personal_data or marketing");
}

}  // namespace
}  // namespace cc::crm
