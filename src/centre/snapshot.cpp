#include "centre/snapshot.h"

#include <algorithm>

namespace cc::centre {

namespace {

bool InScope(const SnapshotScope& scope, core::TenantId tenant) {
  if (!scope.tenants) return true;
  return std::find(scope.tenants->begin(), scope.tenants->end(), tenant) != scope.tenants->end();
}

std::int64_t Ms(core::Duration d) { return d.count(); }

nlohmann::json OptionalMs(const std::optional<core::Duration>& d) {
  return d ? nlohmann::json(Ms(*d)) : nlohmann::json(nullptr);
}

nlohmann::json QueueJson(const Centre& centre, core::QueueId id, const acd::QueueStats& s,
                         nlohmann::json& alerts) {
  const core::Timestamp now = centre.Now();
  nlohmann::json by_state = nlohmann::json::object();
  for (int i = 0; i < 7; ++i) {
    by_state[std::string(acd::ToString(static_cast<acd::AgentState>(i)))] = s.agents_by_state[i];
  }
  auto sl = s.ServiceLevel();
  const core::Duration longest = centre.stats().LongestWait(id, now);
  if (sl && *sl * 100.0 < s.sl_target_percent) {
    alerts.push_back({{"queue", id.value()},
                      {"kind", "service_level"},
                      {"message", "service level below target"}});
  }
  const acd::QueueConfig* config = centre.engine().Queue(id);
  core::Duration limit = config && config->max_wait.count() > 0 ? config->max_wait : s.sl_threshold;
  if (s.waiting > 0 && longest > limit) {
    alerts.push_back({{"queue", id.value()},
                      {"kind", "long_wait"},
                      {"message", "a caller has waited longer than the limit"}});
  }
  return {{"id", id.value()},
          {"name", s.name},
          {"tenant", config ? config->tenant.value() : 0},
          {"waiting", s.waiting},
          {"callbacks_waiting", s.callbacks_waiting},
          {"longest_wait_ms", Ms(longest)},
          {"offered", s.offered},
          {"answered", s.answered},
          {"answered_within_sl", s.answered_within_sl},
          {"abandoned", s.abandoned},
          {"short_abandoned", s.short_abandoned},
          {"overflowed", s.overflowed_out},
          {"rejected", s.rejected},
          {"service_level", sl ? nlohmann::json(*sl * 100.0) : nlohmann::json(nullptr)},
          {"sl_target_percent", s.sl_target_percent},
          {"sl_threshold_ms", Ms(s.sl_threshold)},
          {"asa_ms", OptionalMs(s.AverageSpeedOfAnswer())},
          {"aht_ms", OptionalMs(s.AverageHandleTime())},
          {"agents", by_state}};
}

}  // namespace

nlohmann::json AgentFigures(const Centre& centre, core::AgentId agent) {
  const acd::AgentStats* s = centre.stats().Agent(agent);
  const AgentSetup* setup = centre.setup().FindAgent(agent);
  nlohmann::json j = {{"agent", agent.value()},
                      {"name", setup ? setup->config.name : ""},
                      {"team", setup && setup->team ? nlohmann::json(setup->team->value())
                                                    : nlohmann::json(nullptr)}};
  if (!s) {
    j.update({{"state", "logged-out"}, {"since", nullptr}, {"time_in_state_ms", nullptr},
              {"calls", 0}, {"aht_ms", nullptr}});
    return j;
  }
  const core::Duration handled = s->talk_total + s->hold_total + s->wrap_up_total;
  const bool never_changed = s->since == core::Timestamp{};
  j.update({{"state", acd::ToString(s->state)},
            {"reason", s->state == acd::AgentState::kNotReady
                           ? nlohmann::json(acd::ToString(s->reason))
                           : nlohmann::json(nullptr)},
            // An agent who has not logged in since the server started has no
            // state change to count from.
            {"since", never_changed ? nlohmann::json(nullptr) : nlohmann::json(core::FormatUtc(s->since))},
            {"time_in_state_ms", never_changed ? nlohmann::json(nullptr) : nlohmann::json(Ms(centre.Now() - s->since))},
            {"calls", s->calls_handled},
            {"missed_offers", s->missed_offers},
            {"talk_ms", Ms(s->talk_total)},
            {"hold_ms", Ms(s->hold_total)},
            {"wrap_up_ms", Ms(s->wrap_up_total)},
            {"aht_ms", s->calls_handled > 0 ? nlohmann::json(Ms(handled) / s->calls_handled)
                                            : nlohmann::json(nullptr)}});
  return j;
}

nlohmann::json BuildSnapshot(const Centre& centre, const SnapshotScope& scope) {
  nlohmann::json queues = nlohmann::json::array();
  nlohmann::json alerts = nlohmann::json::array();
  for (core::QueueId id : centre.stats().QueueIds()) {
    const acd::QueueConfig* config = centre.engine().Queue(id);
    if (!config || !InScope(scope, config->tenant)) continue;
    if (const acd::QueueStats* s = centre.stats().Queue(id)) {
      queues.push_back(QueueJson(centre, id, *s, alerts));
    }
  }
  nlohmann::json agents = nlohmann::json::array();
  for (const AgentSetup& a : centre.setup().agents) {
    if (!InScope(scope, a.config.tenant)) continue;
    if (scope.team && a.team != scope.team) continue;
    nlohmann::json row = AgentFigures(centre, a.config.id);
    if (auto desk = centre.DeskOf(a.config.id)) {
      row["call"] = desk->call ? nlohmann::json(desk->call->call.value()) : nlohmann::json(nullptr);
      row["bot"] = desk->driven_by_bot;
    }
    agents.push_back(std::move(row));
  }
  return {{"type", "realtime"},
          {"at", core::FormatUtc(centre.Now())},
          {"queues", std::move(queues)},
          {"agents", std::move(agents)},
          {"alerts", std::move(alerts)}};
}

}  // namespace cc::centre
