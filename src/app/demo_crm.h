// The demo company's CRM: a catalogue of a bit over two hundred products in
// twelve categories with a base and a winter price list, discount rules and
// three running promotions; a thousand customers (people and organisations
// with the people authorised to accept, pay and sign) of whom the first
// ones have a history of orders, cases and callbacks; the departments cases
// are routed to, and the managers who take orders. Everything is generated
// from small word lists, the same on every run.
// Thread-safety: a function; the desks it uses are thread-safe.
#pragma once

#include "access/directory.h"
#include "crm/callback_desk.h"
#include "crm/case_desk.h"
#include "crm/catalogue_repository.h"
#include "crm/customer_repository.h"
#include "crm/order_desk.h"
#include "storage/database.h"

namespace cc::app {

struct DemoCrm {
  storage::Database& db;
  access::Directory& directory;
  crm::CustomerRepository& customers;
  crm::CatalogueRepository& catalogue;
  crm::OrderRepository& orders;
  crm::OrderDesk& order_desk;
  crm::CaseDesk& cases;
  crm::CallbackDesk& callbacks;
};

// Seeds the CRM of `tenant` (the demo company, already holding its users and
// queues). `now` dates the running promotions and the history.
core::Status SeedDemoCrm(const DemoCrm& crm, core::TenantId tenant, core::Timestamp now);

}  // namespace cc::app
