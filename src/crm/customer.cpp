#include "crm/customer.h"

#include <fmt/format.h>

#include "crm/json_fields.h"
#include "crm/phone.h"

namespace cc::crm {

namespace jf = json_fields;
using nlohmann::json;

std::string_view ToString(CustomerKind kind) {
  return kind == CustomerKind::kOrganisation ? "organisation" : "person";
}

json ToJson(const Consent& consent) {
  json out = {{"purpose", consent.purpose},
              {"granted", consent.granted},
              {"at", core::FormatUtc(consent.at)},
              {"source", consent.source}};
  out["recorded_by"] = consent.recorded_by ? json(consent.recorded_by->value()) : json(nullptr);
  return out;
}

json ToJson(const Customer& c) {
  json phones = json::array();
  for (const Phone& p : c.phones) {
    phones.push_back({{"number", p.number}, {"display", FormatPhone(p.number)}, {"label", p.label}});
  }
  json contacts = json::array();
  for (const Contact& k : c.contacts) {
    contacts.push_back({{"name", k.name},
                        {"phone", k.phone},
                        {"position", k.position},
                        {"may_accept", k.may_accept},
                        {"may_pay", k.may_pay},
                        {"may_sign", k.may_sign}});
  }
  json consents = json::array();
  for (const Consent& k : c.consents) consents.push_back(ToJson(k));
  return {{"id", c.id.value()},
          {"tenant_id", c.tenant.value()},
          {"kind", ToString(c.kind)},
          {"name", c.name},
          {"phones", phones},
          {"emails", c.emails},
          {"addresses", c.addresses},
          {"note", c.note},
          {"customer_group_id", c.group ? json(c.group->value()) : json(nullptr)},
          {"contacts", contacts},
          {"consents", consents},
          {"created_at", core::FormatUtc(c.created_at)},
          {"updated_at", core::FormatUtc(c.updated_at)},
          {"erased", c.erased}};
}

json ToJson(const CustomerSummary& s) {
  return {{"id", s.id.value()},
          {"tenant_id", s.tenant.value()},
          {"kind", ToString(s.kind)},
          {"name", s.name},
          {"phones", s.phones}};
}

namespace {

core::Result<std::vector<Phone>> ReadPhones(const json& body) {
  auto list = jf::Array(body, "phones");
  if (!list) return tl::unexpected(list.error());
  std::vector<Phone> phones;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string where = fmt::format("phones[{}]", i);
    Phone phone;
    std::string raw;
    if (item.is_string()) {
      raw = item.get<std::string>();
    } else if (item.is_object()) {
      auto number = jf::Text(item, "number", 40);
      if (!number) return tl::unexpected(jf::Invalid(where + "." + number.error().message));
      raw = *number;
      auto label = jf::OptionalText(item, "label", 40);
      if (!label) return tl::unexpected(jf::Invalid(where + "." + label.error().message));
      phone.label = *label;
    } else {
      return tl::unexpected(jf::Invalid(where + " must be a number text or {\"number\", \"label\"}"));
    }
    auto normalised = NormalizePhone(raw);
    if (!normalised) return tl::unexpected(jf::Invalid(where + ": " + normalised.error().message));
    phone.number = *normalised;
    for (const Phone& earlier : phones) {
      if (earlier.number == phone.number) {
        return tl::unexpected(jf::Invalid(where + ": " + phone.number + " is listed twice"));
      }
    }
    phones.push_back(std::move(phone));
  }
  if (phones.size() > 10) return tl::unexpected(jf::Invalid("phones: at most 10 numbers"));
  return phones;
}

core::Result<std::vector<std::string>> ReadTexts(const json& body, const std::string& key,
                                                 std::size_t max_items) {
  auto list = jf::Array(body, key);
  if (!list) return tl::unexpected(list.error());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>().size() > 500) {
      return tl::unexpected(jf::Invalid(fmt::format("{}[{}] must be a non-empty text", key, i)));
    }
    out.push_back(item.get<std::string>());
  }
  if (out.size() > max_items) {
    return tl::unexpected(jf::Invalid(fmt::format("{}: at most {} entries", key, max_items)));
  }
  return out;
}

core::Result<std::vector<Contact>> ReadContacts(const json& body) {
  auto list = jf::Array(body, "contacts");
  if (!list) return tl::unexpected(list.error());
  std::vector<Contact> contacts;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string where = fmt::format("contacts[{}].", i);
    if (!item.is_object()) return tl::unexpected(jf::Invalid(fmt::format("contacts[{}] must be an object", i)));
    Contact c;
    auto name = jf::Text(item, "name", 200);
    auto phone = jf::OptionalText(item, "phone", 40);
    auto position = jf::OptionalText(item, "position", 200);
    auto accept = jf::Bool(item, "may_accept", false);
    auto pay = jf::Bool(item, "may_pay", false);
    auto sign = jf::Bool(item, "may_sign", false);
    for (const core::Error* e : {name ? nullptr : &name.error(), phone ? nullptr : &phone.error(),
                                 position ? nullptr : &position.error(),
                                 accept ? nullptr : &accept.error(), pay ? nullptr : &pay.error(),
                                 sign ? nullptr : &sign.error()}) {
      if (e != nullptr) return tl::unexpected(jf::Invalid(where + e->message));
    }
    c.name = *name;
    c.position = *position;
    c.may_accept = *accept;
    c.may_pay = *pay;
    c.may_sign = *sign;
    if (!phone->empty()) {
      auto normalised = NormalizePhone(*phone);
      if (!normalised) return tl::unexpected(jf::Invalid(where + "phone: " + normalised.error().message));
      c.phone = *normalised;
    }
    contacts.push_back(std::move(c));
  }
  if (contacts.size() > 50) return tl::unexpected(jf::Invalid("contacts: at most 50 people"));
  return contacts;
}

}  // namespace

core::Result<Customer> CustomerFromJson(const json& body) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("a customer must be a JSON object"));
  Customer c;
  auto tenant = jf::Int(body, "tenant_id", 1, 0xFFFFFFFF);
  if (!tenant) return tl::unexpected(tenant.error());
  c.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto kind = jf::OptionalText(body, "kind", 20);
  if (!kind) return tl::unexpected(kind.error());
  if (kind->empty() || *kind == "person") {
    c.kind = CustomerKind::kPerson;
  } else if (*kind == "organisation" || *kind == "organization") {
    c.kind = CustomerKind::kOrganisation;
  } else {
    return tl::unexpected(jf::Invalid("kind must be person or organisation, not \"" + *kind + "\""));
  }
  auto name = jf::Text(body, "name", 300);
  if (!name) return tl::unexpected(name.error());
  c.name = *name;
  auto phones = ReadPhones(body);
  if (!phones) return tl::unexpected(phones.error());
  c.phones = std::move(*phones);
  auto emails = ReadTexts(body, "emails", 10);
  if (!emails) return tl::unexpected(emails.error());
  for (std::size_t i = 0; i < emails->size(); ++i) {
    const std::string& e = (*emails)[i];
    const auto at = e.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= e.size() || e.find(' ') != std::string::npos) {
      return tl::unexpected(jf::Invalid(fmt::format("emails[{}]: \"{}\" is not an e-mail address", i, e)));
    }
  }
  c.emails = std::move(*emails);
  auto addresses = ReadTexts(body, "addresses", 10);
  if (!addresses) return tl::unexpected(addresses.error());
  c.addresses = std::move(*addresses);
  auto note = jf::OptionalText(body, "note", 4000);
  if (!note) return tl::unexpected(note.error());
  c.note = *note;
  auto group = jf::OptionalInt(body, "customer_group_id", 1, INT64_MAX);
  if (!group) return tl::unexpected(group.error());
  if (*group) c.group = CustomerGroupId(static_cast<std::uint64_t>(**group));
  auto contacts = ReadContacts(body);
  if (!contacts) return tl::unexpected(contacts.error());
  c.contacts = std::move(*contacts);
  return c;
}

core::Result<Consent> ConsentFromJson(const json& body, core::Timestamp at,
                                      std::optional<core::UserId> by) {
  if (!body.is_object()) return tl::unexpected(jf::Invalid("a consent must be a JSON object"));
  auto purpose = jf::Text(body, "purpose", 40);
  if (!purpose) return tl::unexpected(purpose.error());
  if (*purpose != "personal_data" && *purpose != "marketing") {
    return tl::unexpected(jf::Invalid("purpose must be personal_data or marketing"));
  }
  auto granted = jf::Bool(body, "granted", true);
  if (!granted) return tl::unexpected(granted.error());
  auto source = jf::Text(body, "source", 200);
  if (!source) return tl::unexpected(source.error());
  return Consent{*purpose, *granted, at, *source, by};
}

}  // namespace cc::crm
