// Call recordings (docs/recordings.md): the list and one recording's
// metadata for those whose scope holds the call, the audio (with a single
// byte range so the browser can seek; every playback and download audited),
// the queues' recording policies, and the agent's pause of their current
// call's recording.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/util.h"

namespace cc::api {

using access::Action;
using core::ErrorCode;
using core::Fail;
using nlohmann::json;
using recordings::Recording;

namespace {

// What one request for audio may return at most when it leaves the end open
// ("bytes=0-"): browsers ask on for the rest.
constexpr std::uint64_t kMaxOpenRange = 8u << 20;

core::Result<RecordingServices*> Recordings(ApiServices& s) {
  if (s.recordings == nullptr) return Fail(ErrorCode::kUnavailable, "call recordings are not kept on this server");
  return s.recordings;
}

std::optional<std::string> Utc(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return core::FormatUtc(*t);
}

json RecordingJson(const Recording& r) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", r.id.value()},
          {"tenant_id", r.tenant.value()},
          {"call_id", r.call.value()},
          {"queue_id", r.queue.value()},
          {"agent_id", r.agent.value()},
          {"started_at", core::FormatUtc(r.started_at)},
          {"ended_at", opt(Utc(r.ended_at))},
          {"duration_seconds", static_cast<double>(r.length().count()) / 1000.0},
          {"pauses", r.pauses},
          {"paused_seconds", static_cast<double>(r.paused.count()) / 1000.0},
          {"repaired", r.repaired},
          {"deleted", r.deleted()},
          {"deleted_at", opt(Utc(r.deleted_at))},
          {"deleted_reason", r.deleted() ? json(r.deleted_reason) : json(nullptr)},
          {"audio", r.deleted() || !r.finished() ? json(nullptr)
                                                 : json(fmt::format("/api/recordings/{}/audio", r.id.value()))}};
}

// Supervisors, QA, admins and directors read every recording of their
// tenants; others their own calls' and, for team leads, their teams'.
bool ReadsEveryAgent(const access::Principal& who) {
  switch (who.role) {
    case access::Role::kSupervisor:
    case access::Role::kQa:
    case access::Role::kAdmin:
    case access::Role::kDirector:
      return true;
    default:
      return false;
  }
}

// The agents whose recordings `who` reads (when not every agent's).
std::vector<core::AgentId> AgentsInScope(ApiServices& s, const access::Principal& who) {
  std::vector<core::AgentId> out = {core::AgentId(who.user.value())};
  if (who.led_teams.empty()) return out;
  s.centre.Ask([&] {
     for (const auto& a : s.centre.setup().agents) {
       if (a.team && who.Leads(*a.team) && a.config.id.value() != who.user.value()) out.push_back(a.config.id);
     }
   }).get();
  return out;
}

bool Own(const access::Principal& who, const Recording& r) { return r.agent.value() == who.user.value(); }

// The recording named in the path, if the caller may read it: kNotFound for
// none or another tenant's, a denial (audited) for another agent's outside
// the caller's scope.
core::Result<Recording> Readable(ApiServices& s, RecordingServices& rs, const Guard& guard, const Caller& c,
                                 const http::Request& r) {
  auto id = PathId(r);
  if (!id) return tl::unexpected(id.error());
  auto found = rs.store.Get(recordings::RecordingId(*id));
  if (!found) return tl::unexpected(found.error());
  if (!*found || !access::CanSeeTenant(c.who, (*found)->tenant)) {
    return Fail(ErrorCode::kNotFound, fmt::format("no recording with id {}", *id));
  }
  const Recording& rec = **found;
  if (!ReadsEveryAgent(c.who) && !Own(c.who, rec)) {
    const auto agents = AgentsInScope(s, c.who);
    if (std::find(agents.begin(), agents.end(), rec.agent) == agents.end()) {
      return tl::unexpected(guard.Deny(c, r, "the recordings of another agent's calls"));
    }
  }
  return std::move(**found);
}

core::Result<std::optional<core::Timestamp>> TimeQuery(const http::Request& r, std::string_view name) {
  auto text = r.Query(name);
  if (!text || text->empty()) return std::optional<core::Timestamp>();
  auto t = core::ParseUtc(*text);
  if (!t) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be a UTC time such as 2026-11-28T09:00:00Z, not \"{}\"", name, *text));
  }
  return std::optional<core::Timestamp>(*t);
}

// A 4xx problem whose body also names the field at fault.
http::Response FieldError(const std::string& field, const std::string& message) {
  http::Response response = Error({ErrorCode::kInvalidArgument, message});
  json body = json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    body["field"] = field;
    response.body = body.dump();
  }
  return response;
}

http::Response Gone(const Recording& rec, std::string_view detail) {
  http::Response response = http::Problem(410, "Gone", detail);
  json body = json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    body["recording_id"] = rec.id.value();
    body["call_id"] = rec.call.value();
    body["deleted_at"] = rec.deleted_at ? json(core::FormatUtc(*rec.deleted_at)) : json(nullptr);
    body["deleted_reason"] = rec.deleted() ? rec.deleted_reason : "missing";
    response.body = body.dump();
  }
  return response;
}

struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
};

enum class RangeAsk { kWhole, kPart, kUnsatisfiable };

std::optional<std::uint64_t> Number(std::string_view text) {
  std::uint64_t v = 0;
  if (text.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// One "bytes=a-b", "bytes=a-" or "bytes=-n" range of a file of `size` bytes.
// Several ranges, other units or malformed values are ignored (RFC 9110:
// the whole file is sent).
RangeAsk ParseRange(std::optional<std::string_view> header, std::uint64_t size, ByteRange& out) {
  if (!header) return RangeAsk::kWhole;
  std::string_view spec = *header;
  if (!spec.starts_with("bytes=") || spec.find(',') != std::string_view::npos) return RangeAsk::kWhole;
  spec.remove_prefix(6);
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeAsk::kWhole;
  const auto first = Number(spec.substr(0, dash));
  const auto last = Number(spec.substr(dash + 1));
  if (!first) {  // the last n bytes
    if (!last) return RangeAsk::kWhole;
    if (*last == 0 || size == 0) return RangeAsk::kUnsatisfiable;
    out = {size - std::min(*last, size), size - 1};
    return RangeAsk::kPart;
  }
  if (last && *last < *first) return RangeAsk::kWhole;
  if (*first >= size) return RangeAsk::kUnsatisfiable;
  const std::uint64_t end = last ? std::min(*last, size - 1) : std::min(size - 1, *first + kMaxOpenRange - 1);
  out = {*first, end};
  return RangeAsk::kPart;
}

core::Result<std::string> ReadBytes(const std::filesystem::path& file, std::uint64_t first, std::uint64_t count) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInternal, "the recording's file cannot be opened");
  std::string bytes(count, '\0');
  in.seekg(static_cast<std::streamoff>(first));
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  if (static_cast<std::uint64_t>(in.gcount()) != count) {
    return Fail(ErrorCode::kInternal, "the recording's file is shorter than it was a moment ago");
  }
  return bytes;
}

http::Response Audio(ApiServices& s, const Guard& guard, http::Request& r) {
  auto c = guard.Require(r, Action::kReadRecordings);
  if (!c) return Error(c.error());
  auto rs = Recordings(s);
  if (!rs) return Error(rs.error());
  auto rec = Readable(s, **rs, guard, *c, r);
  if (!rec) return Error(rec.error());
  if (!Own(c->who, *rec) && !access::Allows(c->who, Action::kListenRecordings)) {
    return Error(guard.Deny(*c, r, std::string(access::ToString(Action::kListenRecordings))));
  }
  if (rec->deleted()) {
    return Gone(*rec, fmt::format("recording {} was deleted ({})", rec->id.value(), rec->deleted_reason));
  }
  if (!rec->finished()) {
    return Error({ErrorCode::kFailedPrecondition,
                  fmt::format("call {} is still being recorded; its recording plays once the call ends",
                              rec->call.value())});
  }
  const std::filesystem::path file = (*rs)->data_dir / rec->path;
  std::error_code ec;
  const std::uint64_t size = recordings::CheckRelativePath(rec->path) ? std::filesystem::file_size(file, ec) : 0;
  if (ec || !recordings::CheckRelativePath(rec->path)) {
    return Gone(*rec, fmt::format("the file of recording {} is missing", rec->id.value()));
  }
  ByteRange range;
  const RangeAsk ask = ParseRange(r.Header("Range"), size, range);
  if (ask == RangeAsk::kUnsatisfiable) {
    http::Response response =
        http::Problem(416, "Range Not Satisfiable", fmt::format("the recording has {} bytes", size));
    response.headers.Set("Content-Range", fmt::format("bytes */{}", size));
    return response;
  }
  if (ask == RangeAsk::kWhole) range = {0, size == 0 ? 0 : size - 1};
  const std::uint64_t count = size == 0 ? 0 : range.last - range.first + 1;
  auto bytes = ReadBytes(file, range.first, count);
  if (!bytes) return Error(bytes.error());

  const bool download = r.Query("download").value_or("") == "1";
  if (download || range.first == 0) {
    json detail = {{"call_id", rec->call.value()}, {"agent_id", rec->agent.value()}};
    if (ask == RangeAsk::kPart) detail["range"] = fmt::format("{}-{}", range.first, range.last);
    guard.Audit(*c, r, download ? "recording.download" : "recording.play", "recording",
                std::to_string(rec->id.value()), std::move(detail));
  }
  http::Response response;
  response.status = ask == RangeAsk::kPart ? 206 : 200;
  response.content_type = "audio/wav";
  response.body = std::move(*bytes);
  response.headers.Set("Accept-Ranges", "bytes");
  response.headers.Set("Cache-Control", "private, no-store");
  if (ask == RangeAsk::kPart) {
    response.headers.Set("Content-Range", fmt::format("bytes {}-{}/{}", range.first, range.last, size));
  }
  if (download) {
    response.headers.Set("Content-Disposition",
                         fmt::format("attachment; filename=\"call-{}-recording-{}.wav\"", rec->call.value(),
                                     rec->id.value()));
  }
  return response;
}

// The queue named in the path if the caller sees its tenant (kNotFound otherwise).
core::Result<centre::QueueSetup> VisibleQueue(ApiServices& s, const Caller& c, const http::Request& r) {
  auto id = PathId(r);
  if (!id) return tl::unexpected(id.error());
  auto queue = s.repository.FindQueue(core::QueueId(static_cast<std::uint32_t>(*id)));
  if (!queue) return tl::unexpected(queue.error());
  if (!*queue || !access::CanSeeTenant(c.who, (*queue)->config.tenant)) {
    return Fail(ErrorCode::kNotFound, fmt::format("no queue with id {}", *id));
  }
  return std::move(**queue);
}

json PolicyJson(core::QueueId queue, const recordings::RecordingPolicy& p) {
  return {{"queue_id", queue.value()}, {"record", p.record}, {"retention_days", p.retention_days}};
}

}  // namespace

void AddRecordingRoutes(http::Router& router, ApiServices& s, Guard guard) {
  router.Add("GET", "/api/recordings", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadRecordings);
    if (!c) return Error(c.error());
    auto rs = Recordings(s);
    if (!rs) return Error(rs.error());
    recordings::RecordingFilter f;
    if (!access::SeesAllTenants(c->who)) f.tenants = c->who.tenants;
    if (!ReadsEveryAgent(c->who)) f.agents = AgentsInScope(s, c->who);
    auto call = QueryId(r, "call_id");
    auto agent = QueryId(r, "agent_id");
    auto from = TimeQuery(r, "from");
    auto to = TimeQuery(r, "to");
    auto limit = QueryInt(r, "limit", 100, 1, recordings::kMaxRecordingPage);
    if (!call) return Error(call.error());
    if (!agent) return Error(agent.error());
    if (!from) return Error(from.error());
    if (!to) return Error(to.error());
    if (!limit) return Error(limit.error());
    if (*call) f.call = core::CallId(**call);
    if (*agent) f.agent = core::AgentId(static_cast<std::uint32_t>(**agent));
    f.from = *from;
    f.to = *to;
    f.limit = static_cast<int>(*limit);
    auto list = (*rs)->store.List(f);
    if (!list) return Error(list.error());
    json out = json::array();
    for (const auto& rec : *list) out.push_back(RecordingJson(rec));
    return Ok({{"recordings", out}});
  });

  router.Add("GET", "/api/recordings/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadRecordings);
    if (!c) return Error(c.error());
    auto rs = Recordings(s);
    if (!rs) return Error(rs.error());
    auto rec = Readable(s, **rs, guard, *c, r);
    if (!rec) return Error(rec.error());
    return Ok(RecordingJson(*rec));
  });

  router.Add("GET", "/api/recordings/{id}/audio", [&s, guard](http::Request& r) { return Audio(s, guard, r); });

  router.Add("GET", "/api/queues/{id}/recording", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageRecordingPolicy);
    if (!c) return Error(c.error());
    auto rs = Recordings(s);
    if (!rs) return Error(rs.error());
    auto queue = VisibleQueue(s, *c, r);
    if (!queue) return Error(queue.error());
    auto policy = (*rs)->store.Policy(queue->config.id);
    if (!policy) return Error(policy.error());
    return Ok(PolicyJson(queue->config.id, *policy));
  });

  router.Add("PUT", "/api/queues/{id}/recording", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageRecordingPolicy);
    if (!c) return Error(c.error());
    auto rs = Recordings(s);
    if (!rs) return Error(rs.error());
    auto queue = VisibleQueue(s, *c, r);
    if (!queue) return Error(queue.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto before = (*rs)->store.Policy(queue->config.id);
    if (!before) return Error(before.error());
    recordings::RecordingPolicy policy = *before;
    if (body->contains("record")) {
      if (!(*body)["record"].is_boolean()) return FieldError("record", "'record' must be true or false");
      policy.record = (*body)["record"].get<bool>();
    }
    if (body->contains("retention_days")) {
      const json& days = (*body)["retention_days"];
      if (!days.is_number_integer() || days.get<long long>() < 1 ||
          days.get<long long>() > recordings::kMaxRetentionDays) {
        return FieldError("retention_days", fmt::format("'retention_days' must be a whole number of days from 1 to {}",
                                                        recordings::kMaxRetentionDays));
      }
      policy.retention_days = static_cast<int>(days.get<long long>());
    }
    if (auto st = (*rs)->store.SetPolicy(queue->config.id, policy.record, policy.retention_days); !st) {
      return Error(st.error());
    }
    guard.Audit(*c, r, "queue.recording", "queue", std::to_string(queue->config.id.value()),
                {{"record", policy.record},
                 {"retention_days", policy.retention_days},
                 {"before", {{"record", before->record}, {"retention_days", before->retention_days}}}});
    return Ok(PolicyJson(queue->config.id, policy));
  });

  router.Add("POST", "/api/agent/recording", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kControlOwnAgent);
    if (!c) return Error(c.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    if (!body->contains("paused") || !(*body)["paused"].is_boolean()) {
      return FieldError("paused", "'paused' is required: true to pause the recording, false to resume it");
    }
    const bool paused = (*body)["paused"].get<bool>();
    if (s.recordings == nullptr || s.recordings->control == nullptr) {
      return Error({ErrorCode::kFailedPrecondition, "this call is not recorded (calls are not recorded here)"});
    }
    const core::AgentId agent(c->who.user.value());
    auto change = s.recordings->control->SetPaused(agent, paused);
    if (!change) return Error(change.error());
    storage::LogRecord record;
    record.at_ms = core::ToMillis(s.clock.Now());
    record.type = change->paused ? "recording.paused" : "recording.resumed";
    record.call_id = static_cast<std::int64_t>(change->call.value());
    record.agent_id = static_cast<std::int64_t>(agent.value());
    if (change->queue.valid()) record.queue_id = static_cast<std::int64_t>(change->queue.value());
    record.payload = json{{"recording", change->recording.value()},
                          {"call", change->call.value()},
                          {"agent", agent.value()},
                          {"paused", change->paused}}
                         .dump();
    if (auto st = s.log.Append({std::move(record)}).get(); !st) return Error(st.error());
    return Ok({{"paused", change->paused},
               {"recording_id", change->recording.value()},
               {"call_id", change->call.value()}});
  });
}

}  // namespace cc::api
