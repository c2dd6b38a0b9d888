// The demo centre ООО «Бета»: a client company with departments, skills,
// queues (sales, orders, complaints, VIP, team leads), three teams with their
// leads, about thirty operators and one user for every other role; and the
// caller traffic its numbers receive over a day. Seeded once into an empty
// database by `serve --demo`; the generated logins go to demo-logins.json.
// Thread-safety: functions; the repositories they use are thread-safe.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "access/directory.h"
#include "centre/centre_repository.h"
#include "core/result.h"
#include "telephony/traffic_stream.h"

namespace cc::app {

struct DemoLogin {
  std::string login;
  std::string password;
  std::string role;
  std::string name;
};

// True when the directory already holds the demo company.
core::Result<bool> DemoSeeded(access::Directory& directory);

// Creates the company, its directory and routing setup; returns the logins
// with their generated passwords (never fixed defaults).
core::Result<std::vector<DemoLogin>> SeedDemo(access::Directory& directory,
                                              centre::CentreRepository& centre,
                                              core::Timestamp now);

core::Status WriteDemoLogins(const std::filesystem::path& file, const std::vector<DemoLogin>& logins);
core::Result<std::vector<DemoLogin>> ReadDemoLogins(const std::filesystem::path& file);

// The numbers of the demo queues and a working day's arrival profile for each.
std::vector<telephony::TrafficStream> DemoTraffic();

inline constexpr const char* kDemoCompany = "ООО «Бета»";

}  // namespace cc::app
