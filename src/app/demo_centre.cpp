#include "app/demo_centre.h"

#include <fmt/format.h>

#include <fstream>

#include "access/secrets.h"
#include "centre/setup_json.h"

namespace cc::app {

namespace {

using core::ErrorCode;
using core::Fail;

constexpr const char* kSalesNumber = "+74950000101";
constexpr const char* kOrdersNumber = "+74950000102";
constexpr const char* kComplaintsNumber = "+74950000103";
constexpr const char* kVipNumber = "+74950000104";

const std::vector<std::string> kFirstNames = {
    "Анна", "Мария", "Ольга", "Елена", "Ирина", "Татьяна", "Наталья", "Светлана", "Юлия", "Дарья",
    "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Иван", "Павел", "Николай", "Артём", "Егор"};
const std::vector<std::string> kLastNames = {
    "Иванова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Лебедева", "Козлова", "Новикова",
    "Морозова", "Волкова", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв",
    "Фёдоров", "Михайлов", "Беляев", "Тарасов"};

// Distinct names for up to 200 people: alternating women and men.
std::string NameFor(int i) {
  const int male = i % 2;
  const int k = i / 2;
  const std::string& first = kFirstNames[male * 10 + k % 10];
  const std::string& last = kLastNames[male * 10 + (k + (k / 10) * 3) % 10];
  return first + " " + last;
}

template <typename T>
core::Result<T> Must(core::Result<T> r, const std::string& what) {
  if (!r) return Fail(r.error().code, "demo seed: " + what + ": " + r.error().message);
  return r;
}

}  // namespace

core::Result<bool> DemoSeeded(access::Directory& directory) {
  auto tenant = directory.FindTenant(kDemoCompany);
  if (tenant) return true;
  if (tenant.error().code == ErrorCode::kNotFound) return false;
  return tl::unexpected(tenant.error());
}

core::Result<std::vector<DemoLogin>> SeedDemo(access::Directory& directory,
                                              centre::CentreRepository& centre,
                                              core::Timestamp now) {
  std::vector<DemoLogin> logins;
  auto tenant = Must(directory.CreateTenant(kDemoCompany, "Europe/Moscow"), "company");
  if (!tenant) return tl::unexpected(tenant.error());
  const core::TenantId t = tenant->id;
  for (const char* d : {"Отдел продаж", "Служба доставки", "Отдел качества", "Руководство"}) {
    if (auto r = Must(directory.CreateDepartment(t, d), d); !r) return tl::unexpected(r.error());
  }

  std::vector<core::SkillId> skills;
  for (const char* s : {"sales", "orders", "complaints", "vip"}) {
    auto skill = Must(centre.AddSkill(t, s), s);
    if (!skill) return tl::unexpected(skill.error());
    skills.push_back(skill->id);
  }
  const core::SkillId sales = skills[0], orders = skills[1], complaints = skills[2], vip = skills[3];

  struct QueueSpec {
    const char* name;
    const char* number;
    core::SkillId skill;
    int priority;
    int sl_seconds;
  };
  const std::vector<QueueSpec> specs = {{"Продажи", kSalesNumber, sales, 0, 20},
                                        {"Заказы", kOrdersNumber, orders, 0, 30},
                                        {"Жалобы", kComplaintsNumber, complaints, 5, 30},
                                        {"VIP", kVipNumber, vip, 10, 10},
                                        {"Старшие смены", "", core::SkillId(), 20, 20}};
  std::vector<core::QueueId> queues;
  for (const auto& spec : specs) {
    nlohmann::json body = {{"name", spec.name},
                           {"priority", spec.priority},
                           {"sl_threshold_s", spec.sl_seconds},
                           {"sl_target_percent", 80},
                           {"short_abandon_s", 5},
                           {"wrap_up_s", 20},
                           {"announce_every_s", 45},
                           {"ring_timeout_s", 15}};
    if (*spec.number) body["numbers"] = {spec.number};
    if (spec.skill.valid()) body["required_skills"] = {{{"skill", spec.skill.value()}, {"min_level", 1}}};
    auto setup = centre::QueueFromJson(body, core::QueueId(), t);
    if (!setup) return tl::unexpected(setup.error());
    auto saved = Must(centre.SaveQueue(*setup), spec.name);
    if (!saved) return tl::unexpected(saved.error());
    queues.push_back(saved->config.id);
  }
  // Orders overflow to sales after two minutes; VIP to the team leads after one.
  for (auto [from, to, after] : {std::tuple{1, 0, 120}, std::tuple{3, 4, 60}}) {
    auto q = centre.FindQueue(queues[from]);
    if (!q || !*q) return Fail(ErrorCode::kInternal, "demo seed: queue vanished");
    (*q)->config.max_wait = core::Seconds(after);
    (*q)->config.overflow = {acd::OverflowKind::kQueue, queues[to]};
    if (auto r = centre.SaveQueue(**q); !r) return tl::unexpected(r.error());
  }
  const core::QueueId leads_queue = queues[4];

  auto add_user = [&](const std::string& login, access::Role role, const std::string& name,
                      std::optional<core::TeamId> team) -> core::Result<access::User> {
    std::string password = access::GeneratePassword();
    access::NewUser u{login, name, role, team, {t}, password};
    auto user = Must(directory.CreateUser(u, now), login);
    if (!user) return user;
    logins.push_back({login, password, std::string(access::ToString(role)), name});
    return user;
  };

  for (auto [login, role, name] :
       {std::tuple{"supervisor", access::Role::kSupervisor, "Виктория Орлова"},
        std::tuple{"qa", access::Role::kQa, "Галина Зайцева"},
        std::tuple{"manager", access::Role::kManager, "Олег Киселёв"},
        std::tuple{"manager2", access::Role::kManager, "Дарья Белова"},
        std::tuple{"manager3", access::Role::kManager, "Тимур Гаврилов"},
        std::tuple{"office", access::Role::kOfficeManager, "Людмила Степанова"},
        std::tuple{"director", access::Role::kDirector, "Борис Макаров"}}) {
    if (auto r = add_user(login, role, name, std::nullopt); !r) return tl::unexpected(r.error());
  }

  int operator_index = 0;
  for (int team_no = 1; team_no <= 3; ++team_no) {
    auto team = Must(directory.CreateTeam(fmt::format("Команда {}", team_no), t), "team");
    if (!team) return tl::unexpected(team.error());
    auto lead = add_user(fmt::format("lead{}", team_no), access::Role::kTeamLead,
                         NameFor(29 + team_no), team->id);
    if (!lead) return tl::unexpected(lead.error());
    if (auto s = directory.SetTeamLead(team->id, lead->id); !s) return tl::unexpected(s.error());
    acd::AgentConfig lead_profile;
    lead_profile.skills = {{sales, 8}, {orders, 8}, {complaints, 9}, {vip, 9}};
    lead_profile.queues = {{leads_queue, 1}, {queues[2], 2}, {queues[3], 2}};
    if (auto s = centre.SaveProfile(lead->id, lead_profile); !s) return tl::unexpected(s.error());

    for (int k = 0; k < 10; ++k, ++operator_index) {
      auto op = add_user(fmt::format("op{:02}", operator_index + 1), access::Role::kOperator,
                         NameFor(operator_index), team->id);
      if (!op) return tl::unexpected(op.error());
      acd::AgentConfig p;
      const int base = 3 + (operator_index * 5) % 6;
      p.skills = {{sales, base}, {orders, 2 + (operator_index * 3) % 7}};
      p.queues = {{queues[0], 1}, {queues[1], 1}};
      if (operator_index % 3 == 0) {
        p.skills.push_back({complaints, 5 + operator_index % 4});
        p.queues.push_back({queues[2], 1});
      }
      if (operator_index % 5 == 0) {
        p.skills.push_back({vip, 7});
        p.queues.push_back({queues[3], 1});
      }
      p.team_lead_queue = leads_queue;
      if (auto s = centre.SaveProfile(op->id, p); !s) return tl::unexpected(s.error());
    }
  }

  for (auto [code, label] : {std::pair{"sale", "Продажа / Sale"},
                             std::pair{"order", "Оформлен заказ / Order taken"},
                             std::pair{"info", "Консультация / Information"},
                             std::pair{"complaint", "Жалоба зарегистрирована / Complaint logged"},
                             std::pair{"callback", "Назначен перезвон / Callback scheduled"},
                             std::pair{"no_answer", "Без результата / No outcome"}}) {
    centre::Code c{0, t, "disposition", code, label, std::nullopt};
    if (auto r = centre.AddCode(c); !r) return tl::unexpected(r.error());
  }
  for (auto [code, label, reason] :
       {std::tuple{"break", "Перерыв / Break", acd::NotReadyReason::kBreak},
        std::tuple{"lunch", "Обед / Lunch", acd::NotReadyReason::kLunch},
        std::tuple{"training", "Обучение / Training", acd::NotReadyReason::kTraining},
        std::tuple{"coaching", "Коучинг / Coaching", acd::NotReadyReason::kCoaching},
        std::tuple{"technical", "Техническая проблема / Technical issue",
                   acd::NotReadyReason::kTechnical}}) {
    centre::Code c{0, t, "not_ready", code, label, reason};
    if (auto r = centre.AddCode(c); !r) return tl::unexpected(r.error());
  }
  return logins;
}

core::Status WriteDemoLogins(const std::filesystem::path& file,
                             const std::vector<DemoLogin>& logins) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& l : logins) {
    j.push_back({{"login", l.login}, {"password", l.password}, {"role", l.role}, {"name", l.name}});
  }
  std::ofstream out(file, std::ios::trunc);
  out << j.dump(2) << "\n";
  if (!out) return Fail(ErrorCode::kUnavailable, "cannot write " + file.string());
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return {};
}

core::Result<std::vector<DemoLogin>> ReadDemoLogins(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Fail(ErrorCode::kNotFound, "no " + file.string());
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_array()) return Fail(ErrorCode::kInvalidArgument, file.string() + " is not a list");
  std::vector<DemoLogin> out;
  for (const auto& item : j) {
    out.push_back({item.value("login", ""), item.value("password", ""), item.value("role", ""),
                   item.value("name", "")});
  }
  return out;
}

std::vector<telephony::TrafficStream> DemoTraffic() {
  // Calls per hour by local hour: quiet nights, a morning peak and a smaller one after lunch.
  const std::array<double, 24> day = {2,  1,  1,  1,  1,  2,  6,  20, 55, 80, 85, 75,
                                      60, 65, 75, 70, 60, 50, 35, 20, 12, 8,  5,  3};
  auto scaled = [&](double k) {
    std::array<double, 24> out{};
    for (std::size_t h = 0; h < 24; ++h) out[h] = day[h] * k;
    return out;
  };
  return {
      {kSalesNumber, scaled(1.0), core::Seconds(150), core::Seconds(200), 0.05, 0.10},
      {kOrdersNumber, scaled(0.7), core::Seconds(180), core::Seconds(240), 0.03, 0.25},
      {kComplaintsNumber, scaled(0.25), core::Seconds(240), core::Seconds(300), 0.10, 0.30},
      {kVipNumber, scaled(0.08), core::Seconds(90), core::Seconds(240), 0.0, 0.5},
  };
}

}  // namespace cc::app
