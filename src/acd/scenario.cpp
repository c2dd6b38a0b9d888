#include "acd/scenario.h"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

namespace cc::acd {

using core::ErrorCode;
using core::Fail;
using core::Status;

namespace {

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == sep) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<std::string> Tokens(std::string_view line) {
  std::string s(line.substr(0, line.find('#')));
  for (char& ch : s)
    if (ch == '\t') ch = ' ';
  return Split(s, ' ');
}

std::optional<std::int64_t> Int(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Status Bad(std::string msg) {
  return Fail(ErrorCode::kInvalidArgument, std::move(msg));
}

// Splits "key=value" options off the positional words.
struct Options {
  std::vector<std::string> words;
  std::map<std::string, std::string> kv;
};

Options ParseOptions(const std::vector<std::string>& t, std::size_t from) {
  Options o;
  for (std::size_t i = from; i < t.size(); ++i) {
    auto eq = t[i].find('=');
    if (eq == std::string::npos)
      o.words.push_back(t[i]);
    else
      o.kv[t[i].substr(0, eq)] = t[i].substr(eq + 1);
  }
  return o;
}

bool ContainsWords(const std::string& text, const std::vector<std::string>& words) {
  const auto have = Split(text, ' ');
  for (const auto& w : words) {
    bool found = false;
    for (const auto& h : have) {
      std::string bare = h;
      while (!bare.empty() && (bare.back() == ',' || bare.back() == ':' || bare.back() == ')'))
        bare.pop_back();
      if (!bare.empty() && bare.front() == '(') bare.erase(0, 1);
      if (bare == w) found = true;
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

Scenario::Scenario(EngineConfig config) : engine_(config), now_(core::FromMillis(kStartMillis)) {
  namer_.agent = [this](AgentId id) {
    auto it = agent_names_.find(id.value());
    return it != agent_names_.end() ? it->second : fmt::format("agent-{}", id.value());
  };
  namer_.call = [this](CallId id) {
    auto it = call_names_.find(id.value());
    return it != call_names_.end() ? it->second : fmt::format("call-{}", id.value());
  };
  namer_.queue = [this](QueueId id) {
    auto it = queue_names_.find(id.value());
    return it != queue_names_.end() ? it->second : fmt::format("queue-{}", id.value());
  };
}

std::optional<QueueId> Scenario::QueueNamed(std::string_view name) const {
  auto it = queues_.find(std::string(name));
  if (it == queues_.end()) return std::nullopt;
  return it->second;
}
std::optional<AgentId> Scenario::AgentNamed(std::string_view name) const {
  auto it = agents_.find(std::string(name));
  if (it == agents_.end()) return std::nullopt;
  return it->second;
}
std::optional<CallId> Scenario::CallNamed(std::string_view name) const {
  auto it = calls_.find(std::string(name));
  if (it == calls_.end()) return std::nullopt;
  return it->second;
}

QueueId Scenario::QueueId_(const std::string& name, bool create) {
  auto it = queues_.find(name);
  if (it != queues_.end()) return it->second;
  if (!create) return QueueId{};  // unknown: the engine answers "does not exist"
  QueueId id(static_cast<std::uint32_t>(queues_.size() + 1));
  queues_[name] = id;
  queue_names_[id.value()] = name;
  return id;
}

AgentId Scenario::AgentId_(const std::string& name, bool create) {
  auto it = agents_.find(name);
  if (it != agents_.end()) return it->second;
  if (!create) return AgentId(999'999);
  AgentId id(static_cast<std::uint32_t>(agents_.size() + 1));
  agents_[name] = id;
  agent_names_[id.value()] = name;
  return id;
}

CallId Scenario::CallId_(const std::string& name, bool create) {
  auto it = calls_.find(name);
  if (it != calls_.end()) return it->second;
  if (!create) return CallId(999'999'999);
  CallId id(calls_.size() + 1);
  calls_[name] = id;
  call_names_[id.value()] = name;
  return id;
}

SkillId Scenario::SkillId_(const std::string& name) {
  auto it = skills_.find(name);
  if (it != skills_.end()) return it->second;
  SkillId id(static_cast<std::uint32_t>(skills_.size() + 1));
  skills_[name] = id;
  return id;
}

core::Result<std::vector<SkillLevel>> Scenario::ParseSkills(const std::string& text) {
  std::vector<SkillLevel> out;
  for (const auto& item : Split(text, ',')) {
    auto parts = Split(item, ':');
    auto level = parts.size() == 2 ? Int(parts[1]) : std::optional<std::int64_t>(1);
    if (parts.empty() || parts.size() > 2 || !level)
      return Fail(ErrorCode::kInvalidArgument, "skills are written name:level, got '" + item + "'");
    out.push_back(SkillLevel{SkillId_(parts[0]), static_cast<int>(*level)});
  }
  return out;
}

Status Scenario::Run(std::string_view script) {
  std::istringstream in{std::string(script)};
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (auto s = Step(line, no); !s) return s;
  }
  if (error_unchecked_)
    return Fail(
        ErrorCode::kFailedPrecondition,
        "the last step failed and no `expect error` follows: " + last_status_.error().message);
  return {};
}

Status Scenario::Step(std::string_view line, int line_no) {
  const auto t = Tokens(line);
  if (t.empty()) return {};
  const bool is_expect = t[0] == "expect";
  if (error_unchecked_ && !(is_expect && t.size() > 1 && t[1] == "error")) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("line {}: the previous step failed unexpectedly: {}", line_no - 1,
                            last_status_.error().message));
  }
  Status s = is_expect ? Expect(t) : Execute(t);
  if (!s) {
    return Fail(s.error().code, fmt::format("line {} `{}`: {}", line_no,
                                            std::string(line.substr(line.find_first_not_of(' '))),
                                            s.error().message));
  }
  if (!is_expect) {
    if (auto c = engine_.CheckConsistency(); !c)
      return Fail(ErrorCode::kInternal,
                  fmt::format("line {}: engine inconsistent: {}", line_no, c.error().message));
  }
  return {};
}

Status Scenario::Apply(const Input& input) {
  last_.clear();
  ApplyMore(input);
  return {};
}

void Scenario::ApplyMore(const Input& input) {
  Output step;
  last_status_ = engine_.Apply(input, now_, step);
  error_unchecked_ = !last_status_;
  all_events_.insert(all_events_.end(), step.events.begin(), step.events.end());
  for (const auto& e : step.events) stats_.OnEvent(e);
  if (observer_) observer_(step, now_);
  last_.commands.insert(last_.commands.end(), step.commands.begin(), step.commands.end());
  last_.events.insert(last_.events.end(), step.events.begin(), step.events.end());
}

Status Scenario::Advance(Timestamp to) {
  if (to < now_) return Bad("time cannot go backwards");
  // As a real driver does: wake at every deadline on the way, then at `to`.
  last_.clear();
  for (auto next = engine_.NextDeadline(); next && *next <= to; next = engine_.NextDeadline()) {
    now_ = std::max(now_, *next);
    ApplyMore(Tick{});
  }
  now_ = to;
  ApplyMore(Tick{});
  return {};
}

Status Scenario::Execute(const Args& t) {
  const std::string& w = t[0];
  auto need = [&](std::size_t n) -> Status {
    if (t.size() < n) return Bad("too few words");
    return {};
  };
  auto seconds = [](const std::string& s) -> std::optional<Duration> {
    auto v = Int(s);
    if (!v) return std::nullopt;
    return core::Seconds(*v);
  };

  if (w == "engine") return Bad("`engine` settings go to the Scenario constructor");
  if (w == "at" || w == "after") {
    if (auto s = need(2); !s) return s;
    auto d = seconds(t[1]);
    if (!d) return Bad("expected seconds, got '" + t[1] + "'");
    return Advance(w == "at" ? core::FromMillis(kStartMillis) + *d : now_ + *d);
  }
  if (w == "newday") {
    stats_.StartNewDay();
    return Apply(NewDay{});
  }

  if (w == "queue") {
    if (auto s = need(2); !s) return s;
    const bool existed = queues_.contains(t[1]);
    QueueConfig cfg;
    if (existed) cfg = *engine_.Queue(QueueId_(t[1], false));
    cfg.id = QueueId_(t[1], true);
    cfg.name = t[1];
    cfg.tenant = TenantId(1);
    const Options o = ParseOptions(t, 2);
    if (!o.words.empty()) return Bad("unknown queue setting '" + o.words[0] + "'");
    for (const auto& [k, v] : o.kv) {
      auto num = Int(v);
      auto secs = seconds(v);
      if (k == "priority" && num)
        cfg.priority = static_cast<int>(*num);
      else if (k == "policy" && ParseRoutingPolicy(v))
        cfg.policy = *ParseRoutingPolicy(v);
      else if (k == "skills") {
        auto skills = ParseSkills(v);
        if (!skills) return tl::unexpected(skills.error());
        cfg.required_skills.clear();
        for (const auto& sl : *skills) cfg.required_skills.push_back({sl.skill, sl.level});
      } else if (k == "relax") {
        cfg.relaxations.clear();
        for (const auto& item : Split(v, ',')) {
          auto parts = Split(item, ':');
          if (parts.size() != 2 || !Int(parts[0]) || !Int(parts[1]))
            return Bad("relax is written seconds:level,..., got '" + item + "'");
          cfg.relaxations.push_back(
              {core::Seconds(*Int(parts[0])), static_cast<int>(*Int(parts[1]))});
        }
      } else if (k == "sl" && secs)
        cfg.sl_threshold = *secs;
      else if (k == "target" && num)
        cfg.sl_target_percent = static_cast<int>(*num);
      else if (k == "short" && secs)
        cfg.short_abandon = *secs;
      else if (k == "wrapup" && secs)
        cfg.wrap_up = *secs;
      else if (k == "ring" && secs)
        cfg.ring_timeout = *secs;
      else if (k == "maxwait" && secs)
        cfg.max_wait = *secs;
      else if (k == "announce" && secs)
        cfg.announce_every = *secs;
      else if (k == "max" && num)
        cfg.max_callers = static_cast<int>(*num);
      else if (k == "overflow") {
        if (v == "callback")
          cfg.overflow = {OverflowKind::kCallbackOffer, {}};
        else if (v == "none")
          cfg.overflow = {};
        else
          cfg.overflow = {OverflowKind::kQueue, QueueId_(v, false)};
      } else if (k == "noagents") {
        if (v == "wait")
          cfg.when_no_agents = NoAgentsAction::kWait;
        else if (v == "overflow")
          cfg.when_no_agents = NoAgentsAction::kOverflow;
        else if (v == "callback")
          cfg.when_no_agents = NoAgentsAction::kOfferCallback;
        else
          return Bad("noagents is wait, overflow or callback");
      } else {
        return Bad("bad queue setting " + k + "=" + v);
      }
    }
    return Apply(UpsertQueue{cfg});
  }

  if (w == "agent") {
    if (auto s = need(2); !s) return s;
    AgentConfig cfg;
    cfg.id = AgentId_(t[1], true);
    cfg.name = t[1];
    cfg.tenant = TenantId(1);
    const Options o = ParseOptions(t, 2);
    if (!o.words.empty()) return Bad("unknown agent setting '" + o.words[0] + "'");
    for (const auto& [k, v] : o.kv) {
      if (k == "queues") {
        for (const auto& item : Split(v, ',')) {
          auto parts = Split(item, ':');
          auto tier = parts.size() == 2 ? Int(parts[1]) : std::optional<std::int64_t>(1);
          if (parts.empty() || !tier)
            return Bad("queues are written name[:tier], got '" + item + "'");
          cfg.queues.push_back({QueueId_(parts[0], false), static_cast<int>(*tier)});
        }
      } else if (k == "skills") {
        auto skills = ParseSkills(v);
        if (!skills) return tl::unexpected(skills.error());
        cfg.skills = *skills;
      } else if (k == "teamlead") {
        cfg.team_lead_queue = QueueId_(v, false);
      } else {
        return Bad("bad agent setting " + k);
      }
    }
    return Apply(UpsertAgent{cfg});
  }

  if (w == "call") {  // call NAME arrives QUEUE [options]
    if (auto s = need(4); !s) return s;
    if (t[2] != "arrives") return Bad("write `call NAME arrives QUEUE`");
    CallArrived in{CallId_(t[1], true), QueueId_(t[3], false), {}};
    in.attributes.tenant = TenantId(1);
    in.attributes.dialled_number = "+70000000000";
    in.attributes.caller_number = "+79990000000";
    const Options o = ParseOptions(t, 4);
    for (const auto& word : o.words) {
      if (word == "withheld")
        in.attributes.caller_number.reset();
      else
        return Bad("unknown call option '" + word + "'");
    }
    for (const auto& [k, v] : o.kv) {
      if (k == "priority" && Int(v))
        in.attributes.priority = static_cast<int>(*Int(v));
      else if (k == "from")
        in.attributes.caller_number = v;
      else if (k == "topic")
        in.attributes.ivr_topic = v;
      else if (k == "skills") {
        auto skills = ParseSkills(v);
        if (!skills) return tl::unexpected(skills.error());
        for (const auto& sl : *skills)
          in.attributes.required_skills.push_back({sl.skill, sl.level});
      } else
        return Bad("bad call option " + k);
    }
    return Apply(in);
  }

  if (w == "supervisor") {  // supervisor sets AGENT ready|notready [reason]|logout
    if (auto s = need(4); !s) return s;
    ForceAgentState in{AgentId_(t[2], false), AgentState::kReady, NotReadyReason::kOther};
    if (t[3] == "ready")
      in.state = AgentState::kReady;
    else if (t[3] == "notready") {
      in.state = AgentState::kNotReady;
      if (t.size() > 4) {
        auto r = ParseNotReadyReason(t[4]);
        if (!r) return Bad("unknown reason '" + t[4] + "'");
        in.reason = *r;
      }
    } else if (t[3] == "logout")
      in.state = AgentState::kLoggedOut;
    else if (auto st = ParseAgentState(t[3]))
      in.state = *st;
    else
      return Bad("supervisor sets ready, notready or logout");
    return Apply(in);
  }

  if (w == "hold" || w == "resume") {
    if (auto s = need(2); !s) return s;
    CallId c = CallId_(t[1], false);
    return w == "hold" ? Apply(HoldCall{c}) : Apply(ResumeCall{c});
  }
  if (w == "requeue") {
    if (auto s = need(2); !s) return s;
    return Apply(RequeueAtHead{CallId_(t[1], false)});
  }
  if (w == "transfer") {  // transfer CALL to queue Q | agent A | teamlead | number N
    if (auto s = need(4); !s) return s;
    CallId c = CallId_(t[1], false);
    if (t[3] == "teamlead") return Apply(TransferToTeamLead{c});
    if (auto s = need(5); !s) return s;
    if (t[3] == "queue") return Apply(TransferToQueue{c, QueueId_(t[4], false)});
    if (t[3] == "agent") return Apply(TransferToAgent{c, AgentId_(t[4], false)});
    if (t[3] == "number") return Apply(TransferExternal{c, t[4]});
    return Bad("transfer to queue, agent, teamlead or number");
  }
  if (w ==
      "consult") {  // consult CALL with agent A | queue Q | number N ; consult CALL answered|failed
    if (auto s = need(3); !s) return s;
    CallId c = CallId_(t[1], false);
    if (t[2] == "answered") return Apply(ConsultAnswered{c});
    if (t[2] == "failed") return Apply(ConsultFailed{c});
    if (auto s = need(5); !s) return s;
    ConsultTarget target;
    if (t[3] == "agent")
      target = {ConsultTargetKind::kAgent, AgentId_(t[4], false), {}, {}};
    else if (t[3] == "queue")
      target = {ConsultTargetKind::kQueue, {}, QueueId_(t[4], false), {}};
    else if (t[3] == "number")
      target = {ConsultTargetKind::kExternal, {}, {}, t[4]};
    else
      return Bad("consult with agent, queue or number");
    return Apply(StartConsult{c, target});
  }
  if (w == "complete") {  // complete CALL transfer|conference|return
    if (auto s = need(3); !s) return s;
    CallId c = CallId_(t[1], false);
    if (t[2] == "transfer") return Apply(CompleteConsult{c, ConsultOutcome::kTransfer});
    if (t[2] == "conference") return Apply(CompleteConsult{c, ConsultOutcome::kConference});
    if (t[2] == "return") return Apply(CompleteConsult{c, ConsultOutcome::kReturn});
    return Bad("complete transfer, conference or return");
  }
  if (w == "schedule") {  // schedule callback NAME in QUEUE at SECS number=N
    if (auto s = need(7); !s) return s;
    auto at = seconds(t[6]);
    if (t[1] != "callback" || t[3] != "in" || t[5] != "at" || !at)
      return Bad("write `schedule callback NAME in QUEUE at SECONDS number=...`");
    const Options o = ParseOptions(t, 7);
    ScheduleCallback in{CallId_(t[2], true),
                        QueueId_(t[4], false),
                        o.kv.contains("number") ? o.kv.at("number") : "",
                        core::FromMillis(kStartMillis) + *at,
                        {}};
    in.attributes.tenant = TenantId(1);
    return Apply(in);
  }
  if (w == "cancel") {
    if (auto s = need(2); !s) return s;
    return Apply(CancelCallback{CallId_(t[1], false)});
  }
  if (w == "originate") {  // originate NAME in QUEUE number=N [agent=A]
    if (auto s = need(4); !s) return s;
    if (t[2] != "in") return Bad("write `originate NAME in QUEUE number=...`");
    const Options o = ParseOptions(t, 4);
    OriginateCall in{CallId_(t[1], true),
                     std::nullopt,
                     QueueId_(t[3], false),
                     o.kv.contains("number") ? o.kv.at("number") : "",
                     {}};
    if (o.kv.contains("agent")) in.agent = AgentId_(o.kv.at("agent"), false);
    in.attributes.tenant = TenantId(1);
    return Apply(in);
  }

  // NAME verb ...: agent or call actions.
  if (t.size() < 2) return Bad("unknown step '" + w + "'");
  const std::string& verb = t[1];
  if (agents_.contains(w)) {
    AgentId a = agents_.at(w);
    if (verb == "login") return Apply(AgentLogin{a});
    if (verb == "ready") return Apply(AgentReady{a});
    if (verb == "logout") return Apply(AgentLogout{a});
    if (verb == "wrapdone") return Apply(WrapUpDone{a});
    if (verb == "notready") {
      NotReadyReason r = NotReadyReason::kBreak;
      if (t.size() > 2) {
        auto parsed = ParseNotReadyReason(t[2]);
        if (!parsed) return Bad("unknown reason '" + t[2] + "'");
        r = *parsed;
      }
      return Apply(AgentNotReady{a, r});
    }
    if (auto s = need(3); !s) return s;
    CallId c = CallId_(t[2], false);
    if (verb == "answers") return Apply(OfferAccepted{c, a});
    if (verb == "rejects") return Apply(OfferRejected{c, a});
    if (verb == "hangs-up") return Apply(AgentHangsUp{c, a});
    return Bad("unknown agent action '" + verb + "'");
  }
  if (calls_.contains(w)) {
    CallId c = calls_.at(w);
    if (verb == "hangs-up") return Apply(CallerHungUp{c});
    if (verb == "wants-callback") return Apply(CallbackRequested{c, t.size() > 2 ? t[2] : ""});
    if (verb == "answered") return Apply(OriginateAnswered{c});
    if (verb == "unanswered") return Apply(OriginateFailed{c});
    return Bad("unknown call action '" + verb + "'");
  }
  return Bad("unknown step '" + w + "' (not a keyword, agent or call)");
}

std::string Scenario::LastOutputText() const {
  std::string s;
  for (const auto& c : last_.commands) s += "\n    command " + Describe(c, namer_);
  for (const auto& e : last_.events) s += "\n    event " + Describe(e.body, namer_);
  return s.empty() ? " nothing" : s;
}

Status Scenario::Expect(const Args& t) {
  if (t.size() < 2) return Bad("expect what?");
  const std::string& what = t[1];
  auto fail = [&](std::string msg) {
    return Fail(ErrorCode::kFailedPrecondition,
                msg + "; the last step produced:" + LastOutputText());
  };

  if (what == "error") {
    if (last_status_) return fail("expected an error, but the step succeeded");
    error_unchecked_ = false;
    const std::string& msg = last_status_.error().message;
    for (std::size_t i = 2; i < t.size(); ++i)
      if (msg.find(t[i]) == std::string::npos)
        return fail("the error '" + msg + "' does not mention '" + t[i] + "'");
    return {};
  }

  const bool negated = what == "no";
  const std::size_t k = negated ? 2 : 1;
  if (t.size() <= k) return Bad("expect no what?");
  const std::string& kind = t[k];

  if (kind == "offer" || kind == "command" || kind == "event") {
    std::string name;
    std::vector<std::string> words;
    if (kind == "offer") {
      name = "offer";
      words.assign(t.begin() + static_cast<long>(k) + 1, t.end());
    } else {
      if (t.size() <= k + 1 && !negated) return Bad("expect " + kind + " NAME ...");
      if (t.size() > k + 1) name = t[k + 1];
      if (t.size() > k + 2) words.assign(t.begin() + static_cast<long>(k) + 2, t.end());
    }
    bool found = false;
    if (kind == "event") {
      for (const auto& e : last_.events) {
        const std::string d = Describe(e.body, namer_);
        if ((name.empty() || EventName(e.body) == name) && ContainsWords(d, words)) found = true;
      }
    } else {
      for (const auto& c : last_.commands) {
        const std::string d = Describe(c, namer_);
        if ((name.empty() || CommandName(c) == name) && ContainsWords(d, words)) found = true;
      }
    }
    if (found == negated) {
      std::string all = name;
      for (const auto& wd : words) all += " " + wd;
      return fail(negated ? "unexpected " + kind + " " + all : "no " + kind + " " + all);
    }
    return {};
  }

  if (negated) return Bad("`expect no` works with offer, command and event");

  if (kind == "state") {  // expect state AGENT STATE [REASON]
    if (t.size() < 4) return Bad("expect state AGENT STATE [REASON]");
    auto id = AgentNamed(t[2]);
    if (!id) return Bad("unknown agent " + t[2]);
    auto v = engine_.Agent(*id);
    const std::string have =
        std::string(ToString(v->state)) +
        (v->reason != NotReadyReason::kNone ? " " + std::string(ToString(v->reason)) : "");
    std::string want = t[3];
    if (t.size() > 4) want += " " + t[4];
    const std::string have_state(ToString(v->state));
    if (t.size() > 4 ? have != want : have_state != want)
      return fail(fmt::format("{} is {}, expected {}", t[2], have, want));
    return {};
  }

  if (kind == "waiting") {  // expect waiting QUEUE [CALL...]
    if (t.size() < 3) return Bad("expect waiting QUEUE CALL...");
    auto q = QueueNamed(t[2]);
    if (!q) return Bad("unknown queue " + t[2]);
    std::vector<std::string> have;
    for (CallId c : engine_.Waiting(*q)) have.push_back(namer_.call(c));
    std::vector<std::string> want(t.begin() + 3, t.end());
    if (have != want)
      return fail(fmt::format("{} holds [{}], expected [{}]", t[2], fmt::join(have, " "),
                              fmt::join(want, " ")));
    return {};
  }

  if (kind ==
      "call") {  // expect call CALL
                 // gone|queued|offered|talking|on-hold|consulting|conference|dialing|scheduled
    if (t.size() < 4) return Bad("expect call CALL STAGE");
    auto id = CallNamed(t[2]);
    if (!id) return Bad("unknown call " + t[2]);
    auto v = engine_.Call(*id);
    static constexpr const char* kStages[] = {"scheduled", "queued",  "offered",    "dialing",
                                              "talking",   "on-hold", "consulting", "conference"};
    const std::string have = v ? kStages[static_cast<int>(v->stage)] : "gone";
    if (have != t[3]) return fail(fmt::format("{} is {}, expected {}", t[2], have, t[3]));
    if (v && t.size() > 4) {
      const std::string agent = v->agent ? namer_.agent(*v->agent) : "-";
      if ("agent=" + agent != t[4])
        return fail(fmt::format("{} is with {}, expected {}", t[2], agent, t[4]));
    }
    return {};
  }

  if (kind == "outcome") {  // expect outcome CALL OUTCOME (over the whole run)
    if (t.size() < 4) return Bad("expect outcome CALL OUTCOME");
    auto id = CallNamed(t[2]);
    if (!id) return Bad("unknown call " + t[2]);
    for (const auto& e : all_events_)
      if (const auto* end = std::get_if<CallEnded>(&e.body); end && end->call == *id) {
        if (ToString(end->outcome) != t[3])
          return fail(fmt::format("{} ended {}, expected {}", t[2], ToString(end->outcome), t[3]));
        return {};
      }
    return fail(t[2] + " has not ended");
  }

  if (kind == "stat") return ExpectStat(t);

  return Bad("unknown expectation '" + kind + "'");
}

// expect stat QUEUE key=value ... | expect stat agent NAME key=value ...
Status Scenario::ExpectStat(const Args& t) {
  if (t.size() < 4) return Bad("expect stat QUEUE key=value...");
  std::map<std::string, std::int64_t> have;
  std::size_t from = 3;
  if (t[2] == "agent") {
    auto id = AgentNamed(t.size() > 3 ? t[3] : "");
    if (!id) return Bad("unknown agent");
    const AgentStats* a = stats_.Agent(*id);
    if (!a) return Bad("no statistics for agent " + t[3]);
    have = {{"handled", a->calls_handled},
            {"missed", a->missed_offers},
            {"talk", a->talk_total.count() / 1000},
            {"hold", a->hold_total.count() / 1000},
            {"wrapup", a->wrap_up_total.count() / 1000}};
    from = 4;
  } else {
    auto id = QueueNamed(t[2]);
    if (!id) return Bad("unknown queue " + t[2]);
    const QueueStats* q = stats_.Queue(*id);
    if (!q) return Bad("no statistics for queue " + t[2]);
    have = {
        {"waiting", q->waiting},
        {"callbacks", q->callbacks_waiting},
        {"offered", q->offered},
        {"answered", q->answered},
        {"within", q->answered_within_sl},
        {"abandoned", q->abandoned},
        {"short", q->short_abandoned},
        {"overflowed", q->overflowed_out},
        {"callbacks-requested", q->callbacks_requested},
        {"rejected", q->rejected},
        {"handled", q->handled},
        {"longest", stats_.LongestWait(*id, now_).count() / 1000},
        {"sl", q->ServiceLevel() ? static_cast<std::int64_t>(*q->ServiceLevel() * 100 + 0.5) : -1},
        {"asa", q->AverageSpeedOfAnswer() ? q->AverageSpeedOfAnswer()->count() / 1000 : -1},
        {"aht", q->AverageHandleTime() ? q->AverageHandleTime()->count() / 1000 : -1}};
    for (int s = 0; s < 7; ++s)
      have[std::string(ToString(static_cast<AgentState>(s)))] =
          q->agents_by_state[static_cast<std::size_t>(s)];
  }
  for (std::size_t i = from; i < t.size(); ++i) {
    auto eq = t[i].find('=');
    if (eq == std::string::npos) return Bad("stat checks are key=value, got '" + t[i] + "'");
    const std::string key = t[i].substr(0, eq);
    auto want = Int(t[i].substr(eq + 1));
    if (!want) return Bad("stat values are integers, got '" + t[i] + "'");
    auto it = have.find(key);
    if (it == have.end()) return Bad("unknown statistic '" + key + "'");
    if (it->second != *want)
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("{} is {}, expected {}", key, it->second, *want));
  }
  return {};
}

}  // namespace cc::acd
