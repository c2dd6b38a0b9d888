// The CRM's tables, one migration: customers (phones, contacts, consents,
// search words), the catalogue (categories, products, price lists, discount
// rules, promotions), orders with their history, managers' hand-off settings,
// case categories, cases with their history, and callbacks. Every table
// carries the tenant (client company) it belongs to.
#pragma once

#include "storage/database.h"

namespace cc::crm {

storage::Migration CrmMigration(int version);

}  // namespace cc::crm
