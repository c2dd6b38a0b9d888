// Customers on storage: create and update (phones, contacts and search words
// written in the same transaction), lookup by caller number, search by name
// or number, consents, and erasure (anonymisation) on request.
// Thread-safety: every method may be called from any thread; writes return
// once durable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crm/customer.h"
#include "crm/tenant_scope.h"
#include "storage/database.h"
#include "storage/id_allocator.h"

namespace cc::crm {

class CustomerRepository {
 public:
  explicit CustomerRepository(storage::Database& db);

  // Gives `customer` a new id and stores it; returns it as stored.
  core::Result<Customer> Create(Customer customer, core::Timestamp now);
  // The statements that create `customer` (its id is allocated here), so an
  // import can write many customers in one all-or-nothing transaction.
  core::Result<std::vector<storage::Statement>> CreateStatements(Customer& customer,
                                                                 core::Timestamp now);
  // Replaces the customer's data (not its tenant, consents or creation time).
  core::Result<Customer> Update(Customer customer, core::Timestamp now);
  core::Result<std::optional<Customer>> Get(CustomerId id);

  // Customers with this E.164 number, in the scope (a shared number gives several).
  core::Result<std::vector<CustomerSummary>> FindByPhone(const std::string& e164,
                                                         const TenantScope& scope);
  // Every query word must start a word of the name (or the digits of a number).
  core::Result<std::vector<CustomerSummary>> Search(const std::string& query,
                                                    const TenantScope& scope, int limit);
  core::Result<std::vector<CustomerSummary>> List(const TenantScope& scope, int limit, int offset);

  core::Status AddConsent(CustomerId id, core::TenantId tenant, const Consent& consent);

  // Removes the personal data: name, numbers, e-mails, addresses, note,
  // contacts and search words. The record stays (orders point at it) marked
  // erased; consents stay as the proof of what was agreed and withdrawn.
  core::Status Erase(CustomerId id, core::Timestamp now);

 private:
  void AppendChildren(const Customer& c, std::vector<storage::Statement>& out) const;
  core::Result<std::vector<CustomerSummary>> Summaries(const std::string& where,
                                                       std::vector<storage::Value> params,
                                                       int limit, int offset);
  storage::Database& db_;
  storage::IdAllocator ids_;
};

}  // namespace cc::crm
