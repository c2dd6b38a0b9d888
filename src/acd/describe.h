// Human-readable one-line descriptions of commands and events, for the demo,
// logs and test failure messages: "call.answered call=c1 agent=a1 wait=5s".
// Thread-safety: pure functions; the Namer is only read.
#pragma once

#include <functional>
#include <string>

#include "acd/commands.h"
#include "acd/events.h"

namespace cc::acd {

// Turns ids into display names; the defaults print "agent-7", "call-3", ...
struct Namer {
  std::function<std::string(AgentId)> agent;
  std::function<std::string(CallId)> call;
  std::function<std::string(QueueId)> queue;
};

std::string Describe(const Command& command, const Namer& names = {});
std::string Describe(const EventBody& event, const Namer& names = {});
std::string CommandName(const Command& command);  // "offer", "bridge", ...

}  // namespace cc::acd
