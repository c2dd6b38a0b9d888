#include "app/demo_sip.h"

#include <nlohmann/json.hpp>

#include "access/secrets.h"
#include "centre/setup_json.h"
#include "ivr/menu_json.h"

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

core::Status EnsureDemoIvr(api::IvrControl& ivr, centre::CentreRepository& centre, core::TenantId tenant) {
  if (ivr.MenuWithNumber(kDemoIvrNumber)) return {};
  auto queues = centre.Queues();
  if (!queues) return tl::unexpected(queues.error());
  std::int64_t line = 0;
  for (const auto& q : *queues) {
    if (q.config.name == kDemoSipQueue && q.config.tenant == tenant) line = q.config.id.value();
  }
  if (line == 0) return {};
  const nlohmann::json body = {
      {"tenant", tenant.value()},
      {"name", "Демо: главное меню"},
      {"language", "ru"},
      {"numbers", {kDemoIvrNumber}},
      {"start", "main"},
      {"operator_queue", line},
      {"nodes",
       {{"main",
         {{"say", "Здравствуйте, это демонстрационный центр «Бета». Заказ — клавиша один. "
                  "Доставка — клавиша два. Оператор — ноль."},
          {"keys",
           {{"1", {{"action", "queue"}, {"queue", line}, {"topic", "Заказ"}}},
            {"2", {{"action", "menu"}, {"node", "delivery"}, {"topic", "Доставка"}}},
            {"0", {{"action", "operator"}, {"topic", "Оператор"}}}}}}},
        {"delivery",
         {{"say", "Где мой заказ — один. Перезвоните мне — два. Назад — девять."},
          {"keys",
           {{"1", {{"action", "queue"}, {"queue", line}, {"topic", "Статус"}}},
            {"2", {{"action", "callback"}, {"queue", line}, {"topic", "Перезвонить"},
                   {"say", "Хорошо, оператор перезвонит вам на этот номер."}}},
            {"9", {{"action", "menu"}, {"node", "main"}}}}}}}}}};
  auto menu = ivr::MenuFromJson(body);
  if (!menu) return tl::unexpected(menu.error());
  auto saved = ivr.Save(std::move(*menu));
  if (!saved) return tl::unexpected(saved.error());
  return {};
}

}  // namespace cc::app
