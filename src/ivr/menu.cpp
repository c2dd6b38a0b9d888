#include "ivr/menu.h"

#include <algorithm>
#include <set>

namespace cc::ivr {

bool IsOpen(const Hours& hours, const core::LocalDateTime& at) {
  const int minute = static_cast<int>(
      std::chrono::duration_cast<std::chrono::minutes>(at.time_of_day).count());
  const auto in = [minute](const std::vector<OpenRange>& ranges) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [minute](const OpenRange& r) { return minute >= r.from && minute < r.to; });
  };
  for (const Holiday& h : hours.holidays) {
    if (h.date == at.date) return in(h.open);
  }
  const std::chrono::weekday day{std::chrono::sys_days{at.date}};
  const unsigned monday_first = (day.c_encoding() + 6) % 7;
  return in(hours.week[monday_first]);
}

std::vector<std::string> Texts(const Menu& menu) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  const auto add = [&](const std::string& text) {
    if (!text.empty() && seen.insert(text).second) out.push_back(text);
  };
  const auto add_action = [&](const Action& a) { add(a.say); };
  for (const auto& [id, node] : menu.nodes) {
    add(node.say);
    for (const auto& [key, action] : node.keys) add_action(action);
    if (node.fallback) add_action(*node.fallback);
  }
  if (menu.out_of_hours) add_action(*menu.out_of_hours);
  add(menu.invalid_say.empty() ? DefaultInvalidSay(menu.language) : menu.invalid_say);
  return out;
}

const std::string& DefaultInvalidSay(const std::string& language) {
  static const std::string ru = "Такого варианта нет. Послушайте меню ещё раз.";
  static const std::string en = "That choice is not on the menu. Please listen again.";
  return language == "en" ? en : ru;
}

const char* ToString(Action::Kind kind) {
  switch (kind) {
    case Action::Kind::kQueue: return "queue";
    case Action::Kind::kMenu: return "menu";
    case Action::Kind::kCallback: return "callback";
    case Action::Kind::kMessage: return "message";
    case Action::Kind::kOperator: return "operator";
  }
  return "operator";
}

std::optional<Action::Kind> ActionKindFromString(const std::string& s) {
  for (Action::Kind k : {Action::Kind::kQueue, Action::Kind::kMenu, Action::Kind::kCallback,
                         Action::Kind::kMessage, Action::Kind::kOperator}) {
    if (s == ToString(k)) return k;
  }
  return std::nullopt;
}

}  // namespace cc::ivr
