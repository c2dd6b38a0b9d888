#include "api/live_feed.h"

#include <boost/asio/post.hpp>
#include <future>
#include <set>

#include "acd/event_json.h"
#include "api/scope.h"
#include "centre/snapshot.h"
#include "core/overloaded.h"
#include "http/json_text.h"
#include "crm/phone.h"

namespace cc::api {

namespace {

std::string AgentChannel(std::uint64_t agent) { return "agent:" + std::to_string(agent); }
std::string TenantChannel(std::uint64_t tenant) { return "realtime:tenant:" + std::to_string(tenant); }
std::string TeamChannel(std::uint64_t team) { return "realtime:team:" + std::to_string(team); }
constexpr const char* kAllChannel = "realtime:all";

}  // namespace

LiveFeed::LiveFeed(ApiServices& services, http::WsHub& hub, std::chrono::milliseconds period)
    : services_(services), hub_(hub), guard_(services), period_(period),
      timer_(services.centre.loop()) {}

LiveFeed::~LiveFeed() { lookups_.join(); }

core::Result<http::WsClient> LiveFeed::Authorize(const http::Request& request) const {
  auto caller = guard_.Authenticate(request);
  if (!caller) return tl::unexpected(caller.error());
  http::WsClient client;
  client.name = caller->who.login;
  if (access::Allows(caller->who, access::Action::kReadOwnAgent)) {
    client.channels.push_back(AgentChannel(caller->who.user.value()));
  }
  if (auto scope = LiveScope(caller->who)) {
    if (scope->team) {
      client.channels.push_back(TeamChannel(scope->team->value()));
    } else if (!scope->tenants) {
      client.channels.push_back(kAllChannel);
    } else {
      for (auto t : *scope->tenants) client.channels.push_back(TenantChannel(t.value()));
    }
  }
  // Everyone hears of work that reaches them (orders assigned, callbacks);
  // those who work cases hear of the cases of their tenants.
  client.channels.push_back(UserChannel(caller->who.user));
  if (access::Allows(caller->who, access::Action::kWorkCases)) {
    if (access::SeesAllTenants(caller->who)) {
      client.channels.push_back(kAllCasesChannel);
    } else {
      for (auto t : caller->who.tenants) client.channels.push_back(CasesChannel(t));
    }
  }
  return client;
}

void LiveFeed::Start() {
  boost::asio::post(services_.centre.loop(), [this] {
    running_ = true;
    Tick();
  });
}

void LiveFeed::Stop() {
  auto done = std::make_shared<std::promise<void>>();
  auto f = done->get_future();
  boost::asio::post(services_.centre.loop(), [this, done] {
    running_ = false;
    timer_.cancel();
    done->set_value();
  });
  f.wait_for(std::chrono::seconds(5));
}

void LiveFeed::Publish(const std::string& channel, const nlohmann::json& message) {
  hub_.Publish(channel, std::make_shared<const std::string>(http::JsonText(message)));
}

namespace {

// A full snapshot at least this often even when nobody joined: a safety net
// for a client that missed one (all changes are sent, so it should not need it).
constexpr int kTicksBetweenFull = 60;

// Stamps a snapshot with the moment it leaves the server, in microseconds
// (the fan-out benchmark measures delivery from it).
nlohmann::json Stamped(nlohmann::json snapshot) {
  snapshot["sent_at_us"] = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  return snapshot;
}

}  // namespace

void LiveFeed::PublishSnapshot(const std::string& channel, nlohmann::json snapshot) {
  ChannelState& sent = sent_[channel];
  const std::uint64_t joins = hub_.JoinCount(channel);
  const bool full = joins != sent.joins || sent.ticks_since_full + 1 >= kTicksBetweenFull;
  sent.joins = joins;
  sent.ticks_since_full = full ? 0 : sent.ticks_since_full + 1;
  nlohmann::json changed = nlohmann::json::array();
  std::map<std::uint64_t, std::string> rows;
  for (nlohmann::json& row : snapshot["agents"]) {
    row.erase("time_in_state_ms");  // moves every second; clients count it from "since"
    std::string text = http::JsonText(row);
    const auto id = row.value("agent", std::uint64_t{0});
    auto before = sent.rows.find(id);
    if (full || before == sent.rows.end() || before->second != text) changed.push_back(std::move(row));
    rows.emplace(id, std::move(text));
  }
  nlohmann::json removed = nlohmann::json::array();
  if (!full) {
    for (const auto& [id, text] : sent.rows) {
      if (!rows.contains(id)) removed.push_back(id);
    }
  }
  sent.rows = std::move(rows);
  snapshot["agents"] = std::move(changed);
  snapshot["full"] = full;
  if (!removed.empty()) snapshot["removed_agents"] = std::move(removed);
  Publish(channel, Stamped(std::move(snapshot)));
}

void LiveFeed::Tick() {
  if (!running_) return;
  centre::Centre& c = services_.centre;
  if (hub_.SubscriberCount(kAllChannel) > 0) PublishSnapshot(kAllChannel, centre::BuildSnapshot(c, {}));
  std::set<std::uint32_t> tenants;
  std::set<std::uint32_t> teams;
  for (const auto& q : c.setup().queues) tenants.insert(q.config.tenant.value());
  for (const auto& a : c.setup().agents) {
    tenants.insert(a.config.tenant.value());
    if (a.team) teams.insert(a.team->value());
  }
  for (auto t : tenants) {
    const std::string channel = TenantChannel(t);
    if (hub_.SubscriberCount(channel) == 0) continue;
    centre::SnapshotScope scope;
    scope.tenants = std::vector<core::TenantId>{core::TenantId(t)};
    PublishSnapshot(channel, centre::BuildSnapshot(c, scope));
  }
  for (auto team : teams) {
    const std::string channel = TeamChannel(team);
    if (hub_.SubscriberCount(channel) == 0) continue;
    centre::SnapshotScope scope;
    scope.team = core::TeamId(team);
    PublishSnapshot(channel, centre::BuildSnapshot(c, scope));
  }
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Tick();
  });
}

void LiveFeed::OnEvents(const std::vector<acd::Event>& events) {
  centre::Centre& c = services_.centre;
  for (const auto& event : events) {
    auto keys = acd::KeysOf(event.body);
    if (keys.agent && hub_.SubscriberCount(AgentChannel(*keys.agent)) > 0) {
      Publish(AgentChannel(*keys.agent), {{"type", "event"}, {"event", acd::ToJson(event)}});
    }
    if (const auto* changed = std::get_if<acd::AgentStateChanged>(&event.body)) {
      const centre::AgentSetup* a = c.setup().FindAgent(changed->agent);
      nlohmann::json message = {{"type", "agent_state"},
                                {"agent", changed->agent.value()},
                                {"state", acd::ToString(changed->to)},
                                {"reason", changed->to == acd::AgentState::kNotReady
                                               ? nlohmann::json(acd::ToString(changed->reason))
                                               : nlohmann::json(nullptr)},
                                {"since", core::FormatUtc(event.at)},
                                {"forced", changed->forced}};
      auto text = std::make_shared<const std::string>(http::JsonText(message));
      hub_.Publish(kAllChannel, text);
      if (a) {
        hub_.Publish(TenantChannel(a->config.tenant.value()), text);
        if (a->team) hub_.Publish(TeamChannel(a->team->value()), text);
      }
    }
  }
}

void LiveFeed::OnDesk(const centre::Desk& desk) {
  const std::string channel = AgentChannel(desk.agent.value());
  if (hub_.SubscriberCount(channel) == 0) return;
  Publish(channel, {{"type", "desk"}, {"desk", centre::ToJson(desk)}});
  if (desk.offer) {
    auto& carded = carded_[desk.agent.value()];
    if (carded != desk.offer->call) {
      carded = desk.offer->call;
      SendCustomerCard(desk.agent, *desk.offer);
    }
  }
}

void LiveFeed::SendCustomerCard(core::AgentId agent, const centre::DeskCall& offer) {
  if (services_.crm == nullptr) return;
  const centre::QueueSetup* queue = services_.centre.setup().FindQueue(offer.queue);
  if (queue == nullptr) return;
  const auto offered_at_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  boost::asio::post(lookups_, [this, agent, call = offer.call, caller = offer.caller,
                               tenant = queue->config.tenant, offered_at_us] {
    nlohmann::json card = {{"type", "customer"},
                           {"call", call.value()},
                           {"tenant_id", tenant.value()},
                           {"offered_at_us", offered_at_us},
                           {"matches", nlohmann::json::array()}};
    auto number = caller ? crm::NormalizePhone(*caller) : core::Result<std::string>(std::string());
    if (!caller || !number || number->empty()) {
      card["number"] = caller ? nlohmann::json(*caller) : nlohmann::json(nullptr);
      card["withheld"] = !caller.has_value();  // an empty card to fill in
    } else {
      card["number"] = *number;
      card["withheld"] = false;
      auto found = services_.crm->customers.FindByPhone(*number, crm::TenantScope::Only({tenant}));
      if (!found) {
        card["error"] = found.error().message;
      } else {
        for (const auto& summary : *found) card["matches"].push_back(crm::ToJson(summary));
      }
    }
    hub_.Publish(AgentChannel(agent.value()), std::make_shared<const std::string>(http::JsonText(card)));
  });
}

}  // namespace cc::api
