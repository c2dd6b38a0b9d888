// History: call detail records with filters and pages, and the raw
// interaction log by sequence.
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/util.h"

namespace cc::api {

namespace {

using core::ErrorCode;
using nlohmann::json;

// "from"/"to" as milliseconds since the epoch (UTC).
core::Result<std::optional<core::Timestamp>> TimeParam(const http::Request& r, std::string_view name) {
  auto v = QueryInt(r, name, -1, 0, 32503680000000LL);
  if (!v) return tl::unexpected(v.error());
  if (*v < 0) return std::optional<core::Timestamp>();
  return std::optional<core::Timestamp>(core::FromMillis(*v));
}

json RecordJson(const storage::LogRecord& rec) {
  json payload = json::parse(rec.payload, nullptr, false);
  return {{"seq", rec.seq},
          {"at", core::FormatUtc(core::FromMillis(rec.at_ms))},
          {"type", rec.type},
          {"call", rec.call_id ? json(*rec.call_id) : json(nullptr)},
          {"agent", rec.agent_id ? json(*rec.agent_id) : json(nullptr)},
          {"queue", rec.queue_id ? json(*rec.queue_id) : json(nullptr)},
          {"event", payload.is_discarded() ? json(rec.payload) : payload}};
}

}  // namespace

void AddHistoryRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;

  router.Add("GET", "/api/calls", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadHistory);
    if (!c) return Error(c.error());
    reporting::CdrFilter f;
    auto from = TimeParam(r, "from");
    auto to = TimeParam(r, "to");
    auto queue = QueryInt(r, "queue", 0, 0, 0xFFFFFFFFLL);
    auto agent = QueryInt(r, "agent", 0, 0, 0xFFFFFFFFLL);
    auto limit = QueryInt(r, "limit", 100, 1, reporting::CdrRepository::kMaxLimit);
    for (const auto* e : {&queue, &agent, &limit}) {
      if (!*e) return Error(e->error());
    }
    if (!from) return Error(from.error());
    if (!to) return Error(to.error());
    f.from = *from;
    f.to = *to;
    f.queue = core::QueueId(static_cast<std::uint32_t>(*queue));
    f.agent = core::AgentId(static_cast<std::uint32_t>(*agent));
    f.limit = static_cast<int>(*limit);
    f.outcome = std::string(r.Query("outcome").value_or(""));
    f.cursor = std::string(r.Query("cursor").value_or(""));
    if (!access::SeesAllTenants(c->who)) f.tenants = c->who.tenants;
    auto page = s.cdrs.Query(f);
    if (!page) return Error(page.error());
    json calls = json::array();
    for (const auto& cdr : page->cdrs) calls.push_back(reporting::ToJson(cdr));
    return Ok({{"calls", calls},
               {"next_cursor", page->next_cursor.empty() ? json(nullptr) : json(page->next_cursor)}});
  });

  router.Add("GET", "/api/calls/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadHistory);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto cdr = s.cdrs.Find(core::CallId(*id));
    if (!cdr) return Error(cdr.error());
    if (!*cdr || !access::CanSeeTenant(c->who, (*cdr)->tenant)) {
      return Error({ErrorCode::kNotFound, "no finished call with id " + std::to_string(*id)});
    }
    return Ok(reporting::ToJson(**cdr));
  });

  // One call's records of the interaction log (ACD events, script steps and
  // actions, CRM records made on it), for those who see the call's company.
  router.Add("GET", "/api/calls/{id}/log", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadHistory);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    const core::CallId call(*id);
    std::optional<core::TenantId> tenant;
    if (auto cdr = s.cdrs.Find(call); cdr && *cdr) tenant = (*cdr)->tenant;
    if (!tenant) {
      tenant = s.centre.Ask([&s, call]() -> std::optional<core::TenantId> {
        const centre::CallInfo* info = s.centre.Call(call);
        return info ? std::optional(info->tenant) : std::nullopt;
      }).get();
    }
    auto records = s.log.ReadCall(static_cast<std::int64_t>(*id), 1000);
    if (!records) return Error(records.error());
    if (!tenant) {
      // Just ended: no longer live, not yet a CDR. Its queue tells the company.
      for (const auto& rec : *records) {
        if (tenant || !rec.queue_id) continue;
        tenant = s.centre.Ask([&s, q = core::QueueId(static_cast<std::uint32_t>(*rec.queue_id))]() -> std::optional<core::TenantId> {
          const centre::QueueSetup* queue = s.centre.setup().FindQueue(q);
          return queue ? std::optional(queue->config.tenant) : std::nullopt;
        }).get();
      }
    }
    if (!tenant || !access::CanSeeTenant(c->who, *tenant)) {
      return Error({ErrorCode::kNotFound, "no call with id " + std::to_string(*id)});
    }
    json out = json::array();
    for (const auto& rec : *records) out.push_back(RecordJson(rec));
    return Ok({{"records", out}});
  });

  // The raw log spans tenants: only roles that see every tenant may page through it.
  router.Add("GET", "/api/interactions", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadHistory);
    if (!c) return Error(c.error());
    if (!access::SeesAllTenants(c->who)) return Error(guard.Deny(*c, r, "the raw interaction log"));
    auto from = QueryInt(r, "from_seq", 1, 1, std::numeric_limits<long long>::max());
    auto limit = QueryInt(r, "limit", 100, 1, 1000);
    if (!from) return Error(from.error());
    if (!limit) return Error(limit.error());
    auto records = s.log.ReadFrom(*from, static_cast<int>(*limit));
    if (!records) return Error(records.error());
    json out = json::array();
    for (const auto& rec : *records) out.push_back(RecordJson(rec));
    json next = records->empty() ? json(nullptr) : json(records->back().seq + 1);
    return Ok({{"records", out}, {"next_from_seq", next}});
  });
}

}  // namespace cc::api
