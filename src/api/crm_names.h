// Names beside the ids in CRM answers — customer_name, manager_name,
// created_by_name, department_name and history[].by_name — so a screen shows
// people and departments in words without reading users or departments
// (which most roles may not). One NameBook per request remembers what it
// looked up; an id that no longer resolves gets an empty name.
// Thread-safety: one request, one thread.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "api/api.h"

namespace cc::api {

class NameBook {
 public:
  NameBook(ApiServices& s, CrmServices& desks) : s_(s), desks_(desks) {}

  nlohmann::json Order(nlohmann::json order);
  nlohmann::json Case(nlohmann::json c);
  std::string User(std::uint64_t id);
  std::string Customer(std::uint64_t id);
  std::string Department(std::uint64_t tenant, std::uint64_t id);

 private:
  void History(nlohmann::json& history);

  ApiServices& s_;
  CrmServices& desks_;
  std::map<std::uint64_t, std::string> users_, customers_;
  std::map<std::uint64_t, std::map<std::uint64_t, std::string>> departments_;  // tenant -> id -> name
};

}  // namespace cc::api
