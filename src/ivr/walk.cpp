#include "ivr/walk.h"

namespace cc::ivr {

Walk::Walk(std::shared_ptr<const Menu> menu, bool open) : menu_(std::move(menu)), open_(open) {}

Step Walk::Start() {
  if (!open_ && menu_->out_of_hours) return Take(*menu_->out_of_hours, {});
  return Enter(menu_->start, {});
}

std::optional<Step> Walk::OnKey(char key) {
  if (finished_) return std::nullopt;
  const Node& node = menu_->nodes.at(node_);
  auto it = node.keys.find(key);
  if (it == node.keys.end()) {
    const std::string& invalid =
        menu_->invalid_say.empty() ? DefaultInvalidSay(menu_->language) : menu_->invalid_say;
    return Retry({invalid});
  }
  keys_.push_back(key);
  return Take(it->second, {});
}

std::optional<Step> Walk::OnTimeout() {
  if (finished_) return std::nullopt;
  return Retry({});
}

Step Walk::Retry(std::vector<std::string> say) {
  const Node& node = menu_->nodes.at(node_);
  if (++misses_ >= kMaxMisses) return Take(Action{}, std::move(say));  // the operator
  if (attempts_ < node.retries) {
    ++attempts_;
    say.push_back(node.say);
    return Step{std::move(say), Step::Then::kListen, core::Seconds(node.timeout_s), {}, {}};
  }
  return Take(node.fallback.value_or(Action{}), std::move(say));
}

Step Walk::Enter(const std::string& id, std::vector<std::string> say) {
  node_ = id;
  attempts_ = 0;
  const Node& node = menu_->nodes.at(id);
  say.push_back(node.say);
  return Step{std::move(say), Step::Then::kListen, core::Seconds(node.timeout_s), {}, {}};
}

Step Walk::Take(const Action& action, std::vector<std::string> say) {
  if (!action.say.empty()) say.push_back(action.say);
  if (!action.topic.empty()) topics_.push_back(action.topic);
  Step step;
  step.say = std::move(say);
  switch (action.kind) {
    case Action::Kind::kMenu:
      return Enter(action.node, std::move(step.say));
    case Action::Kind::kQueue:
      step.then = Step::Then::kQueue;
      step.queue = action.queue;
      break;
    case Action::Kind::kCallback:
      step.then = Step::Then::kCallback;
      step.queue = action.queue;
      break;
    case Action::Kind::kOperator:
      step.then = Step::Then::kQueue;
      step.queue = menu_->operator_queue;
      break;
    case Action::Kind::kMessage:
      step.then = Step::Then::kHangUp;
      break;
  }
  step.topic = Topic();
  finished_ = true;
  return step;
}

std::string Walk::Topic() const {
  std::string out;
  for (const std::string& t : topics_) {
    if (!out.empty()) out += " / ";
    out += t;
  }
  return out;
}

}  // namespace cc::ivr
