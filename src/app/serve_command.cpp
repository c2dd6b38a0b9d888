#include "app/serve_command.h"

#include <malloc.h>
#include <signal.h>

#include "app/server_app.h"
#include "app/server_config.h"

namespace cc::app {

namespace {

// The config file (if any) with the command line on top.
core::Result<ServerSettings> Settings(const ServeOptions& o) {
  ServerConfig config;
  if (!o.config_file.empty()) {
    auto loaded = LoadServerConfig(o.config_file);
    if (!loaded) return tl::unexpected(loaded.error());
    config = *loaded;
  }
  ServerSettings s;
  s.address = config.listen.address;
  s.port = config.listen.port;
  s.store.data_dir = config.data_dir;
  s.store.database = config.database_url;
  s.time_zone = config.time_zone;
  s.http_threads = config.http_threads;
  s.tls_certificate = config.https_certificate;
  s.tls_key = config.https_key;
  s.sessions.idle_timeout = config.session_idle;
  s.sessions.absolute_timeout = config.session_absolute;
  s.allowed_origins = config.allowed_origins;
  s.web_root = config.web_root;
  s.demo = config.demo.enabled;
  s.bots = config.demo.bots;
  s.traffic = config.demo.traffic;
  s.seed = config.demo.seed;
  if (!o.listen.empty()) {
    auto listen = ParseListen(o.listen);
    if (!listen) return core::Fail(core::ErrorCode::kInvalidArgument, "--listen: " + listen.error().message);
    s.address = listen->address;
    s.port = listen->port;
  }
  if (!o.data_dir.empty()) s.store.data_dir = o.data_dir;
  if (!o.web_root.empty()) s.web_root = o.web_root;
  if (!o.database.empty()) s.store.database = o.database;
  if (o.demo) s.demo = true;
  if (o.no_bots) s.bots = false;
  if (o.no_traffic) s.traffic = false;
  if (o.traffic_multiplier > 0) s.traffic_multiplier = o.traffic_multiplier;
  s.dial_plan = config.dial_plan;
  s.sip.enabled = config.sip.enabled;
  s.sip.address = config.sip.listen.address;
  s.sip.port = config.sip.listen.port;
  s.sip.rtp_min = config.sip.rtp_min;
  s.sip.rtp_max = config.sip.rtp_max;
  s.sip.media_threads = config.sip.media_threads;
  s.sip.realm = config.sip.realm;
  s.sip.language = config.sip.language;
  s.sip.prompts_dir = config.sip.prompts_dir;
  s.sip.trunk_address = config.sip.trunk_address;
  s.sip.trunk_user = config.sip.trunk_user;
  s.sip.trunk_password = config.sip.trunk_password;
  s.sip.inbound_open = config.sip.inbound_open;
  s.sip.peers = config.sip.peers;
  s.sip.security = config.sip.security;
  s.sip.tls = config.sip.tls;
  s.sip.tls_port = config.sip.tls_port;
  s.sip.tls_certificate = config.sip.tls_certificate;
  s.sip.tls_key = config.sip.tls_key;
  s.sip.tls_srtp = config.sip.tls_srtp;
  if (!o.sip_listen.empty()) {
    auto listen = ParseListen(o.sip_listen);
    if (!listen) return core::Fail(core::ErrorCode::kInvalidArgument, "--sip-listen: " + listen.error().message);
    s.sip.enabled = true;
    s.sip.address = listen->address;
    s.sip.port = listen->port;
  }
  if (o.no_sip) s.sip.enabled = false;
  if (o.fast_passwords) s.password_cost = access::PasswordCost::kMinimum;
  return s;
}

}  // namespace

CLI::App* AddServeCommand(CLI::App& app, ServeOptions& o) {
  auto* cmd = app.add_subcommand("serve", "Run the contact-centre server (HTTP API, WebSocket, live centre)");
  cmd->add_option("--config", o.config_file, "Configuration file (TOML, see examples/callcenter.toml)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--listen", o.listen, "ADDRESS:PORT to listen on (port 0: any free port)");
  cmd->add_option("--data-dir", o.data_dir, "Directory for the database, recordings and logs (default ./var)");
  cmd->add_option("--database", o.database, "sqlite:FILE (default: DATA_DIR/callcenter.db)");
  cmd->add_option("--web-root", o.web_root, "Folder of the built web app (default web/dist)");
  cmd->add_flag("--demo", o.demo, "Seed and run the demo centre with simulated callers and bot agents");
  cmd->add_flag("--no-bots", o.no_bots, "Demo: no bot agents; people take every seat");
  cmd->add_flag("--no-traffic", o.no_traffic, "Demo: no generated callers (inject calls through the API)");
  cmd->add_option("--traffic-multiplier", o.traffic_multiplier, "Demo: multiply the caller arrival rate")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--sip-listen", o.sip_listen,
                  "ADDRESS:PORT for SIP (UDP and TCP; port 0: any free port); turns SIP telephony on");
  cmd->add_flag("--no-sip", o.no_sip, "No SIP telephony, whatever the config file says");
  cmd->add_flag("--fast-passwords", o.fast_passwords,
                "Tests only: hash passwords with the cheapest Argon2id cost");
  return cmd;
}

int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  auto settings = Settings(options);
  if (!settings) {
    err << "error: " << settings.error().message << "\n";
    return 2;
  }
  // The 1 Hz WebSocket fan-out allocates and frees a few MB each second; by
  // default glibc returns the top of the heap to the kernel after each and
  // asks for it again a second later (sysmalloc ~9 % of a 5,000-client
  // fan-out, bench/README.md). Keep up to 64 MB of free heap instead.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  // SIGTERM and SIGINT are taken by sigwait below; every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  ServerApp server(*settings);
  auto info = server.Start();
  if (!info) {
    err << "error: " << info.error().message << "\n";
    return info.error().code == core::ErrorCode::kInvalidArgument ? 2 : 1;
  }
  out << "listening http=" << info->endpoint.ToString() << "\n";
  if (info->sip) out << "listening sip=" << *info->sip << "\n";
  if (info->sips) out << "listening sips=" << *info->sips << "\n";
  PrintStartInfo(*info, *settings, out);

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  out << "stopping (signal " << signal_number << "): draining requests and flushing the log\n";
  out.flush();
  server.Stop();
  out << "stopped\n";
  return 0;
}

}  // namespace cc::app
