#include "app/server_app.h"

#include <fmt/format.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "access/api_tokens.h"
#include "access/audit_log.h"
#include "access/auth_service.h"
#include "access/directory.h"
#include "access/login_throttle.h"
#include "api/api.h"
#include "api/live_feed.h"
#include "api/seats.h"
#include "app/call_id_blocks.h"
#include "app/data_dir_lock.h"
#include "app/openapi_spec.h"
#include "app/sim_world.h"
#include "app/demo_sip.h"
#include "app/sip_accounts.h"
#include "app/ivr_menus.h"
#include "app/sip_phones.h"
#include "app/sip_recordings.h"
#include "app/sip_world.h"
#include "app/user_command.h"
#include "centre/centre.h"
#include "api/crm_notifier.h"
#include "app/demo_crm.h"
#include "app/demo_scripts.h"
#include "api/training.h"
#include "centre/centre_repository.h"
#include "crm/callback_desk.h"
#include "crm/case_desk.h"
#include "crm/catalogue_repository.h"
#include "crm/customer_repository.h"
#include "crm/order_desk.h"
#include "core/clock.h"
#include "core/time_zone.h"
#include "http/metrics.h"
#include "http/static_files.h"
#include "http/ws_hub.h"
#include "reporting/cdr_projector.h"
#include "recordings/recording_store.h"
#include "reporting/cdr_repository.h"
#include "storage/interaction_log.h"

namespace cc::app {

namespace {

using core::ErrorCode;
using core::Fail;

core::Result<centre::CentreSetup> BuildSetup(access::Directory& directory,
                                             centre::CentreRepository& repository) {
  centre::CentreSetup setup;
  auto queues = repository.Queues();
  if (!queues) return tl::unexpected(queues.error());
  setup.queues = std::move(*queues);
  auto users = directory.ListUsers();
  if (!users) return tl::unexpected(users.error());
  for (const auto& u : *users) {
    if (!api::TakesCalls(u.role) || u.disabled) continue;
    auto profile = repository.Profile(u.id);
    if (!profile) return tl::unexpected(profile.error());
    centre::AgentSetup a = api::SeatFor(u, *profile);
    setup.agents.push_back(std::move(a));
  }
  return setup;
}

}  // namespace

struct ServerApp::Parts {
  core::SystemClock clock;
  core::TimeZone zone = core::TimeZone::Utc();
  std::unique_ptr<DataDirLock> lock;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<access::Passwords> passwords;
  std::unique_ptr<access::Directory> directory;
  std::unique_ptr<access::Sessions> sessions;
  std::unique_ptr<access::ApiTokens> tokens;
  std::unique_ptr<access::LoginThrottle> throttle;
  std::unique_ptr<access::AuditLog> audit;
  std::unique_ptr<access::AuthService> auth;
  std::unique_ptr<centre::CentreRepository> repository;
  std::unique_ptr<storage::InteractionLog> log;
  std::unique_ptr<reporting::CdrRepository> cdrs;
  std::unique_ptr<reporting::CdrProjector> projector;
  std::unique_ptr<centre::Centre> centre;
  std::unique_ptr<SimWorld> sim;
  std::unique_ptr<SipAccounts> sip_accounts;
  std::unique_ptr<SipWorld> sip;
  std::unique_ptr<SipPhones> phones;
  std::unique_ptr<IvrMenus> ivr;
  std::unique_ptr<SipRecordings> sip_recordings;
  http::WsHub hub;
  std::unique_ptr<api::CrmNotifier> notifier;
  std::unique_ptr<crm::CustomerRepository> customers;
  std::unique_ptr<crm::CatalogueRepository> catalogue;
  std::unique_ptr<crm::OrderRepository> orders;
  std::unique_ptr<crm::OrderDesk> order_desk;
  std::unique_ptr<crm::CaseDesk> cases;
  std::unique_ptr<crm::CallbackDesk> callbacks;
  std::unique_ptr<api::CrmServices> crm;
  std::unique_ptr<script_desk::ScriptStore> script_store;
  std::unique_ptr<script_desk::ScriptSessions> script_sessions;
  std::unique_ptr<api::TrainingCalls> training;
  std::unique_ptr<api::ScriptServices> scripts;
  std::unique_ptr<recordings::RecordingStore> recording_store;
  std::unique_ptr<api::RecordingServices> recordings;
  std::unique_ptr<api::ApiServices> services;
  http::Metrics metrics;
  std::unique_ptr<api::LiveFeed> feed;
  std::unique_ptr<http::Server> server;

  // The pump: projects CDRs from the log and refreshes gauges, once a second.
  std::thread pump;
  std::mutex pump_mutex;
  std::condition_variable pump_wake;
  bool pump_stop = false;  // guarded by pump_mutex
  prometheus::Family<prometheus::Gauge>* waiting_gauge = nullptr;
  prometheus::Family<prometheus::Gauge>* agents_gauge = nullptr;
  prometheus::Family<prometheus::Gauge>* offered_gauge = nullptr;
  prometheus::Gauge* log_seq_gauge = nullptr;

  void RunPump();
  void RefreshGauges();
  // Hands due callbacks to the ACD; escalates overdue cases every 30 s.
  void RunCrmChores();
  std::chrono::steady_clock::time_point next_escalation{};
  std::filesystem::path data_dir;                  // for recordings' files
  std::function<bool(core::CallId)> owned_calls;  // this node's calls (recordings it looks after)
  // Set first thing in Stop(): no new callback is handed to a centre that is stopping.
  std::atomic<bool> chores_stop{false};
};

void ServerApp::Parts::RefreshGauges() {
  struct Row {
    std::string queue;
    int waiting;
    int offered;
  };
  auto figures = centre->Ask([this] {
    std::vector<Row> rows;
    std::array<int, 7> states{};
    for (auto id : centre->stats().QueueIds()) {
      if (const auto* q = centre->stats().Queue(id)) rows.push_back({q->name, q->waiting, q->offered});
    }
    for (auto id : centre->stats().AgentIds()) {
      if (const auto* a = centre->stats().Agent(id)) ++states[static_cast<std::size_t>(a->state)];
    }
    return std::pair(rows, states);
  }).get();
  for (const auto& r : figures.first) {
    waiting_gauge->Add({{"queue", r.queue}}).Set(r.waiting);
    offered_gauge->Add({{"queue", r.queue}}).Set(r.offered);
  }
  for (int i = 0; i < 7; ++i) {
    agents_gauge->Add({{"state", std::string(acd::ToString(static_cast<acd::AgentState>(i)))}})
        .Set(figures.second[i]);
  }
  log_seq_gauge->Set(static_cast<double>(projector->last_seq()));
  metrics.SetWebSocketClients(hub.ClientCount());
}

void ServerApp::Parts::RunCrmChores() {
  if (chores_stop) return;
  const core::Timestamp now = clock.Now();
  if (sim) {
    if (auto n = callbacks->DispatchDue(now, *sim); !n) {
      spdlog::error("callbacks: {}", n.error().message);
    } else if (*n > 0) {
      spdlog::info("{} scheduled callback(s) handed to the ACD", *n);
    }
  }
  if (std::chrono::steady_clock::now() >= next_escalation) {
    next_escalation = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    if (auto n = cases->EscalateOverdue(now); !n) {
      spdlog::error("case escalation: {}", n.error().message);
    } else if (*n > 0) {
      spdlog::info("{} overdue case(s) escalated", *n);
    }
    // Recordings past their queue's retention: files deleted, each deletion audited.
    if (recording_store) {
      auto n = recording_store->DeleteExpired(data_dir, now, *audit, owned_calls);
      if (!n) spdlog::error("recording retention: {}", n.error().message);
      else if (*n > 0) spdlog::info("{} recording(s) past retention deleted", *n);
    }
  }
}

void ServerApp::Parts::RunPump() {
  std::unique_lock guard(pump_mutex);
  while (true) {
    pump_wake.wait_for(guard, std::chrono::milliseconds(500), [this] { return pump_stop; });
    const bool stopping = pump_stop;
    guard.unlock();
    if (auto n = projector->Poll(); !n) spdlog::error("call records: {}", n.error().message);
    if (!stopping) {
      RefreshGauges();
      RunCrmChores();
    }
    guard.lock();
    if (stopping) return;
  }
}

ServerApp::ServerApp(ServerSettings settings) : settings_(std::move(settings)) {}

ServerApp::~ServerApp() { Stop(); }

core::Result<StartInfo> ServerApp::Start() {
  auto p = std::make_unique<Parts>();
  StartInfo info;
  auto zone = core::TimeZone::Load(settings_.time_zone);
  if (!zone) return Fail(ErrorCode::kInvalidArgument, "time_zone: " + zone.error().message);
  p->zone = *zone;

  std::error_code ec;
  std::filesystem::create_directories(settings_.store.data_dir, ec);
  auto lock = DataDirLock::Acquire(settings_.store.data_dir);
  if (!lock) return tl::unexpected(lock.error());
  p->lock = std::make_unique<DataDirLock>(std::move(*lock));

  auto db = OpenStore(settings_.store);
  if (!db) return tl::unexpected(db.error());
  p->db = std::move(*db);
  const core::Timestamp now = p->clock.Now();

  p->passwords = std::make_unique<access::Passwords>(settings_.password_cost);
  p->directory = std::make_unique<access::Directory>(*p->db, *p->passwords);
  // On PostgreSQL other nodes change users, sessions and tokens too: cached
  // authentications last one second (docs/deployment.md).
  if (IsPostgresUrl(settings_.store.database)) p->directory->SetCacheLifetime(std::chrono::seconds(1));
  p->sessions = std::make_unique<access::Sessions>(*p->db, *p->directory, settings_.sessions);
  p->tokens = std::make_unique<access::ApiTokens>(*p->db, *p->directory);
  p->throttle = std::make_unique<access::LoginThrottle>();
  p->audit = std::make_unique<access::AuditLog>(*p->db);
  p->auth = std::make_unique<access::AuthService>(*p->directory, *p->sessions, *p->tokens,
                                                  *p->throttle, *p->audit, *p->passwords);
  p->repository = std::make_unique<centre::CentreRepository>(*p->db);

  p->notifier = std::make_unique<api::CrmNotifier>(p->hub);
  p->customers = std::make_unique<crm::CustomerRepository>(*p->db);
  p->catalogue = std::make_unique<crm::CatalogueRepository>(*p->db);
  p->orders = std::make_unique<crm::OrderRepository>(*p->db);
  p->order_desk = std::make_unique<crm::OrderDesk>(*p->db, *p->catalogue, *p->customers, *p->orders,
                                                   *p->notifier, p->zone);
  p->cases = std::make_unique<crm::CaseDesk>(*p->db, *p->notifier);
  p->callbacks = std::make_unique<crm::CallbackDesk>(*p->db);
  p->crm = std::make_unique<api::CrmServices>(api::CrmServices{*p->db, *p->customers, *p->catalogue, *p->order_desk,
                                                               *p->cases, *p->callbacks, p->zone});
  p->script_store = std::make_unique<script_desk::ScriptStore>(*p->db);
  p->script_sessions = std::make_unique<script_desk::ScriptSessions>();
  auto admin = EnsureAdmin(*p->directory, *p->audit, now);
  if (!admin) return tl::unexpected(admin.error());
  info.admin_password = *admin;

  const std::filesystem::path logins_file =
      std::filesystem::path(settings_.store.data_dir) / "demo-logins.json";
  if (settings_.demo) {
    auto seeded = DemoSeeded(*p->directory);
    if (!seeded) return tl::unexpected(seeded.error());
    if (!*seeded) {
      auto logins = SeedDemo(*p->directory, *p->repository, now);
      if (!logins) return tl::unexpected(logins.error());
      auto company = p->directory->FindTenant(kDemoCompany);
      if (!company) return tl::unexpected(company.error());
      auto crm_seeded = SeedDemoCrm({*p->db, *p->directory, *p->customers, *p->catalogue, *p->orders,
                                     *p->order_desk, *p->cases, *p->callbacks},
                                    company->id, now);
      if (!crm_seeded) return tl::unexpected(crm_seeded.error());
      if (auto s = WriteDemoLogins(logins_file, *logins); !s) return tl::unexpected(s.error());
      info.demo_logins = *logins;
    } else if (auto logins = ReadDemoLogins(logins_file)) {
      info.demo_logins = *logins;
    }
    // Also for a demo database made before scripts existed.
    auto company = p->directory->FindTenant(kDemoCompany);
    if (!company) return tl::unexpected(company.error());
    if (auto scripts = SeedDemoScripts(*p->script_store, *p->repository, company->id, now); !scripts) {
      return tl::unexpected(scripts.error());
    }
    // The telephone test line, when SIP runs (also for demo data made before SIP existed).
    p->sip_accounts = std::make_unique<SipAccounts>(*p->db);
    if (settings_.sip.enabled) {
      auto line = EnsureDemoSipLine(*p->directory, *p->repository, *p->sip_accounts, company->id,
                                    settings_.sip.realm, now);
      if (!line) return tl::unexpected(line.error());
      if (!line->empty()) {
        info.demo_logins.insert(info.demo_logins.end(), line->begin(), line->end());
        if (auto s = WriteDemoLogins(logins_file, info.demo_logins); !s) return tl::unexpected(s.error());
      }
    }
  }
  if (!p->sip_accounts) p->sip_accounts = std::make_unique<SipAccounts>(*p->db);

  p->log = std::make_unique<storage::InteractionLog>(*p->db);
  p->cdrs = std::make_unique<reporting::CdrRepository>(*p->db);
  auto projector = reporting::CdrProjector::Open(*p->db, *p->log);
  if (!projector) return tl::unexpected(projector.error());
  p->projector = std::move(*projector);
  // Calls get ids from a block of this node's own; after a crash only this
  // node's calls are closed (on a shared database others may be live).
  auto node = LoadNodeId(settings_.store.data_dir);
  if (!node) return tl::unexpected(node.error());
  auto owned = CallsOwnedBy(*p->db, *node);
  if (!owned) return tl::unexpected(owned.error());
  auto interrupted = p->projector->RecoverInterrupted(now, *owned);
  if (!interrupted) return tl::unexpected(interrupted.error());
  info.interrupted = *interrupted;
  // Recordings the previous run left unfinished: mended, or marked missing.
  p->recording_store = std::make_unique<recordings::RecordingStore>(*p->db);
  p->data_dir = settings_.store.data_dir;
  p->owned_calls = *owned;
  auto repaired = p->recording_store->RepairUnfinished(settings_.store.data_dir, now, *owned);
  if (!repaired) return tl::unexpected(repaired.error());
  if (repaired->repaired + repaired->missing + repaired->unreadable > 0) {
    spdlog::warn("recordings left unfinished by the previous run: {} repaired, {} missing, {} unreadable",
                 repaired->repaired, repaired->missing, repaired->unreadable);
  }
  if (!interrupted->empty()) {
    spdlog::warn("{} call(s) left open by the previous run were closed as interrupted",
                 interrupted->size());
  }

  auto setup = BuildSetup(*p->directory, *p->repository);
  if (!setup) return tl::unexpected(setup.error());
  auto block = ReserveCallIds(*p->db, *node,
                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                  now.time_since_epoch())
                                  .count());
  if (!block) return tl::unexpected(block.error());

  centre::CentreOptions centre_options;
  centre_options.next_midnight = [zone = p->zone](core::Timestamp t) { return zone.NextMidnight(t); };
  auto dial_plan = centre::DialPlan::Make(settings_.dial_plan);
  if (!dial_plan) return tl::unexpected(dial_plan.error());
  centre_options.dial_plan = std::move(*dial_plan);
  p->centre = std::make_unique<centre::Centre>(p->clock, *p->log, centre_options);

  SimWorldOptions sim;
  sim.seed = settings_.seed;
  sim.first_call_id = block->first;
  sim.bots = settings_.demo && settings_.bots;
  sim.traffic = settings_.demo && settings_.traffic;
  sim.rate_multiplier = settings_.traffic_multiplier;
  sim.local_hour = [zone = p->zone](core::Timestamp t) {
    auto local = zone.ToLocal(t);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(local.time_of_day).count());
  };
  if (settings_.demo) sim.streams = DemoTraffic();
  p->sim = std::make_unique<SimWorld>(*p->centre, p->clock, std::move(sim));
  p->sim->Attach();
  if (settings_.sip.enabled) {
    // SIP calls take their ids from the upper half of this run's block.
    p->sip_recordings = std::make_unique<SipRecordings>(*p->recording_store, *p->centre, p->clock,
                                                        settings_.store.data_dir);
    SipSettings sip_settings = settings_.sip;
    sip_settings.tls_work_dir = (std::filesystem::path(settings_.store.data_dir) / "sip-tls").string();
    auto sip = SipWorld::Create(*p->centre, p->clock, std::move(sip_settings), *p->sip_accounts, *p->sim,
                                block->first + kCallIdBlockSize / 2, p->sip_recordings.get());
    if (!sip) return tl::unexpected(sip.error());
    p->sip = std::move(*sip);
    p->sip_recordings->SetTelephony(&p->sip->telephony());
    p->sip->Attach();
    info.sip = fmt::format("{}:{}", p->sip->address(), p->sip->port());
    if (p->sip->tls_port() != 0) info.sips = fmt::format("{}:{}", p->sip->address(), p->sip->tls_port());
  }

  p->training = std::make_unique<api::TrainingCalls>(*p->centre, p->hub);
  p->scripts = std::make_unique<api::ScriptServices>(
      api::ScriptServices{*p->db, *p->script_store, *p->script_sessions, *p->training, p->hub});
  p->services = std::make_unique<api::ApiServices>(api::ApiServices{
      *p->directory, *p->auth, *p->tokens, *p->audit, *p->centre, *p->repository, *p->log,
      *p->cdrs, p->clock, p->sim.get(), std::string(kOpenApiSpec),
      !settings_.tls_certificate.empty(), p->crm.get(), p->scripts.get()});
  p->phones = std::make_unique<SipPhones>(*p->sip_accounts, settings_.sip.realm, *p->centre, p->sip.get(), p->clock);
  p->services->phones = p->phones.get();
  p->ivr = std::make_unique<IvrMenus>(*p->db, *p->repository, *p->centre, p->sip.get(), settings_.store.data_dir,
                                      p->zone.name());
  p->services->ivr = p->ivr.get();
  p->recordings = std::make_unique<api::RecordingServices>(
      api::RecordingServices{*p->recording_store, settings_.store.data_dir, p->sip_recordings.get()});
  p->services->recordings = p->recordings.get();
  p->feed = std::make_unique<api::LiveFeed>(*p->services, p->hub, settings_.snapshot_period);
  p->centre->AddListener(p->feed.get());
  p->centre->Start(*setup);

  std::vector<core::AgentId> bot_seats;
  if (settings_.demo) {
    auto users = p->directory->ListUsers();
    if (!users) return tl::unexpected(users.error());
    for (const auto& u : *users) {
      if (u.role == access::Role::kOperator && !u.disabled && !IsDemoSipLogin(u.login)) {
        bot_seats.push_back(core::AgentId(u.id.value()));
      }
    }
  }
  p->sim->Begin(bot_seats);
  p->feed->Start();
  if (auto installed = p->ivr->Install(); !installed) return tl::unexpected(installed.error());
  if (settings_.demo && settings_.sip.enabled) {
    auto company = p->directory->FindTenant(kDemoCompany);
    if (!company) return tl::unexpected(company.error());
    if (auto menu = EnsureDemoIvr(*p->ivr, *p->repository, company->id); !menu) {
      spdlog::warn("the demo's IVR menu on {} is not there: {}", kDemoIvrNumber, menu.error().message);
    }
  }

  auto& registry = *p->metrics.registry();
  p->waiting_gauge = &prometheus::BuildGauge().Name("cc_queue_waiting").Help("Callers waiting").Register(registry);
  p->offered_gauge =
      &prometheus::BuildGauge().Name("cc_queue_offered_today").Help("Calls offered today").Register(registry);
  p->agents_gauge = &prometheus::BuildGauge().Name("cc_agents").Help("Agents by state").Register(registry);
  p->log_seq_gauge = &prometheus::BuildGauge()
                          .Name("cc_storage_log_projected_seq")
                          .Help("Last interaction-log sequence turned into call records")
                          .Register(registry)
                          .Add({});

  http::Router router;
  router.Add("GET", "/health", [](http::Request&) {
    return http::Json(200, nlohmann::json{{"status", "ok"}});
  });
  router.Add("GET", "/metrics", [metrics = &p->metrics](http::Request& r) { return metrics->Handle(r); });
  api::AddRoutes(router, *p->services);
  auto web = http::StaticFiles::Load(settings_.web_root);
  if (!web) spdlog::warn("web: {}; the browser gets a page saying so", web.error().message);
  else spdlog::info("web: serving {} files from {}", web->size(), settings_.web_root);
  router.SetFallback([files = std::make_shared<const http::StaticFiles>(
                          web ? std::move(*web) : http::StaticFiles::NotBuilt(web.error().message))](
                         http::Request& r) { return files->Serve(r); });

  http::ServerOptions options;
  options.address = settings_.address;
  options.port = settings_.port;
  options.threads = settings_.http_threads;
  options.tls_cert_file = settings_.tls_certificate;
  options.tls_key_file = settings_.tls_key;
  options.websocket.path = "/ws";
  options.websocket.hub = &p->hub;
  options.websocket.allowed_origins = settings_.allowed_origins;
  options.websocket.authorize = [feed = p->feed.get()](const http::Request& r) {
    return feed->Authorize(r);
  };
  p->server = std::make_unique<http::Server>(options, std::move(router), &p->metrics);
  auto endpoint = p->server->Start();
  if (!endpoint) {
    p->feed->Stop();
    if (p->sip) p->sip->Stop();
    p->sim->Stop();
    p->centre->Stop();
    return tl::unexpected(endpoint.error());
  }
  info.endpoint = *endpoint;
  info.url = fmt::format("{}://{}/", settings_.tls_certificate.empty() ? "http" : "https",
                         endpoint->ToString());
  p->pump = std::thread([raw = p.get()] { raw->RunPump(); });
  parts_ = std::move(p);
  return info;
}

void ServerApp::Stop() {
  if (!parts_) return;
  Parts& p = *parts_;
  p.chores_stop = true;
  p.server->Stop(std::chrono::seconds(5));
  p.feed->Stop();
  // The pump asks the centre for figures: it stops while the centre's loop
  // still answers (an Ask posted to a stopped loop would wait forever). What
  // the log gains after this is projected at the next start.
  {
    std::lock_guard lock(p.pump_mutex);
    p.pump_stop = true;
  }
  p.pump_wake.notify_all();
  if (p.pump.joinable()) p.pump.join();
  if (p.sip) p.sip->Stop();
  p.sim->Stop();
  p.centre->Stop();
  parts_.reset();
}

void PrintStartInfo(const StartInfo& info, const ServerSettings& settings, std::ostream& out) {
  out << "callcenter is running: open " << info.url << "\n";
  if (info.admin_password) {
    out << "first start: administrator login 'admin', password '" << *info.admin_password
        << "' (shown once; change it with `callcenter user passwd admin`)\n";
  }
  if (info.sip) {
    out << "SIP: agents' phones register at sip:USER@" << *info.sip << " (UDP or TCP)";
    if (settings.demo) {
      out << "; callers dial sip:" << kDemoSipNumber << "@" << *info.sip << " (queue " << kDemoSipQueue
          << ") or sip:" << kDemoIvrNumber << "@" << *info.sip << " (a voice menu in front of it)";
    }
    out << "\n";
  }
  if (!info.demo_logins.empty()) {
    out << "demo centre " << kDemoCompany << " (logins also in "
        << (std::filesystem::path(settings.store.data_dir) / "demo-logins.json").string() << "):\n";
    for (const auto& l : info.demo_logins) {
      out << fmt::format("  {:<12} {:<16} {:<15} {}\n", l.login, l.password, l.role, l.name);
    }
  }
  out.flush();
}

}  // namespace cc::app
