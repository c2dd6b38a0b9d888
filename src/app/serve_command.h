// `callcenter serve`: runs the centre server until SIGTERM or SIGINT, then
// drains and flushes and exits 0. Prints `listening http=ADDRESS:PORT` first
// (tests and scripts read the port from it), then the URL and the logins.
// Exit codes: 0 after a clean stop, 1 when the server cannot start, 2 for
// configuration errors (the message names the key and line).
// Thread-safety: run from main.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace cc::app {

struct ServeOptions {
  std::string config_file;
  std::string listen;  // ADDRESS:PORT, overrides the config
  std::string data_dir;
  std::string web_root;
  std::string database;
  bool demo = false;
  bool no_bots = false;
  bool no_traffic = false;
  double traffic_multiplier = 0;  // 0: as configured
  bool fast_passwords = false;    // tests only: the cheapest Argon2id cost
  std::string sip_listen;         // ADDRESS:PORT: SIP on, overriding the config
  bool no_sip = false;
};

CLI::App* AddServeCommand(CLI::App& app, ServeOptions& options);
int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cc::app
