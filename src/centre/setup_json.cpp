#include "centre/setup_json.h"

#include <climits>

#include <fmt/format.h>

namespace cc::centre {

namespace {

using core::ErrorCode;
using core::Fail;
using nlohmann::json;

core::Status Bad(const std::string& field, const std::string& what) {
  return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' {}", field, what));
}

core::Result<long long> Int(const json& body, const std::string& field, long long fallback,
                            long long min, long long max) {
  if (!body.contains(field) || body[field].is_null()) return fallback;
  const json& v = body[field];
  if (!v.is_number_integer()) return tl::unexpected(Bad(field, "must be a whole number").error());
  // Above the largest long long (nlohmann keeps it unsigned): out of range, not wrapped to a negative.
  const bool huge = v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX);
  const long long n = huge ? LLONG_MAX : v.get<long long>();
  if (huge || n < min || n > max) {
    return tl::unexpected(Bad(field, fmt::format("must be between {} and {}", min, max)).error());
  }
  return n;
}

core::Result<std::vector<acd::SkillLevel>> Levels(const json& body, const std::string& field) {
  std::vector<acd::SkillLevel> out;
  if (!body.contains(field)) return out;
  if (!body[field].is_array()) return tl::unexpected(Bad(field, "must be a list").error());
  for (const json& item : body[field]) {
    if (!item.is_object()) return tl::unexpected(Bad(field, "items must be objects").error());
    auto skill = Int(item, "skill", 0, 1, 1'000'000'000);
    auto level = Int(item, item.contains("level") ? "level" : "min_level", 1, 1, 10);
    if (!skill) return tl::unexpected(skill.error());
    if (!level) return tl::unexpected(level.error());
    if (*skill == 0) return tl::unexpected(Bad(field, "items need a 'skill' id").error());
    out.push_back({core::SkillId(static_cast<std::uint32_t>(*skill)), static_cast<int>(*level)});
  }
  return out;
}

}  // namespace

json ToJson(const QueueSetup& queue) {
  const acd::QueueConfig& c = queue.config;
  json skills = json::array();
  for (const auto& s : c.required_skills) {
    skills.push_back({{"skill", s.skill.value()}, {"min_level", s.min_level}});
  }
  json overflow = nullptr;
  if (c.overflow.kind == acd::OverflowKind::kQueue) {
    overflow = {{"kind", "queue"}, {"queue", c.overflow.queue.value()}};
  } else if (c.overflow.kind == acd::OverflowKind::kCallbackOffer) {
    overflow = {{"kind", "callback"}};
  }
  auto secs = [](core::Duration d) { return std::chrono::duration_cast<std::chrono::seconds>(d).count(); };
  return {{"id", c.id.value()},
          {"tenant", c.tenant.value()},
          {"name", c.name},
          {"numbers", queue.numbers},
          {"priority", c.priority},
          {"policy", acd::ToString(c.policy)},
          {"required_skills", skills},
          {"sl_threshold_s", secs(c.sl_threshold)},
          {"sl_target_percent", c.sl_target_percent},
          {"short_abandon_s", secs(c.short_abandon)},
          {"max_wait_s", secs(c.max_wait)},
          {"overflow", overflow},
          {"wrap_up_s", secs(c.wrap_up)},
          {"announce_every_s", secs(c.announce_every)},
          {"max_callers", c.max_callers},
          {"ring_timeout_s", secs(c.ring_timeout)}};
}

core::Result<QueueSetup> QueueFromJson(const json& body, core::QueueId id, core::TenantId tenant) {
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "a queue must be a JSON object");
  QueueSetup q;
  acd::QueueConfig& c = q.config;
  c.id = id;
  c.tenant = tenant;
  if (!body.contains("name") || !body["name"].is_string() || body["name"].get<std::string>().empty()) {
    return tl::unexpected(Bad("name", "is required and must be a non-empty string").error());
  }
  c.name = body["name"].get<std::string>();
  if (body.contains("numbers")) {
    if (!body["numbers"].is_array()) return tl::unexpected(Bad("numbers", "must be a list").error());
    for (const json& n : body["numbers"]) {
      if (!n.is_string() || n.get<std::string>().empty()) {
        return tl::unexpected(Bad("numbers", "must hold non-empty strings").error());
      }
      q.numbers.push_back(n.get<std::string>());
    }
  }
  if (body.contains("policy")) {
    auto policy = body["policy"].is_string()
                      ? acd::ParseRoutingPolicy(body["policy"].get<std::string>())
                      : std::nullopt;
    if (!policy) {
      return tl::unexpected(
          Bad("policy", "must be longest-idle, fewest-calls, round-robin or skills-best-match")
              .error());
    }
    c.policy = *policy;
  }
  auto skills = Levels(body, "required_skills");
  if (!skills) return tl::unexpected(skills.error());
  for (const auto& s : *skills) c.required_skills.push_back({s.skill, s.level});
  auto priority = Int(body, "priority", 0, -100, 100);
  auto sl = Int(body, "sl_threshold_s", 20, 1, 3600);
  auto target = Int(body, "sl_target_percent", 80, 1, 100);
  auto short_abandon = Int(body, "short_abandon_s", 0, 0, 600);
  auto max_wait = Int(body, "max_wait_s", 0, 0, 86400);
  auto wrap = Int(body, "wrap_up_s", 0, 0, 3600);
  auto announce = Int(body, "announce_every_s", 0, 0, 3600);
  auto max_callers = Int(body, "max_callers", 0, 0, 100000);
  auto ring = Int(body, "ring_timeout_s", 15, 1, 300);
  for (const auto* r : {&priority, &sl, &target, &short_abandon, &max_wait, &wrap, &announce,
                        &max_callers, &ring}) {
    if (!*r) return tl::unexpected(r->error());
  }
  c.priority = static_cast<int>(*priority);
  c.sl_threshold = core::Seconds(*sl);
  c.sl_target_percent = static_cast<int>(*target);
  c.short_abandon = core::Seconds(*short_abandon);
  c.max_wait = core::Seconds(*max_wait);
  c.wrap_up = core::Seconds(*wrap);
  c.announce_every = core::Seconds(*announce);
  c.max_callers = static_cast<int>(*max_callers);
  c.ring_timeout = core::Seconds(*ring);
  if (body.contains("overflow") && !body["overflow"].is_null()) {
    const json& o = body["overflow"];
    std::string kind = o.is_object() && o.contains("kind") && o["kind"].is_string()
                           ? o["kind"].get<std::string>()
                           : "";
    if (kind == "queue") {
      auto target_queue = Int(o, "queue", 0, 1, 1'000'000'000);
      if (!target_queue || *target_queue == 0) {
        return tl::unexpected(Bad("overflow.queue", "must name the queue to overflow to").error());
      }
      c.overflow = {acd::OverflowKind::kQueue, core::QueueId(static_cast<std::uint32_t>(*target_queue))};
    } else if (kind == "callback") {
      c.overflow = {acd::OverflowKind::kCallbackOffer, {}};
    } else {
      return tl::unexpected(Bad("overflow.kind", "must be 'queue' or 'callback'").error());
    }
  }
  return q;
}

json ProfileToJson(const acd::AgentConfig& agent) {
  json skills = json::array();
  for (const auto& s : agent.skills) skills.push_back({{"skill", s.skill.value()}, {"level", s.level}});
  json queues = json::array();
  for (const auto& m : agent.queues) queues.push_back({{"queue", m.queue.value()}, {"tier", m.tier}});
  return {{"skills", skills},
          {"queues", queues},
          {"team_lead_queue", agent.team_lead_queue ? json(agent.team_lead_queue->value()) : json(nullptr)}};
}

core::Status ProfileFromJson(const json& body, acd::AgentConfig& agent) {
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "a profile must be a JSON object");
  if (body.contains("skills")) {
    auto skills = Levels(body, "skills");
    if (!skills) return tl::unexpected(skills.error());
    agent.skills = *skills;
  }
  if (body.contains("queues")) {
    if (!body["queues"].is_array()) return Bad("queues", "must be a list");
    std::vector<acd::QueueMembership> queues;
    for (const json& item : body["queues"]) {
      if (!item.is_object()) return Bad("queues", "items must be objects");
      auto queue = Int(item, "queue", 0, 1, 1'000'000'000);
      auto tier = Int(item, "tier", 1, 1, 9);
      if (!queue || *queue == 0) return Bad("queues", "items need a 'queue' id");
      if (!tier) return tl::unexpected(tier.error());
      queues.push_back({core::QueueId(static_cast<std::uint32_t>(*queue)), static_cast<int>(*tier)});
    }
    agent.queues = queues;
  }
  if (body.contains("team_lead_queue")) {
    if (body["team_lead_queue"].is_null()) {
      agent.team_lead_queue.reset();
    } else {
      auto q = Int(body, "team_lead_queue", 0, 1, 1'000'000'000);
      if (!q) return tl::unexpected(q.error());
      agent.team_lead_queue = core::QueueId(static_cast<std::uint32_t>(*q));
    }
  }
  return {};
}

}  // namespace cc::centre
