// Administration: users, teams, departments, tenants, queues, skills, agents'
// routing profiles, disposition and not-ready codes, and the audit log.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/scope.h"
#include "api/seats.h"
#include "api/util.h"
#include "centre/setup_json.h"

namespace cc::api {

namespace {

using core::ErrorCode;
using core::Fail;
using nlohmann::json;

json UserJson(const access::User& u) {
  json tenants = json::array();
  for (auto t : u.tenants) tenants.push_back(t.value());
  return {{"id", u.id.value()},
          {"login", u.login},
          {"name", u.display_name},
          {"role", access::ToString(u.role)},
          {"team", u.team ? json(u.team->value()) : json(nullptr)},
          {"tenants", tenants},
          {"disabled", u.disabled},
          {"created_at", core::FormatUtc(u.created_at)}};
}

core::Result<std::vector<core::TenantId>> TenantsField(const json& body) {
  std::vector<core::TenantId> out;
  if (!body.contains("tenants")) return out;
  if (!body["tenants"].is_array()) return Fail(ErrorCode::kInvalidArgument, "'tenants' must be a list of ids");
  for (const auto& t : body["tenants"]) {
    if (!t.is_number_unsigned() || t.get<std::uint64_t>() == 0) {
      return Fail(ErrorCode::kInvalidArgument, "'tenants' must be a list of positive ids");
    }
    out.push_back(core::TenantId(static_cast<std::uint32_t>(t.get<std::uint64_t>())));
  }
  return out;
}

// Puts a user who takes calls into the live centre with their stored profile.
core::Status SyncAgent(ApiServices& s, const access::User& u) {
  if (!TakesCalls(u.role) || u.disabled) return {};
  auto profile = s.repository.Profile(u.id);
  if (!profile) return tl::unexpected(profile.error());
  centre::AgentSetup a = SeatFor(u, *profile);
  return Await(s.centre.Configure(a));
}

core::Result<core::TenantId> TenantFor(const Caller& c, const json& body) {
  if (body.contains("tenant")) {
    auto t = IdField(body, "tenant");
    if (!t) return tl::unexpected(t.error());
    core::TenantId tenant(static_cast<std::uint32_t>(*t));
    if (!access::CanSeeTenant(c.who, tenant)) {
      return Fail(ErrorCode::kPermissionDenied, "you may not manage tenant " + std::to_string(*t));
    }
    return tenant;
  }
  if (c.who.tenants.empty()) return Fail(ErrorCode::kInvalidArgument, "'tenant' is required");
  return c.who.tenants.front();
}

}  // namespace

void AddAdminRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;

  router.Add("GET", "/api/users", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadUsers);
    if (!c) return Error(c.error());
    auto users = s.directory.ListUsers();
    if (!users) return Error(users.error());
    json out = json::array();
    for (const auto& u : *users) {
      if (SharesTenant(c->who, u.tenants)) out.push_back(UserJson(u));
    }
    return Ok(out);
  });

  router.Add("GET", "/api/users/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadUsers);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto u = s.directory.GetUser(core::UserId(static_cast<std::uint32_t>(*id)));
    if (!u) return Error(u.error());
    if (!SharesTenant(c->who, u->tenants)) return Error(guard.Deny(*c, r, "this user"));
    return Ok(UserJson(*u));
  });

  router.Add("POST", "/api/users", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageUsers);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    access::NewUser nu;
    auto login = TextField(*body, "login");
    auto password = TextField(*body, "password");
    auto role = TextField(*body, "role");
    auto name = OptionalText(*body, "name");
    auto tenants = TenantsField(*body);
    if (!login) return Error(login.error());
    if (!password) return Error(password.error());
    if (!role) return Error(role.error());
    if (!name) return Error(name.error());
    if (!tenants) return Error(tenants.error());
    auto parsed_role = access::ParseRole(*role);
    if (!parsed_role) return Error(parsed_role.error());
    nu.login = *login;
    nu.password = *password;
    nu.role = *parsed_role;
    nu.display_name = *name;
    nu.tenants = *tenants;
    if (nu.tenants.empty()) nu.tenants = c->who.tenants;
    for (auto t : nu.tenants) {
      if (!access::CanSeeTenant(c->who, t)) return Error(guard.Deny(*c, r, "that tenant"));
    }
    if (body->contains("team") && !(*body)["team"].is_null()) {
      auto team = IdField(*body, "team");
      if (!team) return Error(team.error());
      nu.team = core::TeamId(static_cast<std::uint32_t>(*team));
    }
    auto created = s.directory.CreateUser(nu, s.clock.Now());
    if (!created) return Error(created.error());
    guard.Audit(*c, r, "user.create", "user", std::to_string(created->id.value()),
                {{"login", created->login}, {"role", *role}});
    if (auto st = SyncAgent(s, *created); !st) return Error(st.error());
    return Created(UserJson(*created));
  });

  router.Add("PATCH", "/api/users/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageUsers);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    const core::UserId uid(static_cast<std::uint32_t>(*id));
    auto before = s.directory.GetUser(uid);
    if (!before) return Error(before.error());
    if (!SharesTenant(c->who, before->tenants)) return Error(guard.Deny(*c, r, "this user"));
    for (const auto& [key, value] : body->items()) {
      if (key != "name" && key != "role" && key != "team" && key != "tenants" && key != "disabled") {
        return Error({ErrorCode::kInvalidArgument,
                      "unknown field '" + key + "' (name, role, team, tenants, disabled)"});
      }
    }
    access::UserUpdate update;
    if (body->contains("name")) {
      auto name = TextField(*body, "name");
      if (!name) return Error(name.error());
      update.display_name = *name;
    }
    if (body->contains("role")) {
      auto role = TextField(*body, "role");
      if (!role) return Error(role.error());
      auto parsed = access::ParseRole(*role);
      if (!parsed) return Error(parsed.error());
      update.role = *parsed;
    }
    std::optional<std::optional<core::TeamId>> team;
    if (body->contains("team")) {
      if ((*body)["team"].is_null()) {
        team = std::optional<core::TeamId>();
      } else {
        auto t = IdField(*body, "team");
        if (!t) return Error(t.error());
        team = core::TeamId(static_cast<std::uint32_t>(*t));
      }
    }
    std::optional<std::vector<core::TenantId>> tenants;
    if (body->contains("tenants")) {
      auto t = TenantsField(*body);
      if (!t) return Error(t.error());
      for (auto x : *t) {
        if (!access::CanSeeTenant(c->who, x)) return Error(guard.Deny(*c, r, "that tenant"));
      }
      tenants = *t;
    }
    std::optional<bool> disabled;
    if (body->contains("disabled")) {
      if (!(*body)["disabled"].is_boolean()) {
        return Error({ErrorCode::kInvalidArgument, "'disabled' must be true or false"});
      }
      disabled = (*body)["disabled"].get<bool>();
    }
    if (update.display_name || update.role) {
      if (auto u = s.directory.UpdateUser(uid, update); !u) return Error(u.error());
    }
    if (team) {
      if (auto st = s.directory.SetTeam(uid, *team); !st) return Error(st.error());
    }
    if (tenants) {
      if (auto st = s.directory.SetUserTenants(uid, *tenants); !st) return Error(st.error());
    }
    if (disabled) {
      if (auto st = s.directory.SetDisabled(uid, *disabled); !st) return Error(st.error());
    }
    auto after = s.directory.GetUser(uid);
    if (!after) return Error(after.error());
    guard.Audit(*c, r, "user.update", "user", std::to_string(*id), *body);
    if (auto st = SyncAgent(s, *after); !st) return Error(st.error());
    return Ok(UserJson(*after));
  });

  router.Add("POST", "/api/users/{id}/password", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageUsers);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto password = TextField(*body, "password");
    if (!password) return Error(password.error());
    const core::UserId uid(static_cast<std::uint32_t>(*id));
    auto user = s.directory.GetUser(uid);
    if (!user) return Error(user.error());
    if (!SharesTenant(c->who, user->tenants)) return Error(guard.Deny(*c, r, "this user"));
    if (auto st = s.directory.SetPassword(uid, *password); !st) return Error(st.error());
    guard.Audit(*c, r, "user.password", "user", std::to_string(*id));
    return NoContent();
  });

  router.Add("GET", "/api/users/{id}/profile", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadConfig);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto profile = s.repository.Profile(core::UserId(static_cast<std::uint32_t>(*id)));
    if (!profile) return Error(profile.error());
    return Ok(*profile ? centre::ProfileToJson(**profile) : centre::ProfileToJson(acd::AgentConfig{}));
  });

  router.Add("PUT", "/api/users/{id}/profile", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageQueues);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    const core::UserId uid(static_cast<std::uint32_t>(*id));
    auto user = s.directory.GetUser(uid);
    if (!user) return Error(user.error());
    if (!SharesTenant(c->who, user->tenants)) return Error(guard.Deny(*c, r, "this user"));
    acd::AgentConfig config;
    if (auto st = centre::ProfileFromJson(*body, config); !st) return Error(st.error());
    if (auto st = s.repository.SaveProfile(uid, config); !st) return Error(st.error());
    guard.Audit(*c, r, "agent.profile", "user", std::to_string(*id), *body);
    if (auto st = SyncAgent(s, *user); !st) return Error(st.error());
    return Ok(centre::ProfileToJson(config));
  });

  router.Add("GET", "/api/teams", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadUsers);
    if (!c) return Error(c.error());
    auto teams = s.directory.ListTeams();
    if (!teams) return Error(teams.error());
    json out = json::array();
    for (const auto& t : *teams) {
      if (!access::CanSeeTenant(c->who, t.tenant)) continue;
      out.push_back({{"id", t.id.value()},
                     {"name", t.name},
                     {"tenant", t.tenant.value()},
                     {"lead", t.lead ? json(t.lead->value()) : json(nullptr)}});
    }
    return Ok(out);
  });

  router.Add("POST", "/api/teams", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageTeams);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto name = TextField(*body, "name");
    if (!name) return Error(name.error());
    auto tenant = TenantFor(*c, *body);
    if (!tenant) return Error(tenant.error());
    std::optional<core::UserId> lead;
    if (body->contains("lead") && !(*body)["lead"].is_null()) {
      auto l = IdField(*body, "lead");
      if (!l) return Error(l.error());
      lead = core::UserId(static_cast<std::uint32_t>(*l));
    }
    auto team = s.directory.CreateTeam(*name, *tenant, lead);
    if (!team) return Error(team.error());
    guard.Audit(*c, r, "team.create", "team", std::to_string(team->id.value()), *body);
    return Created({{"id", team->id.value()},
                    {"name", team->name},
                    {"tenant", team->tenant.value()},
                    {"lead", team->lead ? json(team->lead->value()) : json(nullptr)}});
  });

  // Changes a team's lead ({"lead": user id or null}); the administration
  // screen's only way to hand a team to another lead.
  router.Add("PATCH", "/api/teams/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageTeams);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    if (!body->is_object()) return Error({ErrorCode::kInvalidArgument, "a team change must be a JSON object"});
    for (const auto& [key, value] : body->items()) {
      if (key != "lead") return Error({ErrorCode::kInvalidArgument, "unknown field '" + key + "' (lead)"});
    }
    if (!body->contains("lead")) return Error({ErrorCode::kInvalidArgument, "'lead' is required (a user id or null)"});
    const core::TeamId tid(static_cast<std::uint32_t>(*id));
    auto team = s.directory.GetTeam(tid);
    if (!team) return Error(team.error());
    if (!access::CanSeeTenant(c->who, team->tenant)) return Error(guard.Deny(*c, r, "this team"));
    std::optional<core::UserId> lead;
    if (!(*body)["lead"].is_null()) {
      auto l = IdField(*body, "lead");
      if (!l) return Error(l.error());
      auto user = s.directory.GetUser(core::UserId(static_cast<std::uint32_t>(*l)));
      if (!user) return Error(user.error());
      if (std::find(user->tenants.begin(), user->tenants.end(), team->tenant) == user->tenants.end()) {
        return Error({ErrorCode::kInvalidArgument,
                      "the lead must work for the team's company (tenant " +
                          std::to_string(team->tenant.value()) + ")"});
      }
      if (user->disabled) return Error({ErrorCode::kInvalidArgument, "user '" + user->login + "' is disabled"});
      lead = user->id;
    }
    if (auto st = s.directory.SetTeamLead(tid, lead); !st) return Error(st.error());
    auto after = s.directory.GetTeam(tid);
    if (!after) return Error(after.error());
    guard.Audit(*c, r, "team.update", "team", std::to_string(*id), *body);
    return Ok({{"id", after->id.value()},
               {"name", after->name},
               {"tenant", after->tenant.value()},
               {"lead", after->lead ? json(after->lead->value()) : json(nullptr)}});
  });

  router.Add("GET", "/api/tenants", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadMe);
    if (!c) return Error(c.error());
    auto tenants = s.directory.ListTenants();
    if (!tenants) return Error(tenants.error());
    json out = json::array();
    for (const auto& t : *tenants) {
      if (!access::CanSeeTenant(c->who, t.id)) continue;
      out.push_back({{"id", t.id.value()},
                     {"name", t.name},
                     {"time_zone", t.time_zone ? json(*t.time_zone) : json(nullptr)}});
    }
    return Ok(out);
  });

  router.Add("POST", "/api/tenants", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageTenants);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto name = TextField(*body, "name");
    if (!name) return Error(name.error());
    auto tz = OptionalText(*body, "time_zone");
    if (!tz) return Error(tz.error());
    auto tenant = s.directory.CreateTenant(*name, tz->empty() ? std::nullopt : std::optional(*tz));
    if (!tenant) return Error(tenant.error());
    guard.Audit(*c, r, "tenant.create", "tenant", std::to_string(tenant->id.value()), *body);
    return Created({{"id", tenant->id.value()}, {"name", tenant->name}});
  });

  router.Add("GET", "/api/departments", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadDepartments);
    if (!c) return Error(c.error());
    auto tenants = s.directory.ListTenants();
    if (!tenants) return Error(tenants.error());
    json out = json::array();
    for (const auto& t : *tenants) {
      if (!access::CanSeeTenant(c->who, t.id)) continue;
      auto deps = s.directory.ListDepartments(t.id);
      if (!deps) return Error(deps.error());
      for (const auto& d : *deps) {
        out.push_back({{"id", d.id.value()},
                       {"tenant", d.tenant.value()},
                       {"name", d.name},
                       {"email", d.email ? json(*d.email) : json(nullptr)}});
      }
    }
    return Ok(out);
  });

  router.Add("POST", "/api/departments", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageDepartments);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto name = TextField(*body, "name");
    if (!name) return Error(name.error());
    auto email = OptionalText(*body, "email");
    if (!email) return Error(email.error());
    auto tenant = TenantFor(*c, *body);
    if (!tenant) return Error(tenant.error());
    auto d = s.directory.CreateDepartment(*tenant, *name,
                                          email->empty() ? std::nullopt : std::optional(*email));
    if (!d) return Error(d.error());
    guard.Audit(*c, r, "department.create", "department", std::to_string(d->id.value()), *body);
    return Created({{"id", d->id.value()}, {"tenant", d->tenant.value()}, {"name", d->name}});
  });

  router.Add("GET", "/api/queues", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadConfig);
    if (!c) return Error(c.error());
    auto queues = s.repository.Queues();
    if (!queues) return Error(queues.error());
    json out = json::array();
    for (const auto& q : *queues) {
      if (access::CanSeeTenant(c->who, q.config.tenant)) out.push_back(centre::ToJson(q));
    }
    return Ok(out);
  });

  auto save_queue = [&s, guard](http::Request& r, bool create) {
    auto c = guard.Require(r, Action::kManageQueues);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    core::QueueId id;
    core::TenantId tenant;
    if (create) {
      auto t = TenantFor(*c, *body);
      if (!t) return Error(t.error());
      tenant = *t;
    } else {
      auto pid = PathId(r);
      if (!pid) return Error(pid.error());
      id = core::QueueId(static_cast<std::uint32_t>(*pid));
      auto existing = s.repository.FindQueue(id);
      if (!existing) return Error(existing.error());
      if (!*existing) return Error({ErrorCode::kNotFound, "no queue with id " + std::to_string(*pid)});
      tenant = (*existing)->config.tenant;
      if (!access::CanSeeTenant(c->who, tenant)) return Error(guard.Deny(*c, r, "this queue"));
    }
    auto setup = centre::QueueFromJson(*body, id, tenant);
    if (!setup) return Error(setup.error());
    for (const std::string& number : setup->numbers) {
      if (auto menu = s.ivr ? s.ivr->MenuWithNumber(number) : std::nullopt) {
        return Error({ErrorCode::kAlreadyExists,
                      "the number '" + number + "' already reaches IVR menu " + std::to_string(*menu)});
      }
    }
    if (setup->config.overflow.kind == acd::OverflowKind::kQueue) {
      auto target = s.repository.FindQueue(setup->config.overflow.queue);
      if (!target) return Error(target.error());
      if (!*target) return Error({ErrorCode::kInvalidArgument, "'overflow.queue' names no queue"});
    }
    auto saved = s.repository.SaveQueue(*setup);
    if (!saved) return Error(saved.error());
    if (auto st = Await(s.centre.Configure(*saved)); !st) return Error(st.error());
    guard.Audit(*c, r, create ? "queue.create" : "queue.update", "queue",
                std::to_string(saved->config.id.value()), *body);
    return http::Json(create ? 201 : 200, centre::ToJson(*saved));
  };
  router.Add("POST", "/api/queues", [save_queue](http::Request& r) { return save_queue(r, true); });
  router.Add("PUT", "/api/queues/{id}", [save_queue](http::Request& r) { return save_queue(r, false); });

  router.Add("GET", "/api/skills", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadConfig);
    if (!c) return Error(c.error());
    auto skills = s.repository.Skills();
    if (!skills) return Error(skills.error());
    json out = json::array();
    for (const auto& k : *skills) {
      if (access::CanSeeTenant(c->who, k.tenant)) out.push_back(centre::ToJson(k));
    }
    return Ok(out);
  });

  router.Add("POST", "/api/skills", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageQueues);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto name = TextField(*body, "name");
    if (!name) return Error(name.error());
    auto tenant = TenantFor(*c, *body);
    if (!tenant) return Error(tenant.error());
    auto skill = s.repository.AddSkill(*tenant, *name);
    if (!skill) return Error(skill.error());
    guard.Audit(*c, r, "skill.create", "skill", std::to_string(skill->id.value()), *body);
    return Created(centre::ToJson(*skill));
  });

  router.Add("GET", "/api/codes", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadOwnAgent);
    if (!c) return Error(c.error());
    std::string kind(r.Query("kind").value_or("disposition"));
    if (kind != "disposition" && kind != "not_ready") {
      return Error({ErrorCode::kInvalidArgument, "'kind' must be disposition or not_ready"});
    }
    auto codes = s.repository.Codes(kind);
    if (!codes) return Error(codes.error());
    json out = json::array();
    for (const auto& k : *codes) {
      if (access::CanSeeTenant(c->who, k.tenant)) out.push_back(centre::ToJson(k));
    }
    return Ok(out);
  });

  router.Add("POST", "/api/codes", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageCodes);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    centre::Code code;
    auto kind = TextField(*body, "kind");
    auto text = TextField(*body, "code");
    auto label = TextField(*body, "label");
    auto reason = OptionalText(*body, "reason");
    auto tenant = TenantFor(*c, *body);
    if (!kind) return Error(kind.error());
    if (!text) return Error(text.error());
    if (!label) return Error(label.error());
    if (!reason) return Error(reason.error());
    if (!tenant) return Error(tenant.error());
    code.kind = *kind;
    code.code = *text;
    code.label = *label;
    code.tenant = *tenant;
    if (!reason->empty()) {
      code.reason = acd::ParseNotReadyReason(*reason);
      if (!code.reason) return Error({ErrorCode::kInvalidArgument, "unknown 'reason' " + *reason});
    }
    auto saved = s.repository.AddCode(code);
    if (!saved) return Error(saved.error());
    guard.Audit(*c, r, "code.create", "code", std::to_string(saved->id), *body);
    return Created(centre::ToJson(*saved));
  });

  router.Add("DELETE", "/api/codes/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageCodes);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    if (auto st = s.repository.DeleteCode(static_cast<std::int64_t>(*id)); !st) return Error(st.error());
    guard.Audit(*c, r, "code.delete", "code", std::to_string(*id));
    return NoContent();
  });

  router.Add("GET", "/api/audit", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadAudit);
    if (!c) return Error(c.error());
    access::AuditFilter f;
    auto limit = QueryInt(r, "limit", 100, 1, access::kMaxAuditPage);
    if (!limit) return Error(limit.error());
    f.limit = static_cast<int>(*limit);
    auto before = QueryInt(r, "before_id", 0, 0, std::numeric_limits<long long>::max());
    if (!before) return Error(before.error());
    if (*before > 0) f.before_id = *before;
    if (auto a = r.Query("action")) f.action = std::string(*a);
    if (auto a = r.Query("actor")) f.actor_login = std::string(*a);
    if (auto a = r.Query("object_type")) f.object_type = std::string(*a);
    auto entries = s.audit.Query(f);
    if (!entries) return Error(entries.error());
    json out = json::array();
    for (const auto& e : *entries) {
      out.push_back({{"id", e.id},
                     {"at", core::FormatUtc(e.at)},
                     {"actor", e.actor_login},
                     {"action", e.action},
                     {"object_type", e.object_type},
                     {"object_id", e.object_id},
                     {"outcome", access::ToString(e.outcome)},
                     {"remote_address", e.remote_address},
                     {"detail", e.detail}});
    }
    return Ok(out);
  });
}

}  // namespace cc::api
