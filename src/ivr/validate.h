// Whether a menu can be put to work: every key, fallback and out-of-hours
// action leads somewhere that exists (a node of the menu, a queue of its
// tenant), no node is a dead end (a node with no keys) or unreachable from
// the start, numbers are dialable, and closed hours have an out-of-hours
// action. The first problem found is returned, naming the node and key.
#pragma once

#include <functional>
#include <string>

#include "core/result.h"
#include "ivr/menu.h"

namespace cc::ivr {

struct ValidationContext {
  // Whether `queue` exists and belongs to `tenant`.
  std::function<bool(core::QueueId queue, core::TenantId tenant)> queue_exists;
  // Whether an IANA time zone of this name is known; unset: any name passes.
  std::function<bool(const std::string& name)> zone_exists;
};

core::Status Validate(const Menu& menu, const ValidationContext& context);

}  // namespace cc::ivr
