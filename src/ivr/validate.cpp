#include "ivr/validate.h"

#include <fmt/format.h>

#include <deque>
#include <set>

namespace cc::ivr {

namespace {

using core::ErrorCode;
using core::Fail;

tl::unexpected<core::Error> Invalid(std::string message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message));
}

core::Status CheckAction(const Menu& menu, const Action& a, const std::string& where,
                         const ValidationContext& context) {
  switch (a.kind) {
    case Action::Kind::kMenu:
      if (!menu.nodes.count(a.node)) {
        return Invalid(fmt::format("{} leads to the node '{}', which the menu does not have", where, a.node));
      }
      break;
    case Action::Kind::kQueue:
    case Action::Kind::kCallback:
      if (!context.queue_exists || !context.queue_exists(a.queue, menu.tenant)) {
        return Invalid(fmt::format("{} leads to queue {}, which tenant {} does not have", where,
                                   a.queue.value(), menu.tenant.value()));
      }
      break;
    case Action::Kind::kMessage:
      if (a.say.empty()) return Invalid(fmt::format("{} is a message with nothing to say", where));
      break;
    case Action::Kind::kOperator:
      break;
  }
  return {};
}

bool Dialable(const std::string& number) {
  if (number.empty() || number.size() > 32) return false;
  for (char c : number) {
    if (!(c >= '0' && c <= '9') && c != '+' && c != '*' && c != '#') return false;
  }
  return true;
}

}  // namespace

core::Status Validate(const Menu& menu, const ValidationContext& context) {
  if (menu.name.empty()) return Invalid("the menu needs a name");
  if (menu.numbers.empty()) return Invalid("the menu needs at least one number that reaches it");
  std::set<std::string> numbers;
  for (const std::string& n : menu.numbers) {
    if (!Dialable(n)) {
      return Invalid(fmt::format("'{}' is not a number (digits, +, * and #, at most 32)", n));
    }
    if (!numbers.insert(n).second) return Invalid(fmt::format("the number '{}' is listed twice", n));
  }
  if (menu.nodes.empty()) return Invalid("the menu has no nodes");
  if (!menu.nodes.count(menu.start)) {
    return Invalid(fmt::format("the start node '{}' is not one of the menu's nodes", menu.start));
  }
  if (!context.queue_exists || !context.queue_exists(menu.operator_queue, menu.tenant)) {
    return Invalid(fmt::format("the operator queue {} is not a queue of tenant {}",
                               menu.operator_queue.value(), menu.tenant.value()));
  }
  for (const auto& [id, node] : menu.nodes) {
    if (node.keys.empty()) {
      return Invalid(fmt::format("node '{}' is a dead end: it has no keys", id));
    }
    for (const auto& [key, action] : node.keys) {
      auto s = CheckAction(menu, action, fmt::format("node '{}', key {}", id, key), context);
      if (!s) return s;
    }
    if (node.fallback) {
      auto s = CheckAction(menu, *node.fallback, fmt::format("node '{}', fallback", id), context);
      if (!s) return s;
    }
  }
  if (menu.hours) {
    if (!menu.out_of_hours) {
      return Invalid("the menu has business hours but no 'out_of_hours' action for the rest of the time");
    }
    if (!menu.hours->time_zone.empty() && context.zone_exists && !context.zone_exists(menu.hours->time_zone)) {
      return Invalid(fmt::format("'{}' is not a known time zone", menu.hours->time_zone));
    }
  }
  if (menu.out_of_hours) {
    auto s = CheckAction(menu, *menu.out_of_hours, "out_of_hours", context);
    if (!s) return s;
  }

  // Every node must be reachable from the start (or from the out-of-hours action).
  std::set<std::string> reached;
  std::deque<std::string> todo{menu.start};
  if (menu.out_of_hours && menu.out_of_hours->kind == Action::Kind::kMenu) todo.push_back(menu.out_of_hours->node);
  while (!todo.empty()) {
    const std::string id = todo.front();
    todo.pop_front();
    if (!reached.insert(id).second) continue;
    const Node& node = menu.nodes.at(id);
    for (const auto& [key, action] : node.keys) {
      if (action.kind == Action::Kind::kMenu) todo.push_back(action.node);
    }
    if (node.fallback && node.fallback->kind == Action::Kind::kMenu) todo.push_back(node.fallback->node);
  }
  for (const auto& [id, node] : menu.nodes) {
    if (!reached.count(id)) {
      return Invalid(fmt::format("node '{}' is never reached: no key leads to it from '{}'", id, menu.start));
    }
  }
  return {};
}

}  // namespace cc::ivr
