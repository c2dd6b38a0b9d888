#include "acd/testing/coverage.h"

#include <fmt/format.h>

#include <array>
#include <type_traits>
#include <variant>

#include "acd/testing/names.h"
#include "core/overloaded.h"

namespace cc::acd::random_test {

using core::Overloaded;
namespace {

constexpr std::array<const char*, std::variant_size_v<Input>> kInputNames = {"upsert-queue",
                                                                             "upsert-agent",
                                                                             "login",
                                                                             "ready",
                                                                             "not-ready",
                                                                             "logout",
                                                                             "wrap-up-done",
                                                                             "force",
                                                                             "accept",
                                                                             "reject",
                                                                             "arrive",
                                                                             "caller-hangs-up",
                                                                             "agent-hangs-up",
                                                                             "hold",
                                                                             "resume",
                                                                             "transfer-queue",
                                                                             "transfer-agent",
                                                                             "transfer-team-lead",
                                                                             "transfer-external",
                                                                             "requeue",
                                                                             "start-consult",
                                                                             "consult-answered",
                                                                             "consult-failed",
                                                                             "complete-consult",
                                                                             "callback-requested",
                                                                             "schedule-callback",
                                                                             "cancel-callback",
                                                                             "originate",
                                                                             "originate-answered",
                                                                             "originate-failed",
                                                                             "new-day",
                                                                             "tick"};

std::string Key(const Input& input, bool refused, const std::string& state) {
  std::string detail = std::visit(
      Overloaded{
          [](const CompleteConsult& in) { return std::string(ToString(in.outcome)) + " "; },
          [](const StartConsult& in) {
            return std::string(in.target.kind == ConsultTargetKind::kAgent   ? "agent "
                               : in.target.kind == ConsultTargetKind::kQueue ? "queue "
                                                                             : "external ");
          },
          [](const ForceAgentState& in) { return std::string(ToString(in.state)) + " "; },
          [](const auto&) { return std::string(); },
      },
      input);
  return fmt::format("{} {} {}@ {}", refused ? "refused " : "accepted", kInputNames[input.index()],
                     detail, state);
}

}  // namespace

std::string Coverage::StateOf(const Engine& engine, const Input& input) const {
  if (!enabled_) return std::string();
  return std::visit(
      [&](const auto& in) -> std::string {
        if constexpr (requires { in.call; }) {
          auto c = engine.Call(in.call);
          return c ? std::string(StageName(c->stage)) + (c->is_callback ? " callback" : "")
                   : "gone";
        } else if constexpr (requires { in.agent; }) {
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(in.agent)>, AgentId>) {
            auto a = engine.Agent(in.agent);
            return a ? std::string(ToString(a->state)) : "unknown";
          }
        }
        return "";
      },
      input);
}

void Coverage::CountInput(const Input& input, bool refused, const std::string& state) {
  if (enabled_) counts_[Key(input, refused, state)]++;
}

void Coverage::CountEvent(const EventBody& body) {
  if (enabled_) counts_[std::string("event ") + std::string(EventName(body))]++;
}

}  // namespace cc::acd::random_test
