#include "ivr/menu_store.h"

#include <fmt/format.h>

#include "ivr/menu_json.h"

namespace cc::ivr {

namespace {

using core::ErrorCode;
using core::Fail;

}  // namespace

MenuStore::MenuStore(storage::Database& db) : db_(db) {}

storage::Migration MenuStore::Migration(int version) {
  return {version,
          "ivr",
          {"CREATE TABLE ivr_menus (id BIGINT PRIMARY KEY, tenant_id BIGINT NOT NULL, "
           "name TEXT NOT NULL, body TEXT NOT NULL)"}};
}

core::Result<std::vector<Menu>> MenuStore::Menus() {
  auto rows = db_.Query({"SELECT id, body FROM ivr_menus ORDER BY id", {}});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Menu> out;
  for (const auto& row : *rows) {
    auto id = row.Int(0);
    auto body = row.Text(1);
    if (!id || !body) return Fail(ErrorCode::kInternal, "ivr_menus holds a malformed row");
    auto menu = MenuFromJsonText(*body);
    if (!menu) {
      return Fail(ErrorCode::kInternal, fmt::format("stored IVR menu {}: {}", *id, menu.error().message));
    }
    menu->id = *id;
    out.push_back(std::move(*menu));
  }
  return out;
}

core::Result<std::optional<Menu>> MenuStore::Find(std::int64_t id) {
  auto all = Menus();
  if (!all) return tl::unexpected(all.error());
  for (auto& m : *all) {
    if (m.id == id) return std::optional<Menu>(std::move(m));
  }
  return std::optional<Menu>();
}

core::Result<Menu> MenuStore::Save(Menu menu) {
  std::lock_guard lock(mutex_);
  std::vector<storage::Statement> batch;
  if (menu.id == 0) {
    auto rows = db_.Query({"SELECT COALESCE(MAX(id), 0) + 1 FROM ivr_menus", {}});
    if (!rows) return tl::unexpected(rows.error());
    auto next = (*rows)[0].Int(0);
    if (!next) return tl::unexpected(next.error());
    menu.id = *next;
  } else {
    auto rows = db_.Query({"SELECT 1 FROM ivr_menus WHERE id = ?", {menu.id}});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kNotFound, fmt::format("there is no IVR menu {}", menu.id));
    batch.push_back({"DELETE FROM ivr_menus WHERE id = ?", {menu.id}});
  }
  nlohmann::json body = ToJson(menu);
  body.erase("id");
  batch.push_back({"INSERT INTO ivr_menus (id, tenant_id, name, body) VALUES (?, ?, ?, ?)",
                   {menu.id, std::int64_t{menu.tenant.value()}, menu.name, body.dump()}});
  if (auto s = db_.Write(std::move(batch)).get(); !s) return tl::unexpected(s.error());
  return menu;
}

core::Status MenuStore::Delete(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto rows = db_.Query({"SELECT 1 FROM ivr_menus WHERE id = ?", {id}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, fmt::format("there is no IVR menu {}", id));
  return db_.Write({{"DELETE FROM ivr_menus WHERE id = ?", {id}}}).get();
}

}  // namespace cc::ivr
