#include "api/crm_names.h"

#include "access/directory.h"
#include "crm/customer_repository.h"

namespace cc::api {

namespace {

using nlohmann::json;

std::uint64_t IdOr0(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>()
         : it != j.end() && it->is_number_integer() ? static_cast<std::uint64_t>(it->get<std::int64_t>())
                                                    : 0;
}

}  // namespace

std::string NameBook::User(std::uint64_t id) {
  if (id == 0) return "";
  auto [it, fresh] = users_.try_emplace(id);
  if (fresh) {
    auto user = s_.directory.GetUser(core::UserId(static_cast<std::uint32_t>(id)));
    if (user) it->second = user->display_name.empty() ? user->login : user->display_name;
  }
  return it->second;
}

std::string NameBook::Customer(std::uint64_t id) {
  if (id == 0) return "";
  auto [it, fresh] = customers_.try_emplace(id);
  if (fresh) {
    auto customer = desks_.customers.Get(crm::CustomerId(id));
    if (customer && *customer) it->second = (*customer)->name;
  }
  return it->second;
}

std::string NameBook::Department(std::uint64_t tenant, std::uint64_t id) {
  auto [it, fresh] = departments_.try_emplace(tenant);
  if (fresh) {
    auto list = s_.directory.ListDepartments(core::TenantId(static_cast<std::uint32_t>(tenant)));
    if (list) {
      for (const auto& d : *list) it->second[d.id.value()] = d.name;
    }
  }
  auto found = it->second.find(id);
  return found == it->second.end() ? "" : found->second;
}

void NameBook::History(json& history) {
  if (!history.is_array()) return;
  for (json& h : history) {
    h["by_name"] = User(IdOr0(h, "by"));
    if (h.contains("manager_id")) h["manager_name"] = User(IdOr0(h, "manager_id"));
  }
}

json NameBook::Order(json order) {
  order["customer_name"] = Customer(IdOr0(order, "customer_id"));
  order["manager_name"] = User(IdOr0(order, "manager_id"));
  order["created_by_name"] = User(IdOr0(order, "created_by"));
  History(order["history"]);
  return order;
}

json NameBook::Case(json c) {
  c["customer_name"] = Customer(IdOr0(c, "customer_id"));
  c["created_by_name"] = User(IdOr0(c, "created_by"));
  c["department_name"] = Department(IdOr0(c, "tenant_id"), IdOr0(c, "department_id"));
  History(c["history"]);
  return c;
}

}  // namespace cc::api
