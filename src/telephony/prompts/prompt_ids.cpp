#include "telephony/prompts/prompt_ids.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

namespace cc::telephony::prompts {

std::string_view NormaliseLanguage(std::string_view language) {
  std::string primary;
  for (const char c : language) {
    if (c == '-' || c == '_' || c == '.') break;
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto known = std::find(kLanguages.begin(), kLanguages.end(), primary);
  return known != kLanguages.end() ? *known : kFallbackLanguage;
}

std::string PositionPromptId(int position) {
  if (position > kMaxSpokenPosition) return "position_many";
  return "position_" + std::to_string(std::max(position, 1));
}

std::string WaitPromptId(core::Duration expected_wait) {
  const auto minutes = std::chrono::ceil<std::chrono::minutes>(expected_wait).count();
  if (minutes > kMaxSpokenWaitMinutes) return "wait_long";
  return "wait_" + std::to_string(std::max<std::int64_t>(minutes, 1));
}

std::vector<std::string> PromptIdsFor(Prompt prompt, int position, core::Duration expected_wait) {
  switch (prompt) {
    case Prompt::kQueuePosition:
      return {PositionPromptId(position), WaitPromptId(expected_wait)};
    case Prompt::kNoAgents:
      return {"no_agents"};
    case Prompt::kCallbackOffer:
      return {"callback_offer"};
  }
  return {};
}

}  // namespace cc::telephony::prompts
