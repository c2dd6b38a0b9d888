#include "app/demo_sip.h"

#include <nlohmann/json.hpp>

#include "access/secrets.h"
#include "centre/setup_json.h"

namespace cc::app {

bool IsDemoSipLogin(const std::string& login) { return login == "sip01" || login == "sip02"; }

core::Result<std::vector<DemoLogin>> EnsureDemoSipLine(access::Directory& directory,
                                                       centre::CentreRepository& centre, SipAccounts& accounts,
                                                       core::TenantId tenant, const std::string& realm,
                                                       core::Timestamp now) {
  std::vector<DemoLogin> created;
  auto queues = centre.Queues();
  if (!queues) return tl::unexpected(queues.error());
  core::QueueId line;
  for (const auto& q : *queues) {
    if (q.config.name == kDemoSipQueue && q.config.tenant == tenant) line = q.config.id;
  }
  if (!line.valid()) {
    nlohmann::json body = {{"name", kDemoSipQueue},    {"priority", 0},          {"sl_threshold_s", 20},
                           {"sl_target_percent", 80},  {"short_abandon_s", 5},   {"wrap_up_s", 10},
                           {"announce_every_s", 30},   {"ring_timeout_s", 20},   {"numbers", {kDemoSipNumber}}};
    auto setup = centre::QueueFromJson(body, core::QueueId(), tenant);
    if (!setup) return tl::unexpected(setup.error());
    auto saved = centre.SaveQueue(*setup);
    if (!saved) return tl::unexpected(saved.error());
    line = saved->config.id;
  }
  for (auto [login, name] : {std::pair{"sip01", "Тест SIP 1"}, std::pair{"sip02", "Тест SIP 2"}}) {
    if (directory.FindUser(login)) continue;
    const std::string password = access::GeneratePassword();
    access::NewUser u{login, name, access::Role::kOperator, std::nullopt, {tenant}, password};
    auto user = directory.CreateUser(u, now);
    if (!user) return tl::unexpected(user.error());
    acd::AgentConfig profile;
    profile.queues = {{line, 1}};
    if (auto s = centre.SaveProfile(user->id, profile); !s) return tl::unexpected(s.error());
    if (auto s = accounts.Set(user->id, login, realm, password, now); !s) return tl::unexpected(s.error());
    created.push_back({login, password, "operator", name});
  }
  return created;
}

}  // namespace cc::app
