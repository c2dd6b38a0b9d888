#include "crm/schema.h"

namespace cc::crm {

storage::Migration CrmMigration(int version) {
  return {
      version,
      "crm",
      {
          // Lists sort by `sort_key`, the name folded by search_text.h and
          // compared byte-wise, so both databases give the same order.
          // Customers. `details` holds e-mails, addresses and the note as JSON;
          // phones and search words have tables of their own for lookups.
          "CREATE TABLE crm_customers (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "kind TEXT NOT NULL, name TEXT NOT NULL, sort_key TEXT COLLATE BINARY NOT NULL, "
          "customer_group_id INTEGER, "
          "details TEXT NOT NULL, created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL, "
          "erased_at_ms INTEGER)",
          "CREATE INDEX crm_customers_tenant ON crm_customers (tenant_id, sort_key)",
          "CREATE TABLE crm_customer_phones (phone TEXT NOT NULL, customer_id INTEGER NOT NULL, "
          "tenant_id INTEGER NOT NULL, label TEXT NOT NULL, PRIMARY KEY (phone, customer_id))",
          "CREATE INDEX crm_customer_phones_customer ON crm_customer_phones (customer_id)",
          "CREATE TABLE crm_customer_words (tenant_id INTEGER NOT NULL, "
          "word TEXT COLLATE BINARY NOT NULL, customer_id INTEGER NOT NULL, "
          "PRIMARY KEY (tenant_id, word, customer_id))",
          "CREATE INDEX crm_customer_words_customer ON crm_customer_words (customer_id)",
          // Authorised people of an organisation (or a person's receivers).
          "CREATE TABLE crm_contacts (customer_id INTEGER NOT NULL, seq INTEGER NOT NULL, "
          "tenant_id INTEGER NOT NULL, name TEXT NOT NULL, phone TEXT NOT NULL, "
          "position TEXT NOT NULL, may_accept INTEGER NOT NULL, may_pay INTEGER NOT NULL, "
          "may_sign INTEGER NOT NULL, PRIMARY KEY (customer_id, seq))",
          "CREATE TABLE crm_consents (customer_id INTEGER NOT NULL, seq INTEGER NOT NULL, "
          "tenant_id INTEGER NOT NULL, purpose TEXT NOT NULL, granted INTEGER NOT NULL, "
          "at_ms INTEGER NOT NULL, source TEXT NOT NULL, recorded_by INTEGER, "
          "PRIMARY KEY (customer_id, seq))",
          "CREATE TABLE crm_customer_groups (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "name TEXT NOT NULL)",
          // Catalogue.
          "CREATE TABLE crm_categories (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "name TEXT NOT NULL, parent_id INTEGER)",
          "CREATE TABLE crm_products (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "sku TEXT NOT NULL, name TEXT NOT NULL, sort_key TEXT COLLATE BINARY NOT NULL, "
          "description TEXT NOT NULL, unit TEXT NOT NULL, "
          "vat_percent INTEGER NOT NULL, available INTEGER NOT NULL, category_id INTEGER, "
          "UNIQUE (tenant_id, sku))",
          "CREATE TABLE crm_product_words (tenant_id INTEGER NOT NULL, "
          "word TEXT COLLATE BINARY NOT NULL, product_id INTEGER NOT NULL, "
          "PRIMARY KEY (tenant_id, word, product_id))",
          "CREATE INDEX crm_product_words_product ON crm_product_words (product_id)",
          "CREATE TABLE crm_price_lists (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "name TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, priority INTEGER NOT NULL)",
          "CREATE TABLE crm_prices (price_list_id INTEGER NOT NULL, product_id INTEGER NOT NULL, "
          "price INTEGER NOT NULL, PRIMARY KEY (price_list_id, product_id))",
          "CREATE INDEX crm_prices_product ON crm_prices (product_id)",
          // Discount rules and promotions: their definition as JSON (pricing_json.h).
          "CREATE TABLE crm_discounts (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "definition TEXT NOT NULL)",
          "CREATE TABLE crm_promotions (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "definition TEXT NOT NULL)",
          // Orders. `document` is the order as JSON (lines with the quote,
          // delivery, receivers); the columns are what lists filter on.
          "CREATE TABLE crm_orders (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "customer_id INTEGER NOT NULL, call_id INTEGER, status TEXT NOT NULL, "
          "manager_id INTEGER, total INTEGER NOT NULL, delivery_date TEXT NOT NULL, "
          "region TEXT NOT NULL, document TEXT NOT NULL, created_by INTEGER NOT NULL, "
          "created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL)",
          "CREATE INDEX crm_orders_customer ON crm_orders (customer_id)",
          "CREATE INDEX crm_orders_manager ON crm_orders (manager_id, status)",
          "CREATE INDEX crm_orders_tenant ON crm_orders (tenant_id, status)",
          "CREATE TABLE crm_order_history (order_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, "
          "seq INTEGER NOT NULL, user_id INTEGER, status TEXT NOT NULL, manager_id INTEGER, "
          "comment TEXT NOT NULL, PRIMARY KEY (order_id, seq))",
          // Who takes confirmed orders: managers with their regions and
          // categories (JSON arrays, empty = any) and when they last got one.
          "CREATE TABLE crm_managers (user_id INTEGER NOT NULL, tenant_id INTEGER NOT NULL, "
          "regions TEXT NOT NULL, categories TEXT NOT NULL, active INTEGER NOT NULL, "
          "PRIMARY KEY (user_id, tenant_id))",
          // Cases and where each category goes.
          "CREATE TABLE crm_case_categories (tenant_id INTEGER NOT NULL, code TEXT NOT NULL, "
          "label TEXT NOT NULL, department_id INTEGER NOT NULL, sla_minutes INTEGER NOT NULL, "
          "PRIMARY KEY (tenant_id, code))",
          "CREATE TABLE crm_cases (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "kind TEXT NOT NULL, category TEXT NOT NULL, department_id INTEGER NOT NULL, "
          "customer_id INTEGER, call_id INTEGER, order_id INTEGER, status TEXT NOT NULL, "
          "summary TEXT NOT NULL, details TEXT NOT NULL, created_by INTEGER NOT NULL, "
          "created_at_ms INTEGER NOT NULL, due_at_ms INTEGER NOT NULL, escalated_at_ms INTEGER, "
          "updated_at_ms INTEGER NOT NULL)",
          "CREATE INDEX crm_cases_department ON crm_cases (department_id, status)",
          "CREATE INDEX crm_cases_customer ON crm_cases (customer_id)",
          "CREATE INDEX crm_cases_due ON crm_cases (status, due_at_ms)",
          "CREATE TABLE crm_case_history (case_id INTEGER NOT NULL, seq INTEGER NOT NULL, "
          "at_ms INTEGER NOT NULL, user_id INTEGER, status TEXT NOT NULL, comment TEXT NOT NULL, "
          "PRIMARY KEY (case_id, seq))",
          // Callbacks handed to the ACD at their due time.
          "CREATE TABLE crm_callbacks (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
          "number TEXT NOT NULL, customer_id INTEGER, reason TEXT NOT NULL, "
          "due_at_ms INTEGER NOT NULL, queue_id INTEGER NOT NULL, agent_user_id INTEGER, "
          "status TEXT NOT NULL, created_by INTEGER NOT NULL, created_at_ms INTEGER NOT NULL, "
          "call_id INTEGER, note TEXT NOT NULL, updated_at_ms INTEGER NOT NULL)",
          "CREATE INDEX crm_callbacks_due ON crm_callbacks (status, due_at_ms)",
          "CREATE INDEX crm_callbacks_customer ON crm_callbacks (customer_id)",
          // A write batch that depends on what it read (an order still in the
          // status it was read in) starts with a guard row that violates this
          // CHECK unless the condition holds, so the whole batch rolls back.
          "CREATE TABLE crm_guard (ok INTEGER NOT NULL CHECK (ok = 1))",
      }};
}

}  // namespace cc::crm
