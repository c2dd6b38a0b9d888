// Customers: people and organisations a client company (tenant) serves, with
// their phone numbers (E.164), e-mails, addresses, the authorised people of
// an organisation with what each may do on delivery, and consent records.
// CustomerFromJson is the boundary: everything from the API or a CSV import
// passes through it and comes out validated and normalised.
// Thread-safety: value types and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "crm/ids.h"

namespace cc::crm {

enum class CustomerKind { kPerson, kOrganisation };

struct Phone {
  std::string number;  // E.164
  std::string label;   // "mobile", "office", ...
  friend bool operator==(const Phone&, const Phone&) = default;
};

// Someone who may act for the customer when an order is delivered.
struct Contact {
  std::string name;
  std::string phone;  // E.164, may be empty
  std::string position;
  bool may_accept = false;  // may accept the goods
  bool may_pay = false;     // may pay on delivery
  bool may_sign = false;    // may sign the documents
  friend bool operator==(const Contact&, const Contact&) = default;
};

// A consent given or withdrawn: personal-data processing or marketing.
struct Consent {
  std::string purpose;  // "personal_data" or "marketing"
  bool granted = true;
  core::Timestamp at;
  std::string source;  // "call", "web form", "paper", ...
  std::optional<core::UserId> recorded_by;
  friend bool operator==(const Consent&, const Consent&) = default;
};

struct Customer {
  CustomerId id;
  core::TenantId tenant;
  CustomerKind kind = CustomerKind::kPerson;
  std::string name;
  std::vector<Phone> phones;
  std::vector<std::string> emails;
  std::vector<std::string> addresses;
  std::string note;
  std::optional<CustomerGroupId> group;
  std::vector<Contact> contacts;
  std::vector<Consent> consents;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  bool erased = false;
};

// The short form lists and caller lookups show.
struct CustomerSummary {
  CustomerId id;
  core::TenantId tenant;
  CustomerKind kind = CustomerKind::kPerson;
  std::string name;
  std::vector<std::string> phones;
};

std::string_view ToString(CustomerKind kind);

nlohmann::json ToJson(const Customer& customer);
nlohmann::json ToJson(const CustomerSummary& summary);
nlohmann::json ToJson(const Consent& consent);

// Reads a customer from API JSON: {"tenant_id", "kind", "name", "phones":
// [{"number","label"}] or ["+7..."], "emails", "addresses", "note",
// "customer_group_id", "contacts": [{"name","phone","position","may_accept",
// "may_pay","may_sign"}]}. Phones are normalised; errors name the field
// ("phones[1]: \"12\" is not a phone number: ..."). Consents are not read
// here (they are recorded one by one, with who and when).
core::Result<Customer> CustomerFromJson(const nlohmann::json& body);

// A consent from {"purpose","granted","source"}; `at` and `by` come from the server.
core::Result<Consent> ConsentFromJson(const nlohmann::json& body, core::Timestamp at,
                                      std::optional<core::UserId> by);

}  // namespace cc::crm
