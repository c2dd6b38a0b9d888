// CRM benchmarks (bench/README.md, "CRM"): caller-number lookup among a
// million customers, catalogue search as one types among 100,000 products,
// and order confirmation (durable, with hand-off to a manager) under
// concurrent operators — on SQLite, and on PostgreSQL with pg=URL.
//
//   crm_bench [customers=1000000] [products=100000] [orders=5000] [threads=8]
//             [dir=PATH] [pg=POSTGRESQL_URL] [only=lookup|search|orders]
//
// Prints one Markdown table: what, backend, operations, per second, p50, p99, max.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/time_zone.h"
#include "crm/catalogue_repository.h"
#include "crm/customer_repository.h"
#include "crm/notifier.h"
#include "crm/order_desk.h"
#include "crm/schema.h"
#include "crm/word_search.h"
#include "storage/id_allocator.h"
#include "storage/interaction_log.h"
#include "storage/postgres_database.h"
#include "storage/sqlite_database.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace cc;

struct Options {
  int customers = 1'000'000;
  int products = 100'000;
  int orders = 5'000;
  int threads = 8;
  std::string dir;
  std::string pg;
  std::string only;
};

[[noreturn]] void Die(const std::string& what, const core::Error& e) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), e.message.c_str());
  std::exit(1);
}

template <typename T>
T Must(core::Result<T> r, const std::string& what) {
  if (!r) Die(what, r.error());
  return std::move(*r);
}
void Must(core::Status s, const std::string& what) {
  if (!s) Die(what, s.error());
}

struct Latencies {
  std::vector<double> ms;
  double seconds = 0;
  void Row(const char* what, const std::string& backend) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
    std::printf("| %s | %s | %zu | %.0f | %.3f | %.3f | %.3f |\n", what, backend.c_str(), ms.size(),
                static_cast<double>(ms.size()) / seconds, at(0.5), at(0.99), ms.empty() ? 0.0 : ms.back());
    std::fflush(stdout);
  }
};

std::unique_ptr<storage::Database> Open(const Options& o, const std::string& name) {
  std::unique_ptr<storage::Database> db;
  if (o.pg.empty()) {
    const auto path = std::filesystem::path(o.dir) / (name + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    db = Must(storage::SqliteDatabase::Open(path.string()), "open");
  } else {
    const std::string schema = "crm_bench_" + std::to_string(getpid()) + "_" + name;
    (void)storage::ExecPostgres(o.pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    Must(storage::ExecPostgres(o.pg, "CREATE SCHEMA " + schema), "schema");
    const std::string url =
        o.pg + (o.pg.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
    db = Must(storage::PostgresDatabase::Open(url), "open");
  }
  std::vector<storage::Migration> schema = storage::InteractionLog::Migrations();
  schema.push_back(storage::IdAllocator::Migration(2));
  schema.push_back(crm::CrmMigration(3));
  schema.push_back(crm::WordSearchMigration(4));
  Must(db->Migrate(schema), "migrate");
  return db;
}

const std::vector<std::string> kFirst = {"Алексей", "Мария", "Дмитрий", "Анна", "Сергей", "Елена", "Андрей",
                                         "Ольга", "Иван", "Наталья", "Павел", "Татьяна", "Михаил", "Ирина"};
const std::vector<std::string> kLast = {"Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
                                        "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Лебедев"};

std::string PhoneOf(int i) { return "+7916" + std::to_string(1000000 + i); }

void BenchLookup(const Options& o, const std::string& backend) {
  auto db = Open(o, "lookup");
  crm::CustomerRepository customers(*db);
  const core::TenantId tenant(1);
  const auto load_start = Clock::now();
  std::vector<storage::Statement> batch;
  for (int i = 0; i < o.customers; ++i) {
    crm::Customer c;
    c.tenant = tenant;
    c.name = kLast[static_cast<std::size_t>(i) % kLast.size()] + " " + kFirst[static_cast<std::size_t>(i / 12) % kFirst.size()];
    c.phones.push_back({PhoneOf(i), ""});
    auto s = Must(customers.CreateStatements(c, core::FromMillis(0)), "customer");
    for (auto& x : s) batch.push_back(std::move(x));
    if (batch.size() >= 20000 || i + 1 == o.customers) {
      Must(db->Write(std::move(batch)).get(), "load customers");
      batch.clear();
    }
  }
  std::fprintf(stderr, "%s: %d customers loaded in %.1f s\n", backend.c_str(), o.customers,
               std::chrono::duration<double>(Clock::now() - load_start).count());
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(0, o.customers - 1);
  Latencies lat;
  const auto start = Clock::now();
  for (int n = 0; n < 20000; ++n) {
    const std::string number = PhoneOf(pick(rng));
    const auto t0 = Clock::now();
    auto found = Must(customers.FindByPhone(number, crm::TenantScope::Only({tenant})), "lookup");
    lat.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (found.size() != 1) Die("lookup", {core::ErrorCode::kInternal, "expected one customer for " + number});
  }
  lat.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  lat.Row("caller-number lookup, 1 thread", backend + " " + std::to_string(o.customers) + " customers");
}

const std::vector<std::string> kProductWords = {
    "чай", "кофе", "зелёный", "чёрный", "молотый", "зерновой", "кружка", "чайник", "набор", "подарочный",
    "шоколад", "печенье", "мармелад", "пастила", "вода", "сок", "орехи", "миндаль", "кешью", "полотенце",
    "скатерть", "блокнот", "ручка", "гель", "порошок", "свеча", "контейнер", "доска", "green", "black",
    "tea", "coffee", "mug", "premium", "classic", "organic", "бразилия", "эфиопия", "колумбия", "кения"};

void BenchSearch(const Options& o, const std::string& backend) {
  auto db = Open(o, "search");
  crm::CatalogueRepository catalogue(*db);
  const core::TenantId tenant(1);
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> word(0, kProductWords.size() - 1);
  const auto load_start = Clock::now();
  std::vector<storage::Statement> batch;
  for (int i = 0; i < o.products; ++i) {
    crm::Product p;
    p.tenant = tenant;
    p.sku = "SKU-" + std::to_string(100000 + i);
    p.name = kProductWords[word(rng)] + " " + kProductWords[word(rng)] + " " + kProductWords[word(rng)] + " " +
             std::to_string(i % 1000);
    p.description = kProductWords[word(rng)] + " " + kProductWords[word(rng)] + " " + kProductWords[word(rng)];
    auto s = Must(catalogue.CreateProductStatements(p), "product");
    for (auto& x : s) batch.push_back(std::move(x));
    if (batch.size() >= 20000 || i + 1 == o.products) {
      Must(db->Write(std::move(batch)).get(), "load products");
      batch.clear();
    }
  }
  std::fprintf(stderr, "%s: %d products loaded in %.1f s\n", backend.c_str(), o.products,
               std::chrono::duration<double>(Clock::now() - load_start).count());
  // As one types: every prefix of one or two words ("ч", "ча", "чай", "чай з", ...).
  std::vector<std::string> queries;
  for (int n = 0; n < 400; ++n) {
    const std::string typed = kProductWords[word(rng)] + " " + kProductWords[word(rng)];
    std::size_t i = 0;
    while (i < typed.size()) {
      const auto c = static_cast<unsigned char>(typed[i]);
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      queries.push_back(typed.substr(0, i));
    }
  }
  Latencies lat;
  const auto start = Clock::now();
  for (const std::string& q : queries) {
    const auto t0 = Clock::now();
    (void)Must(catalogue.Search(q, crm::TenantScope::Only({tenant}), 20), "search");
    lat.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  lat.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  lat.Row("catalogue search as one types, 1 thread", backend + " " + std::to_string(o.products) + " products");
}

void BenchOrders(const Options& o, const std::string& backend) {
  auto db = Open(o, "orders");
  crm::CustomerRepository customers(*db);
  crm::CatalogueRepository catalogue(*db);
  crm::OrderRepository orders(*db);
  crm::NoNotifier notifier;
  crm::OrderDesk desk(*db, catalogue, customers, orders, notifier, core::TimeZone::Utc());
  const core::TenantId tenant(1);
  crm::PriceList list;
  list.name = "base";
  list.valid_from = crm::ParseDate("2020-01-01").value();
  std::vector<crm::ProductId> products;
  for (int i = 0; i < 200; ++i) {
    crm::Product p;
    p.tenant = tenant;
    p.sku = "P-" + std::to_string(i);
    p.name = kProductWords[static_cast<std::size_t>(i) % kProductWords.size()] + " " + std::to_string(i);
    p = Must(catalogue.SaveProduct(p), "product");
    list.prices[p.id] = 10000 + i * 100;
    products.push_back(p.id);
  }
  Must(catalogue.SavePriceList(tenant, list), "prices");
  crm::DiscountRule rule;
  rule.name = "5 % over 1000";
  rule.valid_from = list.valid_from;
  rule.target = crm::DiscountTarget::kOrder;
  rule.percent_bp = 500;
  rule.min_order_total = 100000;
  Must(catalogue.SaveDiscount(tenant, rule), "discount");
  for (std::uint32_t m = 1; m <= 5; ++m) {
    crm::ManagerProfile profile;
    profile.user = core::UserId(100 + m);
    Must(desk.SaveManager(tenant, profile), "manager");
  }
  std::vector<crm::CustomerId> buyers;
  for (int i = 0; i < 500; ++i) {
    crm::Customer c;
    c.tenant = tenant;
    c.name = "Покупатель " + std::to_string(i);
    c.phones.push_back({PhoneOf(i), ""});
    buyers.push_back(Must(customers.Create(c, core::FromMillis(0)), "customer").id);
  }
  const core::Timestamp now = core::ParseUtc("2026-11-27T09:00:00Z").value();
  // Drafts first (what operators build during calls), then the confirmations.
  std::vector<crm::OrderId> drafts;
  for (int i = 0; i < o.orders; ++i) {
    crm::OrderInput in;
    in.tenant = tenant;
    in.customer = buyers[static_cast<std::size_t>(i) % buyers.size()];
    in.lines = {{products[static_cast<std::size_t>(i) % products.size()], 1 + i % 3},
                {products[static_cast<std::size_t>(i * 7 + 3) % products.size()], 1}};
    in.delivery = {"Москва, ул. Лесная, 5", "Москва", crm::ParseDate("2026-11-28").value(), 600, 840};
    in.receivers = {{"Получатель", "", true, true, false}};
    drafts.push_back(Must(desk.Create(in, core::UserId(1), now), "draft").id);
  }
  std::vector<Latencies> per_thread(static_cast<std::size_t>(o.threads));
  std::atomic<std::size_t> next{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < o.threads; ++t) {
    threads.emplace_back([&, t] {
      for (;;) {
        const std::size_t k = next.fetch_add(1);
        if (k >= drafts.size()) return;
        const auto t0 = Clock::now();
        auto confirmed = desk.Confirm(drafts[k], core::UserId(1), "", now);
        if (!confirmed || confirmed->status != crm::OrderStatus::kAssigned) {
          Die("confirm", confirmed ? core::Error{core::ErrorCode::kInternal, "not assigned"} : confirmed.error());
        }
        per_thread[static_cast<std::size_t>(t)].ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  }
  for (auto& th : threads) th.join();
  Latencies all;
  all.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& l : per_thread) all.ms.insert(all.ms.end(), l.ms.begin(), l.ms.end());
  all.Row(("order confirmation with hand-off, " + std::to_string(o.threads) + " threads").c_str(), backend);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    const std::string key = arg.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    if (key == "customers") {
      o.customers = std::stoi(value);
    } else if (key == "products") {
      o.products = std::stoi(value);
    } else if (key == "orders") {
      o.orders = std::stoi(value);
    } else if (key == "threads") {
      o.threads = std::stoi(value);
    } else if (key == "dir") {
      o.dir = value;
    } else if (key == "pg") {
      o.pg = value;
    } else if (key == "only") {
      o.only = value;
    } else {
      std::fprintf(stderr,
                   "usage: crm_bench [customers=N] [products=N] [orders=N] [threads=N] [dir=PATH] "
                   "[pg=POSTGRESQL_URL] [only=lookup|search|orders]\n");
      return 2;
    }
  }
  std::filesystem::path owned;
  if (o.dir.empty() && o.pg.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "crm-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return 1;
    owned = pattern;
    o.dir = pattern;
  }
  const std::string backend = o.pg.empty() ? "SQLite" : "PostgreSQL";
  std::printf("| what | backend, data | operations | per second | p50 ms | p99 ms | max ms |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  if (o.only.empty() || o.only == "lookup") BenchLookup(o, backend);
  if (o.only.empty() || o.only == "search") BenchSearch(o, backend);
  if (o.only.empty() || o.only == "orders") BenchOrders(o, backend);
  if (!owned.empty()) std::filesystem::remove_all(owned);
  return 0;
}
