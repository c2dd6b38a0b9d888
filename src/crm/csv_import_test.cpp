#include "crm/csv_import.h"

#include <gtest/gtest.h>

#include "crm/testing/crm_fixture.h"

namespace cc::crm {
namespace {

const core::TenantId kBeta(1);
using CsvImportTest = testing::CrmFixture;

TEST_F(CsvImportTest, CustomersAreImportedWholeAndFoundByNumber) {
  const std::string csv =
      "name,kind,phones,emails,addresses\n"
      "Иванов Пётр,person,8 916 111-22-33; +7 495 123 45 67,petr@example.ru,\"Москва, ул. Лесная, 5\"\n"
      "\"ООО \"\"Ромашка\"\"\",organisation,+74957654321,,\n";
  auto report = ImportCustomers(*customers_, db(), kBeta, csv, core::FromMillis(0));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 2);
  EXPECT_TRUE(report->rejected.empty());
  auto found = customers_->FindByPhone("+74951234567", TenantScope::All()).value();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Иванов Пётр");
  EXPECT_EQ(customers_->Search("ромашка", TenantScope::All(), 10)->size(), 1u);
}

TEST_F(CsvImportTest, OneBadRowRejectsTheWholeFileWithEveryReason) {
  const std::string csv =
      "name,phones,emails\n"
      "Годный Клиент,+79160000001,\n"
      ",+79160000002,\n"
      "Плохой Телефон,12,\n"
      "Плохая Почта,,нет-собаки\n";
  auto report = ImportCustomers(*customers_, db(), kBeta, csv, core::FromMillis(0));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->imported, 0);
  ASSERT_EQ(report->rejected.size(), 3u);
  EXPECT_EQ(report->rejected[0].line, 3);
  EXPECT_EQ(report->rejected[0].error, "name must not be empty");
  EXPECT_EQ(report->rejected[1].line, 4);
  EXPECT_NE(report->rejected[1].error.find("phones[0]"), std::string::npos);
  EXPECT_EQ(report->rejected[2].line, 5);
  EXPECT_TRUE(customers_->List(TenantScope::All(), 10, 0)->empty());  // nothing written
}

TEST_F(CsvImportTest, UnknownColumnIsRefusedBeforeAnyRow) {
  auto report = ImportCustomers(*customers_, db(), kBeta, "name,phone\nA,+79160000001\n", core::FromMillis(0));
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("unknown column \"phone\""), std::string::npos);
}

TEST_F(CsvImportTest, ProductsWithDuplicateSkusAreRejected) {
  AddProduct(kBeta, "TEA-001", "Чай", 100);
  const std::string csv =
      "sku,name,vat_percent,available\n"
      "COF-001,Кофе,20,yes\n"
      "COF-001,Кофе ещё раз,20,yes\n"
      "TEA-001,Чай снова,10,no\n"
      "MUG-1,Кружка,18,yes\n";
  auto report = ImportProducts(*catalogue_, db(), kBeta, csv);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->rejected.size(), 3u);
  EXPECT_EQ(report->rejected[0].error, "SKU COF-001 is already on line 2");
  EXPECT_EQ(report->rejected[1].error, "SKU TEA-001 is already in the catalogue");
  EXPECT_EQ(report->rejected[2].error, "vat_percent \"18\" must be 0, 10 or 20");
  EXPECT_FALSE(catalogue_->FindSku(kBeta, "COF-001").value());

  auto good = ImportProducts(*catalogue_, db(), kBeta, "sku,name,unit\nCOF-001,Кофе,кг\nMUG-1,Кружка,\n");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->imported, 2);
  EXPECT_EQ(catalogue_->FindSku(kBeta, "COF-001").value()->unit, "кг");
  auto exported = ProductsCsv(catalogue_->Products(TenantScope::All(), std::nullopt, 10, 0).value());
  EXPECT_NE(exported.find("COF-001,Кофе,,кг,20,yes,"), std::string::npos) << exported;
}

}  // namespace
}  // namespace cc::crm
