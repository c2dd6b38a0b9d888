#include "telephony/prompts/prompt_ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace cc::telephony::prompts {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using Ids = std::vector<std::string>;

TEST(PromptIds, QueuePositionSaysThePlaceAndTheWaitRoundedUpToMinutes) {
  EXPECT_EQ(PromptIdsFor(Prompt::kQueuePosition, 3, seconds(150)), (Ids{"position_3", "wait_3"}));
  EXPECT_EQ(PromptIdsFor(Prompt::kQueuePosition, 1, seconds(60)), (Ids{"position_1", "wait_1"}));
  EXPECT_EQ(PromptIdsFor(Prompt::kQueuePosition, 9, seconds(61)), (Ids{"position_9", "wait_2"}));
}

TEST(PromptIds, MoreThanNineCallersAheadIsSaidAsMany) {
  EXPECT_EQ(PositionPromptId(10), "position_many");
  EXPECT_EQ(PromptIdsFor(Prompt::kQueuePosition, 12, minutes(4)),
            (Ids{"position_many", "wait_4"}));
}

TEST(PromptIds, WaitsAboveTenMinutesAreLongAndShortWaitsAreOneMinute) {
  EXPECT_EQ(WaitPromptId(minutes(10)), "wait_10");
  EXPECT_EQ(WaitPromptId(minutes(10) + seconds(1)), "wait_long");
  EXPECT_EQ(WaitPromptId(minutes(20)), "wait_long");
  EXPECT_EQ(WaitPromptId(seconds(5)), "wait_1");
  EXPECT_EQ(WaitPromptId(seconds(0)), "wait_1");
  EXPECT_EQ(WaitPromptId(seconds(-30)), "wait_1");
}

TEST(PromptIds, APositionBelowOneIsSaidAsFirst) {
  EXPECT_EQ(PositionPromptId(0), "position_1");
  EXPECT_EQ(PositionPromptId(-2), "position_1");
}

TEST(PromptIds, NoAgentsAndCallbackOfferAreOnePromptEach) {
  EXPECT_EQ(PromptIdsFor(Prompt::kNoAgents, 5, minutes(3)), (Ids{"no_agents"}));
  EXPECT_EQ(PromptIdsFor(Prompt::kCallbackOffer, 5, minutes(3)), (Ids{"callback_offer"}));
}

TEST(PromptIds, EveryMappedIdIsAKnownPrompt) {
  for (int position = -1; position <= 12; ++position) {
    for (int wait_s = 0; wait_s <= 15 * 60; wait_s += 30) {
      for (const auto& id : PromptIdsFor(Prompt::kQueuePosition, position, seconds(wait_s))) {
        EXPECT_NE(std::find(kPromptIds.begin(), kPromptIds.end(), id), kPromptIds.end()) << id;
      }
    }
  }
}

TEST(PromptIds, LanguagesAreNormalisedAndUnknownOnesFallBackToRussian) {
  EXPECT_EQ(NormaliseLanguage("en"), "en");
  EXPECT_EQ(NormaliseLanguage("EN-gb"), "en");
  EXPECT_EQ(NormaliseLanguage("ru_RU.UTF-8"), "ru");
  EXPECT_EQ(NormaliseLanguage("de"), "ru");
  EXPECT_EQ(NormaliseLanguage(""), "ru");
}

}  // namespace
}  // namespace cc::telephony::prompts
