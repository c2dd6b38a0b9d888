#include "app/demo_crm.h"

#include <fmt/format.h>

#include <array>

#include "crm/pricing_json.h"

namespace cc::app {

namespace {

using core::ErrorCode;
using core::Fail;

struct CategorySpec {
  const char* name;
  const char* sku;
  std::array<const char*, 6> items;
  std::array<const char*, 3> sizes;
  crm::Kopecks base;  // price of the first item in the smallest size
  int vat;
};

// Twelve categories x six items x three sizes = 216 products.
const std::array<CategorySpec, 12> kCategories = {{
    {"Чай", "TEA", {"Чай чёрный цейлонский", "Чай зелёный сенча", "Чай улун молочный", "Чай травяной с мятой",
                    "Чай каркаде", "Чай пуэр выдержанный"}, {"50 г", "100 г", "250 г"}, 19000, 20},
    {"Кофе", "COF", {"Кофе в зёрнах Бразилия", "Кофе в зёрнах Эфиопия", "Кофе молотый Колумбия",
                     "Кофе молотый эспрессо", "Кофе растворимый сублимированный", "Кофе без кофеина"},
     {"250 г", "500 г", "1 кг"}, 42000, 20},
    {"Посуда", "DSH", {"Кружка керамическая", "Чайник заварочный стеклянный", "Френч-пресс",
                       "Набор чайных пар", "Термокружка", "Турка медная"}, {"малый", "средний", "большой"},
     59000, 20},
    {"Сладости", "SWT", {"Шоколад горький", "Мармелад фруктовый", "Пастила яблочная", "Печенье овсяное",
                         "Конфеты ассорти", "Зефир ванильный"}, {"100 г", "250 г", "500 г"}, 15000, 10},
    {"Бытовая техника", "APL", {"Электрочайник", "Кофемолка", "Капельная кофеварка", "Блендер",
                                "Тостер", "Миксер ручной"}, {"базовый", "стандарт", "премиум"}, 249000, 20},
    {"Текстиль", "TXT", {"Полотенце кухонное", "Скатерть льняная", "Фартук хлопковый", "Прихватка",
                         "Салфетки сервировочные", "Плед флисовый"}, {"1 шт.", "набор 2 шт.", "набор 4 шт."},
     35000, 20},
    {"Канцтовары", "STN", {"Блокнот в клетку", "Ручка гелевая", "Ежедневник датированный", "Папка-регистратор",
                           "Маркеры текстовые", "Стикеры для заметок"}, {"1 шт.", "5 шт.", "10 шт."}, 9000, 20},
    {"Бытовая химия", "CHM", {"Средство для посуды", "Порошок стиральный", "Гель для стирки",
                              "Очиститель накипи", "Средство для стёкол", "Таблетки для посудомоечной машины"},
     {"0,5 л", "1 л", "3 л"}, 21000, 20},
    {"Подарочные наборы", "GFT", {"Набор «Чайная церемония»", "Набор «Утро с кофе»", "Набор «Сладкий вечер»",
                                  "Набор «Офисный»", "Набор «Домашний уют»", "Набор «Новогодний»"},
     {"мини", "стандарт", "большой"}, 149000, 20},
    {"Вода и напитки", "DRK", {"Вода питьевая", "Вода минеральная", "Морс клюквенный", "Сок яблочный",
                               "Лимонад домашний", "Квас хлебный"}, {"0,5 л", "1,5 л", "5 л"}, 6000, 20},
    {"Снеки", "SNK", {"Орехи миндаль", "Орехи кешью", "Сухофрукты микс", "Чипсы овощные", "Хлебцы ржаные",
                      "Семечки тыквенные"}, {"100 г", "250 г", "1 кг"}, 12000, 10},
    {"Товары для дома", "HOM", {"Свеча ароматическая", "Контейнер для круп", "Доска разделочная",
                                "Сушилка для посуды", "Органайзер для специй", "Коврик для сервировки"},
     {"малый", "средний", "большой"}, 39000, 20},
}};

const std::array<const char*, 20> kFirstNames = {
    "Алексей", "Мария", "Дмитрий", "Анна", "Сергей", "Елена", "Андрей", "Ольга", "Иван", "Наталья",
    "Павел", "Татьяна", "Михаил", "Ирина", "Николай", "Светлана", "Артём", "Юлия", "Роман", "Ксения"};
const std::array<const char*, 25> kSurnames = {
    "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов",
    "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев"};
const std::array<const char*, 10> kCompanies = {"Ромашка", "Вектор", "Северный ветер", "Гранит", "Лукоморье",
                                                "Альтаир", "Кедр", "Радуга", "Меридиан", "Солнечный берег"};
const std::array<const char*, 10> kStreets = {"Лесная", "Садовая", "Центральная", "Молодёжная", "Школьная",
                                              "Новая", "Набережная", "Заводская", "Парковая", "Полевая"};
const std::array<const char*, 4> kRegions = {"Москва", "Москва", "Московская область", "Тверь"};

bool IsFemale(const char* first) {
  const std::string s(first);
  return s.ends_with("а") || s.ends_with("я");
}

std::string Surname(const char* surname, bool female) {
  return female ? std::string(surname) + "а" : std::string(surname);
}

core::Status Check(const core::Status& s, const char* what) {
  if (s) return {};
  return Fail(s.error().code, fmt::format("demo CRM ({}): {}", what, s.error().message));
}

}  // namespace

core::Status SeedDemoCrm(const DemoCrm& d, core::TenantId tenant, core::Timestamp now) {
  const crm::Date today = std::chrono::floor<std::chrono::days>(now);
  const crm::Date year_start = crm::ParseDate("2026-01-01").value();

  // Catalogue.
  std::vector<crm::Category> categories;
  std::vector<std::vector<crm::Product>> products(kCategories.size());
  crm::PriceList base;
  base.name = "Базовый прайс-лист 2026";
  base.valid_from = year_start;
  crm::PriceList winter;
  winter.name = "Зимний прайс-лист";
  winter.valid_from = today - std::chrono::days(10);
  winter.valid_to = today + std::chrono::days(80);
  winter.priority = 10;
  std::vector<storage::Statement> batch;
  for (std::size_t ci = 0; ci < kCategories.size(); ++ci) {
    const CategorySpec& spec = kCategories[ci];
    auto category = d.catalogue.AddCategory({crm::CategoryId(), tenant, spec.name, std::nullopt});
    if (!category) return Check(tl::unexpected(category.error()), "category");
    categories.push_back(*category);
    for (std::size_t ii = 0; ii < spec.items.size(); ++ii) {
      for (std::size_t si = 0; si < spec.sizes.size(); ++si) {
        crm::Product p;
        p.tenant = tenant;
        p.sku = fmt::format("{}-{}{:02}", spec.sku, si + 1, ii + 1);
        p.name = fmt::format("{}, {}", spec.items[ii], spec.sizes[si]);
        p.description = fmt::format("{}: {}. Артикул {}.", spec.name, spec.items[ii], p.sku);
        p.unit = "шт.";
        p.vat_percent = spec.vat;
        p.category = category->id;
        p.available = (ii + si) % 17 != 16;  // a few are out of stock
        auto statements = d.catalogue.CreateProductStatements(p);
        if (!statements) return Check(tl::unexpected(statements.error()), "product");
        for (auto& s : *statements) batch.push_back(std::move(s));
        // Bigger packs cost more per pack and less per gram; later items a little more.
        const crm::Kopecks price = (spec.base + static_cast<crm::Kopecks>(ii) * spec.base / 7) *
                                   (si == 0 ? 10 : si == 1 ? 18 : 32) / 10 / 100 * 100;
        base.prices[p.id] = price;
        if ((ii + si) % 4 == 0) winter.prices[p.id] = price * 9 / 10 / 100 * 100;
        products[ci].push_back(p);
      }
    }
  }
  if (auto s = d.db.Write(std::move(batch)).get(); !s) return Check(s, "products");
  if (auto s = d.catalogue.SavePriceList(tenant, base); !s) return Check(tl::unexpected(s.error()), "base prices");
  if (auto s = d.catalogue.SavePriceList(tenant, winter); !s) return Check(tl::unexpected(s.error()), "winter prices");

  const crm::CustomerGroupId regulars(1);
  const crm::CustomerGroupId wholesale(2);
  const auto running_from = today - std::chrono::days(20);
  const auto running_to = today + std::chrono::days(60);
  auto discount = [&](const char* name, crm::DiscountTarget target) {
    crm::DiscountRule r;
    r.name = name;
    r.valid_from = running_from;
    r.valid_to = running_to;
    r.target = target;
    return r;
  };
  std::vector<crm::DiscountRule> discounts;
  {
    auto r = discount("Скидка постоянным клиентам 5 %", crm::DiscountTarget::kCustomerGroup);
    r.percent_bp = 500;
    r.customer_group = regulars;
    discounts.push_back(r);
    r = discount("Оптовым покупателям 12 %", crm::DiscountTarget::kCustomerGroup);
    r.percent_bp = 1200;
    r.customer_group = wholesale;
    discounts.push_back(r);
    r = discount("Чайная неделя: 10 % от пяти упаковок", crm::DiscountTarget::kCategory);
    r.percent_bp = 1000;
    r.category = categories[0].id;
    r.min_quantity = 5;
    discounts.push_back(r);
    r = discount("Минус 300 ₽ на кофемолку", crm::DiscountTarget::kProduct);
    r.kind = crm::DiscountKind::kAmount;
    r.amount = 30000;
    r.product = products[4][3].id;  // Кофемолка, базовый
    discounts.push_back(r);
    r = discount("Заказ от 15 000 ₽: 3 % на всё", crm::DiscountTarget::kOrder);
    r.percent_bp = 300;
    r.min_order_total = 1500000;
    discounts.push_back(r);
  }
  for (const auto& r : discounts) {
    if (auto s = d.catalogue.SaveDiscount(tenant, r); !s) return Check(tl::unexpected(s.error()), "discount");
  }
  std::vector<crm::Promotion> promotions(3);
  promotions[0].name = "Третья пачка кофе в подарок";
  promotions[0].pitch = "Сейчас действует акция: при покупке трёх пачек кофе в зёрнах платите только за две.";
  promotions[0].kind = crm::PromotionKind::kBuyXPayY;
  promotions[0].product = products[1][0].id;  // Кофе в зёрнах Бразилия, 250 г
  promotions[0].buy = 3;
  promotions[0].pay = 2;
  promotions[1].name = "Кружка в подарок к заказу от 5 000 ₽";
  promotions[1].pitch = "Если сумма заказа от 5 000 рублей, мы положим в него керамическую кружку бесплатно.";
  promotions[1].kind = crm::PromotionKind::kGiftOverTotal;
  promotions[1].min_order_total = 500000;
  promotions[1].gift_product = products[2][0].id;  // Кружка керамическая, малый
  promotions[2].name = "Сладости: 4 по цене 3";
  promotions[2].pitch = "На сладости сейчас акция: четвёртая упаковка одного вида бесплатно.";
  promotions[2].kind = crm::PromotionKind::kBuyXPayY;
  promotions[2].category = categories[3].id;
  promotions[2].buy = 4;
  promotions[2].pay = 3;
  for (auto& p : promotions) {
    p.valid_from = running_from;
    p.valid_to = running_to;
    if (auto s = d.catalogue.SavePromotion(tenant, p); !s) return Check(tl::unexpected(s.error()), "promotion");
  }

  // Customers: 900 people, 100 organisations.
  std::vector<crm::Customer> customers;
  batch.clear();
  for (int i = 0; i < 1000; ++i) {
    crm::Customer c;
    c.tenant = tenant;
    const std::string street = kStreets[static_cast<std::size_t>(i) % kStreets.size()];
    const std::string address = fmt::format("{}, ул. {}, д. {}, кв. {}", kRegions[static_cast<std::size_t>(i) % 4],
                                            street, 1 + i % 48, 1 + (i * 7) % 120);
    // Numbers are unique except one pair that shares a home phone.
    const std::string phone = fmt::format("+7915{:07}", 1000000 + i * 37);
    if (i < 900) {
      const char* first = kFirstNames[static_cast<std::size_t>(i) % kFirstNames.size()];
      const bool female = IsFemale(first);
      c.kind = crm::CustomerKind::kPerson;
      c.name = fmt::format("{} {}", Surname(kSurnames[static_cast<std::size_t>(i / 20) % kSurnames.size()], female),
                           first);
      c.phones.push_back({phone, "мобильный"});
      if (i == 1) c.phones.push_back({"+74950000001", "домашний"});
      if (i == 2) c.phones.push_back({"+74950000001", "домашний"});
      if (i % 3 == 0) c.emails.push_back(fmt::format("client{}@example.ru", i));
      c.addresses.push_back(address);
      c.contacts.push_back({c.name, phone, "", true, true, true});
      if (i % 10 == 0) c.group = regulars;
    } else {
      const int k = i - 900;
      c.kind = crm::CustomerKind::kOrganisation;
      c.name = fmt::format("ООО «{} {}»", kCompanies[static_cast<std::size_t>(k) % kCompanies.size()], 1 + k / 10);
      c.phones.push_back({phone, "офис"});
      c.emails.push_back(fmt::format("office{}@example.ru", k));
      c.addresses.push_back(address + ", офис");
      const char* boss = kFirstNames[static_cast<std::size_t>(k + 3) % kFirstNames.size()];
      const char* clerk = kFirstNames[static_cast<std::size_t>(k + 8) % kFirstNames.size()];
      c.contacts.push_back({fmt::format("{} {}", Surname(kSurnames[static_cast<std::size_t>(k) % kSurnames.size()],
                                                        IsFemale(boss)), boss),
                            "", "директор", false, true, true});
      c.contacts.push_back({fmt::format("{} {}", Surname(kSurnames[static_cast<std::size_t>(k + 5) % kSurnames.size()],
                                                        IsFemale(clerk)), clerk),
                            fmt::format("+7916{:07}", 2000000 + k * 41), "кладовщик", true, false, false});
      if (k % 4 == 0) c.group = wholesale;
    }
    auto statements = d.customers.CreateStatements(c, now - std::chrono::days(400 - i % 365));
    if (!statements) return Check(tl::unexpected(statements.error()), "customer");
    for (auto& s : *statements) batch.push_back(std::move(s));
    customers.push_back(std::move(c));
    if (batch.size() > 2000 || i == 999) {
      if (auto s = d.db.Write(std::move(batch)).get(); !s) return Check(s, "customers");
      batch.clear();
    }
  }
  for (int i = 0; i < 1000; i += 5) {
    crm::Consent consent{"personal_data", true, now - std::chrono::days(300), "звонок", std::nullopt};
    if (auto s = d.customers.AddConsent(customers[static_cast<std::size_t>(i)].id, tenant, consent); !s) {
      return Check(s, "consent");
    }
  }

  // Who takes orders and where cases go.
  auto users = d.directory.ListUsers();
  if (!users) return Check(tl::unexpected(users.error()), "users");
  std::optional<core::UserId> some_operator;
  int manager_no = 0;
  for (const auto& u : *users) {
    if (u.role == access::Role::kOperator && !some_operator) some_operator = u.id;
    if (u.role != access::Role::kManager) continue;
    crm::ManagerProfile m;
    m.user = u.id;
    if (manager_no == 1) m.regions = {"Москва", "Московская область"};
    if (manager_no == 2) m.regions = {"Тверь"};
    ++manager_no;
    if (auto s = d.order_desk.SaveManager(tenant, m); !s) return Check(s, "manager");
  }
  if (!some_operator) return Fail(ErrorCode::kInternal, "demo CRM: no operator to write the history as");
  auto departments = d.directory.ListDepartments(tenant);
  if (!departments) return Check(tl::unexpected(departments.error()), "departments");
  auto accounts = d.directory.CreateDepartment(tenant, "Бухгалтерия");
  if (!accounts) return Check(tl::unexpected(accounts.error()), "accounts department");
  auto department = [&](const char* name) {
    for (const auto& dep : *departments) {
      if (dep.name == name) return dep.id;
    }
    return accounts->id;
  };
  const std::vector<crm::CaseCategory> case_categories = {
      {tenant, "quality", "Качество обслуживания", department("Отдел качества"), 24 * 60},
      {tenant, "courier", "Работа курьера", department("Служба доставки"), 8 * 60},
      {tenant, "late_delivery", "Опоздание доставки", department("Служба доставки"), 4 * 60},
      {tenant, "product_defect", "Брак товара", department("Отдел качества"), 48 * 60},
      {tenant, "management_request", "Обращение к руководству", department("Руководство"), 72 * 60},
      {tenant, "invoice", "Счета и документы", accounts->id, 48 * 60},
      {tenant, "assortment", "Пожелания по ассортименту", department("Отдел продаж"), 7 * 24 * 60},
  };
  for (const auto& cat : case_categories) {
    if (auto s = d.cases.SaveCategory(cat); !s) return Check(s, "case category");
  }

  // History: orders of the first customers over the past weeks, in every
  // status, priced by the quoting function on their day.
  for (int i = 0; i < 120; ++i) {
    const crm::Customer& c = customers[static_cast<std::size_t>((i * 7) % 1000)];
    const core::Timestamp at = now - std::chrono::hours(24 * (30 - i / 4)) - std::chrono::minutes(37 * i % 600);
    crm::OrderInput in;
    in.tenant = tenant;
    in.customer = c.id;
    const auto& cat_a = products[static_cast<std::size_t>(i) % products.size()];
    const auto& cat_b = products[static_cast<std::size_t>(i * 5 + 1) % products.size()];
    const crm::Product& pa = cat_a[static_cast<std::size_t>(i * 3) % cat_a.size()];
    const crm::Product& pb = cat_b[static_cast<std::size_t>(i * 11 + 2) % cat_b.size()];
    if (pa.available) in.lines.push_back({pa.id, 1 + i % 4});
    if (pb.available && pb.id != pa.id) in.lines.push_back({pb.id, 1 + i % 2});
    if (in.lines.empty()) continue;
    in.delivery = {c.addresses.empty() ? "Москва" : c.addresses.front(), kRegions[static_cast<std::size_t>(i) % 4],
                   std::chrono::floor<std::chrono::days>(at) + std::chrono::days(1 + i % 3), 600, 840};
    for (const auto& k : c.contacts) in.receivers.push_back({k.name, k.phone, k.may_accept, k.may_pay, k.may_sign});
    in.payment_on_delivery = i % 3 != 0;
    in.documents_to_sign = c.kind == crm::CustomerKind::kOrganisation;
    auto order = d.order_desk.Create(in, *some_operator, at);
    if (!order) return Check(tl::unexpected(order.error()), "order");
    if (i % 10 == 9) continue;  // a few drafts were never confirmed
    // Confirmed at once: a few minutes later could fall on the next day, when
    // another price list or promotion applies, and the confirmation would
    // (rightly) refuse prices that changed since the order was priced.
    auto confirmed = d.order_desk.Confirm(order->id, *some_operator, "", at);
    if (!confirmed) return Check(tl::unexpected(confirmed.error()), "order confirmation");
    if (!confirmed->manager) continue;
    const auto later = at + std::chrono::hours(20);
    if (i < 100 && i % 7 != 6) {
      if (auto s = d.order_desk.Move(order->id, crm::OrderStatus::kInFulfilment, *confirmed->manager, "собран",
                                     later); !s) {
        return Check(tl::unexpected(s.error()), "order status");
      }
      const bool cancelled = i % 13 == 5;
      if (auto s = d.order_desk.Move(order->id, cancelled ? crm::OrderStatus::kCancelled : crm::OrderStatus::kDelivered,
                                     *confirmed->manager,
                                     cancelled ? "клиент отказался при получении" : "вручено получателю",
                                     later + std::chrono::hours(26)); !s) {
        return Check(tl::unexpected(s.error()), "order status");
      }
    }
  }

  // Cases and callbacks.
  const std::array<std::pair<const char*, const char*>, 6> case_texts = {{
      {"courier", "Курьер не позвонил перед приездом"},
      {"late_delivery", "Доставка позже обещанного окна"},
      {"product_defect", "В наборе разбита чашка"},
      {"assortment", "Просит добавить чай в пакетиках"},
      {"invoice", "Нужен счёт-фактура к заказу"},
      {"management_request", "Просит связаться с руководителем"},
  }};
  for (int i = 0; i < 30; ++i) {
    const auto& [category, summary] = case_texts[static_cast<std::size_t>(i) % case_texts.size()];
    crm::CaseInput in;
    in.tenant = tenant;
    in.kind = std::string_view(category) == "assortment"  ? crm::CaseKind::kSuggestion
              : std::string_view(category) == "invoice"   ? crm::CaseKind::kRequest
              : std::string_view(category) == "courier"   ? crm::CaseKind::kRemark
                                                          : crm::CaseKind::kComplaint;
    in.category = category;
    in.customer = customers[static_cast<std::size_t>((i * 13) % 1000)].id;
    in.summary = summary;
    in.details = "Записано со слов клиента во время звонка.";
    const auto at = now - std::chrono::hours(6 * (30 - i));
    auto opened = d.cases.Open(in, *some_operator, at);
    if (!opened) return Check(tl::unexpected(opened.error()), "case");
    if (i < 18) {
      if (auto s = d.cases.Move(opened->id, crm::CaseStatus::kInProgress, *some_operator, "взято в работу",
                                at + std::chrono::minutes(30)); !s) {
        return Check(tl::unexpected(s.error()), "case status");
      }
    }
    if (i < 12) {
      if (auto s = d.cases.Move(opened->id, crm::CaseStatus::kResolved, *some_operator,
                                "клиенту перезвонили, вопрос решён", at + std::chrono::hours(2)); !s) {
        return Check(tl::unexpected(s.error()), "case status");
      }
    }
  }
  return {};
}

}  // namespace cc::app
