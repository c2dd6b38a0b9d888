// The script panel of the agent desktop: the session of the operator's call
// (the queue's script and an open playbook situation), its moves, and the
// playbook. docs/call_scripts.md.
#include <fmt/format.h>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/script_world.h"
#include "api/training.h"
#include "api/util.h"
#include "script_desk/script_log.h"

namespace cc::api {

using call_scripts::Language;
using core::ErrorCode;
using core::Fail;
using nlohmann::json;
using script_desk::CallSession;

namespace {

// The call on the operator's desk: talking (live) or in wrap-up.
struct DeskLine {
  script_desk::CallContext context;
  CallLine line;
  bool live = false;
};

core::Result<std::optional<DeskLine>> LineOf(ApiServices& s, const Caller& c) {
  const core::AgentId agent(c.who.user.value());
  auto found = s.centre
                   .Ask([&s, agent]() -> std::optional<DeskLine> {
                     auto desk = s.centre.DeskOf(agent);
                     if (!desk) return std::nullopt;
                     const bool live = desk->call.has_value();
                     const std::optional<centre::DeskCall>& dc = live ? desk->call : desk->wrap_up;
                     if (!dc) return std::nullopt;
                     DeskLine d;
                     d.live = live;
                     d.context.call = dc->call;
                     d.context.agent = agent;
                     d.context.queue = dc->queue;
                     d.line.caller = dc->caller;
                     if (const centre::QueueSetup* q = s.centre.setup().FindQueue(dc->queue)) {
                       d.context.tenant = q->config.tenant;
                       d.line.queue_name = q->config.name;
                     }
                     if (const centre::CallInfo* info = s.centre.Call(dc->call)) d.context.tenant = info->tenant;
                     return d;
                   })
                   .get();
  if (found && !found->context.tenant.valid()) {
    if (!c.who.tenants.empty()) found->context.tenant = c.who.tenants.front();
  }
  if (found && s.scripts != nullptr) found->context.training = s.scripts->training.Find(found->context.call).has_value();
  return found;
}

Language LanguageOf(const http::Request& r, const json& body) {
  std::string text;
  if (body.is_object() && body.contains("language") && body["language"].is_string()) {
    text = body["language"].get<std::string>();
  } else if (auto q = r.Query("language")) {
    text = std::string(*q);
  }
  return call_scripts::LanguageFromString(text).value_or(Language::kRu);
}

Language Other(Language l) { return l == Language::kRu ? Language::kEn : Language::kRu; }

// The latest version of `code` in `language`, else in the other language.
core::Result<std::optional<script_desk::StoredScript>> Pick(ScriptServices& sc, core::TenantId tenant,
                                                            const std::string& code, Language language) {
  auto got = sc.store.Get(tenant, code, language);
  if (!got || *got) return got;
  return sc.store.Get(tenant, code, Other(language));
}

// Runs `op` on the operator's session and answers the session. With no call
// on the desk: `{"call": null}` for a read, 409 for a change.
template <typename Op>
http::Response WithSession(ApiServices& s, const Caller& c, Language language, bool change, Op op) {
  auto sc = Scripts(s);
  if (!sc) return Error(sc.error());
  auto line = LineOf(s, c);
  if (!line) return Error(line.error());
  if (!*line) {
    if (change) return Error({ErrorCode::kFailedPrecondition, "no call in progress: the script starts with a call"});
    return Ok(json{{"call", nullptr}});
  }
  DeskLine& d = **line;
  DeskWorld world(s, c, d.context, d.line, language);
  return (*sc)->sessions.With(d.context, [&](CallSession& session) -> http::Response {
    const core::Timestamp now = s.clock.Now();
    if (!session.has_main()) {
      auto code = (*sc)->store.QueueScript(d.context.queue);
      if (!code) return Error(code.error());
      if (*code) {
        auto script = Pick(**sc, d.context.tenant, **code, language);
        if (!script) return Error(script.error());
        if (*script) {
          if (auto started = session.StartMain(**script, now); !started) return Error(started.error());
        }
      }
    }
    core::Status done = op(session, world, now);
    // What happened is logged even when the move itself was refused.
    auto records = session.TakeRecords();
    if (!records.empty()) {
      if (auto written = (*sc)->db.Write(script_desk::UseStatements(d.context, records)).get(); !written) {
        return Error(written.error());
      }
    }
    if (!done) return Error(done.error());
    json out = session.ToJson(world.Facts());
    // A confirmed action may have ended or handed off the call just now.
    out["live"] = d.live && (!change || s.centre
                                            .Ask([&s, &d] {
                                              auto desk = s.centre.DeskOf(d.context.agent);
                                              return desk && desk->call && desk->call->call == d.context.call;
                                            })
                                            .get());
    out["training"] = nullptr;
    if (auto practice = (*sc)->training.Find(d.context.call)) {
      json lines = json::array();
      for (const auto& [at, text] : practice->said) lines.push_back({{"text", text}, {"at", core::FormatUtc(at)}});
      out["training"] = {{"situation", practice->situation}, {"lines", std::move(lines)}};
    }
    return Ok(out);
  });
}

core::Result<std::size_t> OptionOf(const json& body) {
  if (!body.is_object() || !body.contains("option") || !body["option"].is_number_unsigned()) {
    return Fail(ErrorCode::kInvalidArgument, "'option' must be the number of an answer, from 0");
  }
  return body["option"].get<std::size_t>();
}

}  // namespace

void AddAgentScriptRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;
  // Every route: the operator's own desk, a JSON body (maybe empty).
  auto route = [guard](auto op) {
    return [guard, op](http::Request& r) -> http::Response {
      auto c = guard.Require(r, Action::kControlOwnAgent);
      if (!c) return Error(c.error());
      auto body = BodyOrEmpty(r);
      if (!body) return Error(body.error());
      return op(r, *c, *body);
    };
  };

  router.Add("GET", "/api/agent/script", route([&s](http::Request& r, const Caller& c, const json& body) {
               return WithSession(s, c, LanguageOf(r, body), false,
                                  [](CallSession&, DeskWorld&, core::Timestamp) { return core::Status{}; });
             }));
  router.Add("POST", "/api/agent/script/next", route([&s](http::Request& r, const Caller& c, const json& body) {
               std::optional<std::string> value;
               if (body.contains("value")) {
                 if (!body["value"].is_string()) return Error({ErrorCode::kInvalidArgument, "'value' must be text"});
                 value = body["value"].get<std::string>();
               }
               const bool skip = body.value("skip_consult", false);
               return WithSession(s, c, LanguageOf(r, body), true,
                                  [&](CallSession& session, DeskWorld& world, core::Timestamp now) {
                                    return session.Next(value, skip, world, now);
                                  });
             }));
  router.Add("POST", "/api/agent/script/choose",
             route([&s](http::Request& r, const Caller& c, const json& body) {
               auto option = OptionOf(body);
               if (!option) return Error(option.error());
               return WithSession(s, c, LanguageOf(r, body), true,
                                  [&](CallSession& session, DeskWorld&, core::Timestamp now) {
                                    return session.Choose(*option, now);
                                  });
             }));
  router.Add("POST", "/api/agent/script/back", route([&s](http::Request& r, const Caller& c, const json& body) {
               return WithSession(s, c, LanguageOf(r, body), true,
                                  [](CallSession& session, DeskWorld&, core::Timestamp now) { return session.Back(now); });
             }));
  router.Add("POST", "/api/agent/script/forward",
             route([&s](http::Request& r, const Caller& c, const json& body) {
               return WithSession(s, c, LanguageOf(r, body), true, [](CallSession& session, DeskWorld&, core::Timestamp now) {
                 return session.Forward(now);
               });
             }));

  // The playbook: every situation of the operator's company, in their language.
  router.Add("GET", "/api/agent/playbook", route([&s](http::Request& r, const Caller& c, const json& body) {
               auto sc = Scripts(s);
               if (!sc) return Error(sc.error());
               const Language language = LanguageOf(r, body);
               auto line = LineOf(s, c);
               if (!line) return Error(line.error());
               core::TenantId tenant = *line ? (*line)->context.tenant
                                             : (c.who.tenants.empty() ? core::TenantId() : c.who.tenants.front());
               if (!tenant.valid()) return Ok(json::array());
               auto list = (*sc)->store.List(tenant);
               if (!list) return Error(list.error());
               call_scripts::PlaceholderValues facts = {{"operator_name", c.who.display_name}};
               if (auto t = s.directory.GetTenant(tenant)) facts["company"] = t->name;
               std::map<std::string, bool> seen;
               json out = json::array();
               for (const auto& summary : *list) {
                 if (summary.kind != script_desk::ScriptKind::kSituation || seen[summary.code]) continue;
                 auto script = Pick(**sc, tenant, summary.code, language);
                 if (!script) return Error(script.error());
                 if (!*script) continue;
                 seen[summary.code] = true;
                 const call_scripts::Script& sc_text = *(*script)->script;
                 std::string text;
                 if (const call_scripts::Step* first = sc_text.Find(sc_text.start)) {
                   if (const auto* say = std::get_if<call_scripts::Say>(&first->body)) text = say->text;
                   if (const auto* ask = std::get_if<call_scripts::Ask>(&first->body)) text = ask->text;
                 }
                 out.push_back({{"code", summary.code},
                                {"name", sc_text.name},
                                {"language", call_scripts::ToString(sc_text.language)},
                                {"version", sc_text.version},
                                {"text", call_scripts::Fill(text, facts)}});
               }
               return Ok(out);
             }));
  router.Add("POST", "/api/agent/playbook/close",
             route([&s](http::Request& r, const Caller& c, const json& body) {
               return WithSession(s, c, LanguageOf(r, body), true, [](CallSession& session, DeskWorld&, core::Timestamp) {
                 session.CloseSituation();
                 return core::Status{};
               });
             }));
  router.Add("POST", "/api/agent/playbook/{code}",
             route([&s](http::Request& r, const Caller& c, const json& body) {
               auto sc = Scripts(s);
               if (!sc) return Error(sc.error());
               const std::string code(r.PathParam("code"));
               const Language language = LanguageOf(r, body);
               return WithSession(s, c, language, true, [&](CallSession& session, DeskWorld&, core::Timestamp now) {
                 auto script = Pick(**sc, session.context().tenant, code, language);
                 if (!script) return core::Status(tl::unexpected(script.error()));
                 if (!*script || (*script)->kind != script_desk::ScriptKind::kSituation) {
                   return core::Status(Fail(ErrorCode::kNotFound, fmt::format("the playbook has no situation '{}'", code)));
                 }
                 return session.OpenSituation(**script, now);
               });
             }));
}

}  // namespace cc::api
