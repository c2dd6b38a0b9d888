#include "crm/phone.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

TEST(NormalizePhone, RussianHabitsBecomeE164) {
  EXPECT_EQ(NormalizePhone("8 (916) 123-45-67").value(), "+79161234567");
  EXPECT_EQ(NormalizePhone("+7 916 123 45 67").value(), "+79161234567");
  EXPECT_EQ(NormalizePhone("9161234567").value(), "+79161234567");
  EXPECT_EQ(NormalizePhone("79161234567").value(), "+79161234567");
  EXPECT_EQ(NormalizePhone("8.495.123.45.67").value(), "+74951234567");
}

TEST(NormalizePhone, InternationalNumbersKeepTheirCountry) {
  EXPECT_EQ(NormalizePhone("+44 20 7946 0018").value(), "+442079460018");
  EXPECT_EQ(NormalizePhone("00 49 30 1234567").value(), "+49301234567");
}

TEST(NormalizePhone, RejectsWhatIsNotANumberAndSaysWhy) {
  auto letters = NormalizePhone("916-CALL-ME");
  ASSERT_FALSE(letters);
  EXPECT_EQ(letters.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(letters.error().message.find("unexpected character 'C'"), std::string::npos);
  EXPECT_FALSE(NormalizePhone("12345"));
  EXPECT_FALSE(NormalizePhone("+1234567890123456"));
  EXPECT_FALSE(NormalizePhone(""));
  EXPECT_FALSE(NormalizePhone("+7 916 + 123"));
}

TEST(FormatPhone, RussianNumbersAreGroupedOthersUnchanged) {
  EXPECT_EQ(FormatPhone("+79161234567"), "+7 916 123-45-67");
  EXPECT_EQ(FormatPhone("+442079460018"), "+442079460018");
}

}  // namespace
}  // namespace cc::crm
