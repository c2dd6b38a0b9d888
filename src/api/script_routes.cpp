// Call scripts and playbook situations for supervisors, admins, QA and team
// leads: the list, one script with its versions, validation, publishing,
// queue assignment and analytics. docs/call_scripts.md.
#include <fmt/format.h>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/util.h"
#include "call_scripts/script_json.h"
#include "call_scripts/validate.h"
#include "crm/pricing.h"
#include "script_desk/analytics.h"

namespace cc::api {

using call_scripts::Language;
using core::ErrorCode;
using core::Fail;
using nlohmann::json;
using script_desk::ScriptKind;

namespace {

using ScriptHandler = std::function<http::Response(http::Request&, const Caller&, ScriptServices&)>;
http::Handler ScriptRoute(ApiServices& s, Guard guard, access::Action action, ScriptHandler handler) {
  return [&s, guard, action, handler = std::move(handler)](http::Request& r) {
    auto c = guard.Require(r, action);
    if (!c) return Error(c.error());
    auto sc = Scripts(s);
    if (!sc) return Error(sc.error());
    return handler(r, *c, **sc);
  };
}

json ProblemsJson(const std::vector<call_scripts::Problem>& problems) {
  json out = json::array();
  for (const auto& p : problems) out.push_back({{"step", p.step}, {"message", p.message}});
  return out;
}

// A 400 whose body lists the problems, each at its step.
http::Response Invalid(const std::vector<call_scripts::Problem>& problems) {
  http::Response response = Error({ErrorCode::kInvalidArgument,
                                   fmt::format("the script has {} problem(s); the first: {}", problems.size(),
                                               call_scripts::ToString(problems.front()))});
  json body = json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    body["problems"] = ProblemsJson(problems);
    response.body = body.dump();
  }
  return response;
}

core::Result<Language> LanguageParam(const http::Request& r) {
  auto q = r.Query("language");
  if (!q || q->empty()) return Fail(ErrorCode::kInvalidArgument, "language is required: ru or en");
  return call_scripts::LanguageFromString(*q);
}

// The script in a body: {"script": {...}} or the script itself.
core::Result<call_scripts::Script> ScriptOf(const json& body) {
  const json& j = body.is_object() && body.contains("script") ? body["script"] : body;
  return call_scripts::ScriptFromJson(j);
}

core::Result<core::Timestamp> DayParam(const http::Request& r, std::string_view name, const core::TimeZone& zone,
                                       core::Timestamp fallback) {
  auto q = r.Query(name);
  if (!q || q->empty()) return fallback;
  auto date = crm::ParseDate(std::string(*q));
  if (!date) return Fail(ErrorCode::kInvalidArgument, fmt::format("{} must be a date such as 2026-11-28", name));
  return zone.StartOfDate(*date);
}

}  // namespace

void AddScriptRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;

  router.Add("GET", "/api/scripts",
             ScriptRoute(s, guard, Action::kReadScripts, [&s](http::Request& r, const Caller& c, ScriptServices& sc) {
               auto tenant = QueryTenant(c, r);
               if (!tenant) return Error(tenant.error());
               auto list = sc.store.List(*tenant);
               if (!list) return Error(list.error());
               auto queues = sc.store.Assignments(*tenant);
               if (!queues) return Error(queues.error());
               json out = json::array();
               for (const auto& row : *list) {
                 auto assigned = queues->find(row.code);
                 out.push_back({{"code", row.code},
                                {"kind", script_desk::ToString(row.kind)},
                                {"language", call_scripts::ToString(row.language)},
                                {"name", row.name},
                                {"version", row.version},
                                {"updated_at", core::FormatUtc(row.published_at)},
                                {"queues", assigned == queues->end() ? json::array() : json(assigned->second)}});
               }
               return Ok(out);
             }));

  router.Add("POST", "/api/scripts/validate",
             ScriptRoute(s, guard, Action::kReadScripts, [](http::Request& r, const Caller&, ScriptServices&) {
               auto body = BodyOrEmpty(r);
               if (!body) return Error(body.error());
               auto script = ScriptOf(*body);
               if (!script) return Error(script.error());
               return Ok(json{{"problems", ProblemsJson(call_scripts::Validate(*script))}});
             }));

  router.Add("GET", "/api/scripts/analytics",
             ScriptRoute(s, guard, Action::kReadScriptAnalytics,
                         [&s](http::Request& r, const Caller& c, ScriptServices& sc) {
               auto tenant = QueryTenant(c, r);
               if (!tenant) return Error(tenant.error());
               const core::TimeZone zone = s.crm ? s.crm->zone : core::TimeZone::Utc();
               const core::Timestamp now = s.clock.Now();
               script_desk::AnalyticsFilter f;
               f.tenant = *tenant;
               auto from = DayParam(r, "from", zone, zone.StartOfDay(now));
               auto to = DayParam(r, "to", zone, zone.StartOfDay(now));
               if (!from) return Error(from.error());
               if (!to) return Error(to.error());
               f.from = *from;
               f.to = zone.NextMidnight(*to);  // "to" is the last day counted
               if (f.to <= f.from) return Error({ErrorCode::kInvalidArgument, "'to' is before 'from'"});
               auto queue = QueryId(r, "queue_id");
               auto agent = QueryId(r, "agent_id");
               if (!queue) return Error(queue.error());
               if (!agent) return Error(agent.error());
               if (*queue) f.queue = core::QueueId(static_cast<std::uint32_t>(**queue));
               if (*agent) f.agent = core::AgentId(static_cast<std::uint32_t>(**agent));
               f.training = r.Query("training").value_or("") == "true";
               auto a = script_desk::Analyse(sc.db, f);
               if (!a) return Error(a.error());
               // Names beside ids, as every list does.
               std::map<std::uint32_t, std::string> queue_names, agent_names;
               s.centre.Ask([&] {
                 for (const auto& q : s.centre.setup().queues) queue_names[q.config.id.value()] = q.config.name;
                 for (const auto& ag : s.centre.setup().agents) agent_names[ag.config.id.value()] = ag.config.name;
               }).get();
               std::map<std::string, std::string> situation_names;
               if (auto list = sc.store.List(*tenant)) {
                 for (const auto& row : *list) situation_names.emplace(row.code, row.name);
               }
               json steps = json::array(), situations = json::array(), by_queue = json::array(),
                    by_agent = json::array(), outcomes = json::array();
               for (const auto& u : a->steps) {
                 steps.push_back({{"code", u.code}, {"step", u.step}, {"kind", u.step_kind}, {"uses", u.uses}});
               }
               for (const auto& u : a->situations) {
                 situations.push_back({{"code", u.code}, {"name", situation_names[u.code]}, {"uses", u.calls}});
               }
               for (const auto& u : a->by_queue) {
                 by_queue.push_back({{"code", u.code}, {"queue_id", u.id}, {"queue_name", queue_names[u.id]}, {"uses", u.calls}});
               }
               for (const auto& u : a->by_agent) {
                 by_agent.push_back({{"code", u.code}, {"agent_id", u.id}, {"agent_name", agent_names[u.id]}, {"uses", u.calls}});
               }
               for (const auto& o : a->outcomes) {
                 outcomes.push_back({{"code", o.code}, {"outcome", o.outcome}, {"count", o.count}});
               }
               return Ok(json{{"from", core::FormatUtc(f.from)},
                              {"to", core::FormatUtc(f.to)},
                              {"steps", steps},
                              {"situations", situations},
                              {"by_queue", by_queue},
                              {"by_agent", by_agent},
                              {"outcomes", outcomes}});
             }));

  router.Add("GET", "/api/scripts/{code}",
             ScriptRoute(s, guard, Action::kReadScripts, [](http::Request& r, const Caller& c, ScriptServices& sc) {
               auto tenant = QueryTenant(c, r);
               if (!tenant) return Error(tenant.error());
               auto language = LanguageParam(r);
               if (!language) return Error(language.error());
               const std::string code(r.PathParam("code"));
               std::optional<int> version;
               if (r.Query("version")) {
                 auto v = QueryInt(r, "version", 1, 1, 1000000);
                 if (!v) return Error(v.error());
                 version = static_cast<int>(*v);
               }
               auto got = sc.store.Get(*tenant, code, *language, version);
               if (!got) return Error(got.error());
               if (!*got) {
                 return Error({ErrorCode::kNotFound,
                               version ? fmt::format("script '{}' ({}) has no version {}", code,
                                                     call_scripts::ToString(*language), *version)
                                       : fmt::format("no script '{}' in {}", code, call_scripts::ToString(*language))});
               }
               auto versions = sc.store.Versions(*tenant, code, *language);
               if (!versions) return Error(versions.error());
               auto queues = sc.store.Assignments(*tenant);
               if (!queues) return Error(queues.error());
               auto assigned = queues->find(code);
               return Ok(json{{"code", code},
                              {"kind", script_desk::ToString((*got)->kind)},
                              {"language", call_scripts::ToString(*language)},
                              {"version", (*got)->script->version},
                              {"versions", *versions},
                              {"published_at", core::FormatUtc((*got)->published_at)},
                              {"queues", assigned == queues->end() ? json::array() : json(assigned->second)},
                              {"script", call_scripts::ToJson(*(*got)->script)}});
             }));

  router.Add("POST", "/api/scripts",
             ScriptRoute(s, guard, Action::kManageScripts,
                         [&s, guard](http::Request& r, const Caller& c, ScriptServices& sc) {
               auto body = BodyOrEmpty(r);
               if (!body) return Error(body.error());
               auto tenant = BodyTenant(c, *body);
               if (!tenant) return Error(tenant.error());
               auto code = TextField(*body, "code");
               if (!code) return Error(code.error());
               auto kind_text = OptionalText(*body, "kind");
               if (!kind_text) return Error(kind_text.error());
               auto kind = script_desk::ScriptKindFromString(kind_text->empty() ? "script" : *kind_text);
               if (!kind) return Error(kind.error());
               if (!body->contains("script")) return Error({ErrorCode::kInvalidArgument, "'script' is required"});
               json text = (*body)["script"];
               if (text.is_object()) text["tenant_id"] = tenant->value();  // the company chosen, not the file's
               auto script = call_scripts::ScriptFromJson(text);
               if (!script) return Error(script.error());
               if (auto problems = call_scripts::Validate(*script); !problems.empty()) return Invalid(problems);
               auto stored = sc.store.Publish(*code, *kind, std::move(*script), c.who.user, s.clock.Now());
               if (!stored) return Error(stored.error());
               guard.Audit(c, r, "script.publish", "script", *code,
                           {{"version", stored->script->version},
                            {"language", call_scripts::ToString(stored->script->language)},
                            {"tenant", tenant->value()}});
               return Created(json{{"code", stored->code},
                                   {"kind", script_desk::ToString(stored->kind)},
                                   {"language", call_scripts::ToString(stored->script->language)},
                                   {"version", stored->script->version},
                                   {"script", call_scripts::ToJson(*stored->script)}});
             }));

  router.Add("PUT", "/api/queues/{id}/script",
             ScriptRoute(s, guard, Action::kManageScripts,
                         [&s, guard](http::Request& r, const Caller& c, ScriptServices& sc) {
               auto id = PathId(r);
               if (!id) return Error(id.error());
               auto body = BodyOrEmpty(r);
               if (!body) return Error(body.error());
               auto queue = s.repository.FindQueue(core::QueueId(static_cast<std::uint32_t>(*id)));
               if (!queue) return Error(queue.error());
               if (!*queue || !access::CanSeeTenant(c.who, (*queue)->config.tenant)) {
                 return Error({ErrorCode::kNotFound, fmt::format("no queue with id {}", *id)});
               }
               std::optional<std::string> code;
               if (body->contains("code") && !(*body)["code"].is_null()) {
                 if (!(*body)["code"].is_string()) return Error({ErrorCode::kInvalidArgument, "'code' must be text or null"});
                 code = (*body)["code"].get<std::string>();
               }
               const core::TenantId tenant = (*queue)->config.tenant;
               if (auto st = sc.store.AssignQueue(tenant, (*queue)->config.id, code); !st) return Error(st.error());
               guard.Audit(c, r, "queue.script", "queue", std::to_string(*id), {{"code", code ? json(*code) : json(nullptr)}});
               return Ok(json{{"queue", *id}, {"code", code ? json(*code) : json(nullptr)}});
             }));
}

}  // namespace cc::api
