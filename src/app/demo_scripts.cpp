#include "app/demo_scripts.h"

#include "script_desk/content.h"

namespace cc::app {

core::Result<int> SeedDemoScripts(script_desk::ScriptStore& store, centre::CentreRepository& repository,
                                  core::TenantId company, core::Timestamp now) {
  auto existing = store.List(company);
  if (!existing) return tl::unexpected(existing.error());
  if (!existing->empty()) return 0;
  auto published = script_desk::PublishContent(store, company, now);
  if (!published) return tl::unexpected(published.error());
  auto queues = repository.Queues();
  if (!queues) return tl::unexpected(queues.error());
  for (const auto& q : *queues) {
    if (q.config.tenant != company) continue;
    const std::string& name = q.config.name;
    const char* code = name == "Жалобы" ? "complaint"
                       : (name == "Продажи" || name == "Заказы" || name == "VIP") ? "inbound_sales"
                                                                                   : nullptr;
    if (code == nullptr) continue;
    if (auto st = store.AssignQueue(company, q.config.id, std::string(code)); !st) return tl::unexpected(st.error());
  }
  return *published;
}

}  // namespace cc::app
