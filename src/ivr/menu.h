// IVR menus: what a caller hears and which key leads where before reaching
// a queue. A menu belongs to one tenant and is reached by its own numbers
// (like a queue's). It is a graph of nodes; each node says something and maps
// keys to actions; a node that hears no key (or a wrong one) asks again up to
// `retries` times and then takes its fallback. Business hours and holidays
// pick the out-of-hours action instead of the start node.
// Pure values: no I/O. JSON in menu_json.h, checks in validate.h, the
// per-call walk in ivr_run.h.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "core/time_zone.h"

namespace cc::ivr {

// Where a key (or a timeout, or closed hours) leads. Every kind but kMenu
// ends the IVR: the caller is queued, gets a callback, or hears `say` and is
// let go. `say` is spoken before the action in every kind.
struct Action {
  enum class Kind {
    kQueue,     // to `queue`, with the topic chosen on the way
    kMenu,      // to the node `node`
    kCallback,  // a callback request in `queue`, for the caller's number
    kMessage,   // `say`, then hang up
    kOperator,  // to the menu's operator queue
  };
  Kind kind = Kind::kOperator;
  core::QueueId queue;
  std::string node;
  std::string topic;  // shown to the agent; joined with the topics before it
  std::string say;

  friend bool operator==(const Action&, const Action&) = default;
};

struct Node {
  std::string say;                 // the menu's words ("for orders press 1 ...")
  std::map<char, Action> keys;     // '0'..'9', '*', '#'
  int timeout_s = 6;               // to wait for a key after `say` ends
  int retries = 2;                 // asked again this many times, then the fallback
  std::optional<Action> fallback;  // unset: the operator

  friend bool operator==(const Node&, const Node&) = default;
};

// An interval of local time within one day, minutes since midnight, [from, to).
struct OpenRange {
  int from = 0;
  int to = 0;
  friend bool operator==(const OpenRange&, const OpenRange&) = default;
};

// A date with its own hours: closed all day when `open` is empty.
struct Holiday {
  std::chrono::year_month_day date;
  std::vector<OpenRange> open;
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

struct Hours {
  std::array<std::vector<OpenRange>, 7> week;  // Monday first; an empty day is closed
  std::vector<Holiday> holidays;
  std::string time_zone;  // IANA name; empty: the centre's

  friend bool operator==(const Hours&, const Hours&) = default;
};

struct Menu {
  std::int64_t id = 0;  // 0 until stored
  core::TenantId tenant;
  std::string name;
  std::string language = "ru";       // of the voice the caller hears
  std::vector<std::string> numbers;  // the numbers that reach this menu
  std::string start;                 // the first node
  std::map<std::string, Node> nodes;
  core::QueueId operator_queue;      // "the operator", and where unanswered menus end
  std::string invalid_say;           // after a key the node does not know; empty: a default
  std::optional<Hours> hours;        // unset: always open
  std::optional<Action> out_of_hours;

  friend bool operator==(const Menu&, const Menu&) = default;
};

// Whether `hours` are open at the local time `at` (a holiday's own hours win
// over the weekday's).
bool IsOpen(const Hours& hours, const core::LocalDateTime& at);

// Every text the menu may say, for generating the voice files.
std::vector<std::string> Texts(const Menu& menu);

// Said when a key leads nowhere and the menu has no invalid_say of its own.
const std::string& DefaultInvalidSay(const std::string& language);

const char* ToString(Action::Kind kind);
std::optional<Action::Kind> ActionKindFromString(const std::string& s);

}  // namespace cc::ivr
