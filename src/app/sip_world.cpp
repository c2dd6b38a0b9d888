#include "app/sip_world.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "telephony/sip/digest.h"

namespace cc::app {
namespace {

std::string DigitsOf(const std::string& number) {
  std::string digits;
  for (char ch : number) {
    if ((ch >= '0' && ch <= '9') || ch == '*' || ch == '#') digits += ch;
  }
  return digits;
}

}  // namespace

std::optional<std::string> RouteNumber(const centre::CentreSetup& setup, const std::string& dialled) {
  const std::string digits = DigitsOf(dialled);
  std::optional<std::string> loose;
  for (const auto& q : setup.queues) {
    for (const auto& number : q.numbers) {
      if (number == dialled) return number;
      if (!loose && !digits.empty() && DigitsOf(number) == digits) loose = number;
    }
  }
  return loose;
}

core::Result<std::unique_ptr<SipWorld>> SipWorld::Create(centre::Centre& centre, core::Clock& clock,
                                                         SipSettings settings, SipAccounts& accounts,
                                                         SimWorld& sim, std::uint64_t first_call_id,
                                                         telephony::sip::RecordingSink* recordings) {
  std::optional<std::filesystem::path> own;
  if (!settings.prompts_dir.empty()) own = settings.prompts_dir;
  auto prompts = telephony::prompts::PromptLibrary::Load(telephony::prompts::BuiltPromptsDir(), own);
  if (!prompts) return tl::unexpected(prompts.error());
  auto list = accounts.List();
  if (!list) return tl::unexpected(list.error());

  std::unique_ptr<SipWorld> world(new SipWorld(centre, sim, std::move(*prompts)));
  telephony::sip::SipTelephonyOptions options;
  options.stack.address = settings.address;
  options.stack.port = settings.port;
  options.media.bind_address = settings.address;
  options.media.port_min = settings.rtp_min;
  options.media.port_max = settings.rtp_max;
  options.media.threads = settings.media_threads;
  options.registrar.realm = settings.realm;
  options.first_call_id = first_call_id;
  options.language = settings.language;
  if (!settings.trunk_address.empty()) {
    options.trunk = telephony::sip::Trunk{settings.trunk_address, {settings.trunk_user, settings.trunk_password}};
  }
  options.inbound.open = settings.inbound_open;
  options.inbound.realm = settings.realm;
  for (const auto& peer : settings.peers) {
    options.inbound.peers.push_back(
        {peer.name, peer.host, peer.port, peer.user,
         peer.user.empty() ? std::string() : telephony::sip::DigestHa1(peer.user, settings.realm, peer.password)});
  }
  const SipSecurityConfig& security = settings.security;
  telephony::sip::EdgeLimits& edge = options.stack.edge;
  edge.flood_requests = security.flood_requests;
  edge.flood_window = core::Seconds(security.flood_window_seconds);
  edge.auth_failures = security.auth_failures;
  edge.auth_window = core::Seconds(security.auth_window_seconds);
  edge.ban = core::Seconds(security.ban_seconds);
  edge.trusted.insert(security.trusted.begin(), security.trusted.end());
  for (const auto& peer : settings.peers) edge.trusted.insert(peer.host);
  if (auto trunk = ParseListen(settings.trunk_address); trunk && !settings.trunk_address.empty()) {
    edge.trusted.insert(trunk->address);
  }
  options.stack.max_message_bytes = static_cast<std::size_t>(security.max_message_bytes);
  options.stack.max_headers = security.max_headers;
  options.stack.max_calls_per_source = security.max_calls_per_source;
  options.srtp = settings.tls_srtp == "off"       ? telephony::sip::SrtpPolicy::kOff
                 : settings.tls_srtp == "require" ? telephony::sip::SrtpPolicy::kRequire
                                                  : telephony::sip::SrtpPolicy::kAccept;
  if (settings.tls) {
    options.stack.tls = telephony::sip::TlsListen{settings.tls_port, settings.tls_certificate, settings.tls_key,
                                                  settings.tls_work_dir};
  }
  options.route_number = [&centre](const std::string& number) { return RouteNumber(centre.setup(), number); };
  auto telephony = telephony::sip::SipTelephony::Start(centre.loop(), clock, std::move(options), world->prompts_,
                                                       recordings);
  if (!telephony) return tl::unexpected(telephony.error());
  world->telephony_ = std::move(*telephony);
  world->telephony_->SetAccounts(std::move(*list));
  world->telephony_->OnRegistration(
      [raw = world.get()](core::AgentId agent, bool registered) { raw->OnRegistration(agent, registered); });
  // Calls the centre places for an agent with a registered phone go out over
  // SIP (through the trunk); practice calls (S-17) stay simulated.
  world->router_ = std::make_unique<telephony::CallRouter>(
      sim.telephony(), *world->telephony_,
      [raw = world->telephony_.get()](core::CallId call) { return raw->Owns(call); },
      [raw = world->telephony_.get(), &sim](core::CallId call, core::AgentId agent) {
        return raw->Registered(agent) && !sim.telephony().ExpectsPractice(call);
      });
  return world;
}

SipWorld::SipWorld(centre::Centre& centre, SimWorld& sim, telephony::prompts::PromptLibrary prompts)
    : centre_(centre), sim_(sim), prompts_(std::move(prompts)) {}

SipWorld::~SipWorld() = default;

void SipWorld::Attach() { centre_.SetTelephony(router_.get()); }

void SipWorld::Stop() {
  centre_.Ask([this] {
        telephony_->Stop();
        return 0;
      })
      .get();
}

void SipWorld::OnRegistration(core::AgentId agent, bool registered) {
  if (registered) {
    sim_.ReleaseSeatOnLoop(agent);
    // An agent already at the web desk keeps their state; one who is not is
    // logged in and ready: the phone is how they take calls.
    if (centre_.ApplyOnLoop(acd::AgentLogin{agent})) {
      if (auto s = centre_.ApplyOnLoop(acd::AgentReady{agent}); !s) {
        spdlog::warn("sip: agent {} registered but cannot be made ready: {}", agent.value(), s.error().message);
      }
    }
    spdlog::info("sip: agent {} registered a phone", agent.value());
    return;
  }
  if (auto s = centre_.ApplyOnLoop(acd::AgentLogout{agent}); !s) {
    spdlog::info("sip: agent {}'s phone is gone but the agent stays ({})", agent.value(), s.error().message);
  }
}

}  // namespace cc::app
