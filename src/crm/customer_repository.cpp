#include "crm/customer_repository.h"

#include <fmt/format.h>

#include <map>

#include "crm/search_text.h"
#include "crm/sql_util.h"
#include "crm/word_search.h"

namespace cc::crm {

using nlohmann::json;
using storage::Statement;
using storage::Value;

namespace {

std::string DetailsJson(const Customer& c) {
  return json{{"emails", c.emails}, {"addresses", c.addresses}, {"note", c.note}}.dump();
}

// The words a customer is found by: the name's words and each number's
// digits (with and without the country code, so "916" and "7916" both work).
std::vector<std::string> CustomerWords(const Customer& c) {
  std::vector<std::string> words = SearchWords(c.name);
  for (const Phone& p : c.phones) {
    const std::string digits = p.number.substr(1);
    for (const std::string& w : {digits, p.number.starts_with("+7") ? digits.substr(1) : std::string()}) {
      if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
    }
  }
  return words;
}

core::Result<std::int64_t> Count(storage::Database& db, const std::string& sql, std::vector<Value> params) {
  auto rows = db.Query({sql, std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  return rows->empty() ? 0 : rows->front().Int(0).value_or(0);
}

}  // namespace

CustomerRepository::CustomerRepository(storage::Database& db) : db_(db), ids_(db, "customer") {}

void CustomerRepository::AppendChildren(const Customer& c, std::vector<Statement>& out) const {
  const Value id = sql::Id(c.id.value());
  const Value tenant = static_cast<std::int64_t>(c.tenant.value());
  for (const Phone& p : c.phones) {
    out.push_back({"INSERT INTO crm_customer_phones (phone, customer_id, tenant_id, label) "
                   "VALUES (?, ?, ?, ?)",
                   {p.number, id, tenant, p.label}});
  }
  for (const std::string& w : CustomerWords(c)) {
    out.push_back({"INSERT INTO crm_customer_words (tenant_id, word, customer_id) VALUES (?, ?, ?)",
                   {tenant, w, id}});
  }
  std::int64_t seq = 0;
  for (const Contact& k : c.contacts) {
    out.push_back({"INSERT INTO crm_contacts (customer_id, seq, tenant_id, name, phone, position, "
                   "may_accept, may_pay, may_sign) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {id, ++seq, tenant, k.name, k.phone, k.position,
                    std::int64_t{k.may_accept}, std::int64_t{k.may_pay}, std::int64_t{k.may_sign}}});
  }
}

core::Result<std::vector<Statement>> CustomerRepository::CreateStatements(Customer& c,
                                                                          core::Timestamp now) {
  auto id = ids_.Next();
  if (!id) return tl::unexpected(id.error());
  c.id = CustomerId(*id);
  c.created_at = c.updated_at = now;
  c.erased = false;
  std::vector<Statement> out;
  out.push_back({"INSERT INTO crm_customers (id, tenant_id, kind, name, sort_key, customer_group_id, details, "
                 "created_at_ms, updated_at_ms, erased_at_ms) VALUES (?, ?, ?, ?, ?, CAST(? AS BIGINT), "
                 "?, ?, ?, CAST(NULL AS BIGINT))",
                 {sql::Id(*id), static_cast<std::int64_t>(c.tenant.value()),
                  std::string(ToString(c.kind)), c.name, SortKey(c.name), sql::OptionalId(c.group), DetailsJson(c),
                  core::ToMillis(now), core::ToMillis(now)}});
  AppendChildren(c, out);
  return out;
}

core::Result<Customer> CustomerRepository::Create(Customer c, core::Timestamp now) {
  auto statements = CreateStatements(c, now);
  if (!statements) return tl::unexpected(statements.error());
  if (auto done = db_.Write(std::move(*statements)).get(); !done) return tl::unexpected(done.error());
  return c;
}

core::Result<Customer> CustomerRepository::Update(Customer c, core::Timestamp now) {
  auto existing = Get(c.id);
  if (!existing) return tl::unexpected(existing.error());
  if (!*existing || (*existing)->erased) {
    return core::Fail(core::ErrorCode::kNotFound, fmt::format("customer {} does not exist", c.id.value()));
  }
  c.tenant = (*existing)->tenant;
  c.created_at = (*existing)->created_at;
  c.consents = (*existing)->consents;
  c.updated_at = now;
  const Value id = sql::Id(c.id.value());
  std::vector<Statement> batch = {
      {"UPDATE crm_customers SET kind = ?, name = ?, sort_key = ?, customer_group_id = CAST(? AS BIGINT), "
       "details = ?, updated_at_ms = ? WHERE id = ?",
       {std::string(ToString(c.kind)), c.name, SortKey(c.name), sql::OptionalId(c.group), DetailsJson(c),
        core::ToMillis(now), id}},
      {"DELETE FROM crm_customer_phones WHERE customer_id = ?", {id}},
      {"DELETE FROM crm_customer_words WHERE customer_id = ?", {id}},
      {"DELETE FROM crm_contacts WHERE customer_id = ?", {id}},
  };
  AppendChildren(c, batch);
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  return c;
}

core::Result<std::optional<Customer>> CustomerRepository::Get(CustomerId id) {
  const Value key = sql::Id(id.value());
  auto rows = db_.Query({"SELECT tenant_id, kind, name, customer_group_id, details, created_at_ms, "
                         "updated_at_ms, erased_at_ms FROM crm_customers WHERE id = ?",
                         {key}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<Customer>();
  const storage::Row& r = rows->front();
  Customer c;
  c.id = id;
  c.tenant = core::TenantId(static_cast<std::uint32_t>(r.Int(0).value_or(0)));
  c.kind = r.Text(1).value_or("") == "organisation" ? CustomerKind::kOrganisation : CustomerKind::kPerson;
  c.name = r.Text(2).value_or("");
  if (!r.IsNull(3)) c.group = CustomerGroupId(static_cast<std::uint64_t>(sql::IntOr0(r, 3)));
  const json details = json::parse(r.Text(4).value_or("{}"), nullptr, false);
  if (details.is_object()) {
    c.emails = details.value("emails", std::vector<std::string>{});
    c.addresses = details.value("addresses", std::vector<std::string>{});
    c.note = details.value("note", std::string());
  }
  c.created_at = core::FromMillis(sql::IntOr0(r, 5));
  c.updated_at = core::FromMillis(sql::IntOr0(r, 6));
  c.erased = !r.IsNull(7);

  auto phones = db_.Query(
      {"SELECT phone, label FROM crm_customer_phones WHERE customer_id = ? ORDER BY phone", {key}});
  if (!phones) return tl::unexpected(phones.error());
  for (const storage::Row& p : *phones) c.phones.push_back({p.Text(0).value_or(""), p.Text(1).value_or("")});
  auto contacts = db_.Query({"SELECT name, phone, position, may_accept, may_pay, may_sign FROM "
                             "crm_contacts WHERE customer_id = ? ORDER BY seq",
                             {key}});
  if (!contacts) return tl::unexpected(contacts.error());
  for (const storage::Row& k : *contacts) {
    c.contacts.push_back({k.Text(0).value_or(""), k.Text(1).value_or(""), k.Text(2).value_or(""),
                          sql::IntOr0(k, 3) != 0, sql::IntOr0(k, 4) != 0, sql::IntOr0(k, 5) != 0});
  }
  auto consents = db_.Query({"SELECT purpose, granted, at_ms, source, recorded_by FROM crm_consents "
                             "WHERE customer_id = ? ORDER BY seq",
                             {key}});
  if (!consents) return tl::unexpected(consents.error());
  for (const storage::Row& k : *consents) {
    Consent consent{k.Text(0).value_or(""), sql::IntOr0(k, 1) != 0, core::FromMillis(sql::IntOr0(k, 2)),
                    k.Text(3).value_or(""), std::nullopt};
    if (!k.IsNull(4)) consent.recorded_by = core::UserId(static_cast<std::uint32_t>(sql::IntOr0(k, 4)));
    c.consents.push_back(std::move(consent));
  }
  return std::optional<Customer>(std::move(c));
}

core::Result<std::vector<CustomerSummary>> CustomerRepository::Summaries(const std::string& where,
                                                                         std::vector<Value> params,
                                                                         int limit, int offset) {
  params.push_back(std::int64_t{limit});
  params.push_back(std::int64_t{offset});
  auto rows = db_.Query({"SELECT c.id, c.tenant_id, c.kind, c.name FROM crm_customers c WHERE "
                         "c.erased_at_ms IS NULL" + where + " ORDER BY c.sort_key, c.id LIMIT ? OFFSET ?",
                         std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<CustomerSummary> out;
  std::map<std::uint64_t, std::size_t> index;
  std::vector<Value> ids;
  std::string in;
  for (const storage::Row& r : *rows) {
    CustomerSummary s;
    s.id = CustomerId(static_cast<std::uint64_t>(sql::IntOr0(r, 0)));
    s.tenant = core::TenantId(static_cast<std::uint32_t>(sql::IntOr0(r, 1)));
    s.kind = r.Text(2).value_or("") == "organisation" ? CustomerKind::kOrganisation : CustomerKind::kPerson;
    s.name = r.Text(3).value_or("");
    index[s.id.value()] = out.size();
    ids.push_back(sql::Id(s.id.value()));
    in += in.empty() ? "?" : ", ?";
    out.push_back(std::move(s));
  }
  if (out.empty()) return out;
  auto phones = db_.Query({"SELECT customer_id, phone FROM crm_customer_phones WHERE customer_id IN (" +
                               in + ") ORDER BY phone",
                           std::move(ids)});
  if (!phones) return tl::unexpected(phones.error());
  for (const storage::Row& p : *phones) {
    auto it = index.find(static_cast<std::uint64_t>(sql::IntOr0(p, 0)));
    if (it != index.end()) out[it->second].phones.push_back(p.Text(1).value_or(""));
  }
  return out;
}

core::Result<std::vector<CustomerSummary>> CustomerRepository::FindByPhone(const std::string& e164,
                                                                           const TenantScope& scope) {
  // The number's rows first (the phone index), then those customers.
  std::vector<Value> params = {e164};
  const std::string tenants = sql::TenantFilter("tenant_id", scope, params);
  auto owners = db_.Query({"SELECT customer_id FROM crm_customer_phones WHERE phone = ?" + tenants, std::move(params)});
  if (!owners) return tl::unexpected(owners.error());
  if (owners->empty()) return std::vector<CustomerSummary>();
  std::string in;
  std::vector<Value> ids;
  for (const storage::Row& r : *owners) {
    in += in.empty() ? "?" : ", ?";
    ids.push_back(r.Int(0).value_or(0));
  }
  return Summaries(" AND c.id IN (" + in + ")", std::move(ids), 50, 0);
}

core::Result<std::vector<CustomerSummary>> CustomerRepository::Search(const std::string& query,
                                                                      const TenantScope& scope,
                                                                      int limit) {
  auto match = MatchEveryWord(db_, {"crm_customer_words", "customer_id", "c.id"}, QueryWords(query));
  if (!match) return tl::unexpected(match.error());
  if (match->none) return std::vector<CustomerSummary>();
  std::vector<Value> params;
  std::string where = sql::TenantFilter("c.tenant_id", scope, params);
  where += match->where;
  for (Value& v : match->params) params.push_back(std::move(v));
  return Summaries(where, std::move(params), limit, 0);
}

core::Result<std::vector<CustomerSummary>> CustomerRepository::List(const TenantScope& scope, int limit,
                                                                    int offset) {
  std::vector<Value> params;
  std::string where = sql::TenantFilter("c.tenant_id", scope, params);
  return Summaries(where, std::move(params), limit, offset);
}

core::Status CustomerRepository::AddConsent(CustomerId id, core::TenantId tenant, const Consent& consent) {
  auto exists = Count(db_, "SELECT COUNT(*) FROM crm_customers WHERE id = ? AND erased_at_ms IS NULL",
                      {sql::Id(id.value())});
  if (!exists) return tl::unexpected(exists.error());
  if (*exists == 0) {
    return core::Fail(core::ErrorCode::kNotFound, fmt::format("customer {} does not exist", id.value()));
  }
  return db_.Write({{"INSERT INTO crm_consents (customer_id, seq, tenant_id, purpose, granted, at_ms, "
                     "source, recorded_by) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, "
                     "CAST(? AS BIGINT) FROM crm_consents WHERE customer_id = ?",
                     {sql::Id(id.value()), static_cast<std::int64_t>(tenant.value()), consent.purpose,
                      std::int64_t{consent.granted}, core::ToMillis(consent.at), consent.source,
                      sql::OptionalId(consent.recorded_by), sql::Id(id.value())}}})
      .get();
}

core::Status CustomerRepository::Erase(CustomerId id, core::Timestamp now) {
  const Value key = sql::Id(id.value());
  return db_.Write({
                       {"UPDATE crm_customers SET name = ?, sort_key = '', details = ?, customer_group_id = "
                        "CAST(NULL AS BIGINT), updated_at_ms = ?, erased_at_ms = ? WHERE id = ?",
                        {std::string("(erased)"), std::string("{}"), core::ToMillis(now),
                         core::ToMillis(now), key}},
                       {"DELETE FROM crm_customer_phones WHERE customer_id = ?", {key}},
                       {"DELETE FROM crm_customer_words WHERE customer_id = ?", {key}},
                       {"DELETE FROM crm_contacts WHERE customer_id = ?", {key}},
                   })
      .get();
}

}  // namespace cc::crm
