// The names of the voice prompts and which of them answer a telephony::Prompt.
// The ids are the contract between the texts (content/prompts/<lang>.tsv),
// the generated files (<dir>/<lang>/<id>.wav, <dir>/music.wav), a centre's
// own recordings, and the server. Pure: no files, no state.
// Thread-safety: constants and pure functions; safe from any thread.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "telephony/call_control.h"

namespace cc::telephony::prompts {

// Languages that have prompts; the first one is the fallback.
inline constexpr std::array<std::string_view, 2> kLanguages = {"ru", "en"};
inline constexpr std::string_view kFallbackLanguage = kLanguages[0];

// Every spoken prompt, each present in every language.
inline constexpr std::array<std::string_view, 28> kPromptIds = {
    "important",   "recorded",       "position_1",    "position_2", "position_3",
    "position_4",  "position_5",     "position_6",    "position_7", "position_8",
    "position_9",  "position_many",  "wait_1",        "wait_2",     "wait_3",
    "wait_4",      "wait_5",         "wait_6",        "wait_7",     "wait_8",
    "wait_9",      "wait_10",        "wait_long",     "no_agents",  "callback_offer",
    "goodbye",     "queue_full",     "connecting",
};

inline constexpr int kMaxSpokenPosition = 9;     // above: "position_many"
inline constexpr int kMaxSpokenWaitMinutes = 10;  // above: "wait_long"

// "ru", "RU", "ru-RU", "ru_RU.UTF-8" -> "ru"; "en-GB" -> "en"; a language
// without prompts (or an empty one) -> kFallbackLanguage.
std::string_view NormaliseLanguage(std::string_view language);

// "position_3" for 3; "position_many" above 9; "position_1" for 1 and below.
std::string PositionPromptId(int position);
// The expected wait rounded up to whole minutes (at least 1): "wait_3" for
// 150 s; "wait_long" above 10 minutes.
std::string WaitPromptId(core::Duration expected_wait);

// The prompt ids a telephony::Prompt plays, in order: kQueuePosition ->
// position then wait; kNoAgents -> no_agents; kCallbackOffer -> callback_offer.
std::vector<std::string> PromptIdsFor(Prompt prompt, int position, core::Duration expected_wait);

}  // namespace cc::telephony::prompts
