#include "app/sip_world.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace cc::app {

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
  options.known_number = [&centre](const std::string& number) {
    const auto& queues = centre.setup().queues;
    return std::any_of(queues.begin(), queues.end(), [&](const centre::QueueSetup& q) {
      return std::find(q.numbers.begin(), q.numbers.end(), number) != q.numbers.end();
    });
  };
  auto telephony = telephony::sip::SipTelephony::Start(centre.loop(), clock, std::move(options), world->prompts_,
                                                       recordings);
  if (!telephony) return tl::unexpected(telephony.error());
  world->telephony_ = std::move(*telephony);
  world->telephony_->SetAccounts(std::move(*list));
  world->telephony_->OnRegistration(
      [raw = world.get()](core::AgentId agent, bool registered) { raw->OnRegistration(agent, registered); });
  world->router_ = std::make_unique<telephony::CallRouter>(
      sim.telephony(), *world->telephony_, [raw = world->telephony_.get()](core::CallId call) { return raw->Owns(call); });
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
