// One caller's walk through an IVR menu. Pure and deterministic: the driver
// (the SIP telephony) plays what a Step says, reports keys and timeouts, and
// does what the last Step asks (queue the caller, take a callback, hang up).
//
//   Walk walk(menu, open);        // open: IsOpen(hours, local now), or true
//   Step s = walk.Start();       // say the greeting/menu, then listen
//   s = *walk.OnKey('1');        // -> a submenu, a queue, ...
//   s = *walk.OnTimeout();       // no key within the node's timeout
//
// A key while the words are still playing counts (the driver stops them).
// A wrong key or silence asks again (after "that choice is not on the menu"
// for a wrong key) up to the node's retries, then takes the node's fallback
// (the operator when it has none). After kMaxMisses wrong keys or silences in
// all, the caller goes to the operator whatever the menu says (fallbacks that
// lead from menu to menu cannot keep a silent caller forever). Once a Step
// ends the walk (anything but kListen), OnKey and OnTimeout return nullopt.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "ivr/menu.h"

namespace cc::ivr {

inline constexpr int kMaxMisses = 10;

struct Step {
  enum class Then {
    kListen,    // wait for a key; `timeout` after the words end, call OnTimeout
    kQueue,     // put the caller in `queue` with `topic`
    kCallback,  // a callback request in `queue` with `topic` for the caller's number
    kHangUp,    // let the caller go (after the words)
  };
  std::vector<std::string> say;  // texts to play in order, replacing what plays
  Then then = Then::kListen;
  core::Duration timeout{0};
  core::QueueId queue;
  std::string topic;

  friend bool operator==(const Step&, const Step&) = default;
};

class Walk {
 public:
  Walk(std::shared_ptr<const Menu> menu, bool open);

  Step Start();
  std::optional<Step> OnKey(char key);
  std::optional<Step> OnTimeout();

  bool finished() const { return finished_; }
  // The keys pressed, in order ("12"), and the node the caller is in.
  const std::string& keys() const { return keys_; }
  const std::string& node() const { return node_; }
  const Menu& menu() const { return *menu_; }

 private:
  Step Enter(const std::string& node, std::vector<std::string> say);
  Step Take(const Action& action, std::vector<std::string> say);
  Step Retry(std::vector<std::string> say);
  std::string Topic() const;

  std::shared_ptr<const Menu> menu_;
  bool open_;
  std::string node_;
  int attempts_ = 0;  // failed tries at the current node
  int misses_ = 0;    // failed tries in all
  std::string keys_;
  std::vector<std::string> topics_;
  bool finished_ = false;
};

}  // namespace cc::ivr
