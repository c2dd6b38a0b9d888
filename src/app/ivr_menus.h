// api::IvrControl for `serve`: menus are validated (their queues must exist
// in the tenant, their numbers must reach nothing else), given a voice (every
// text synthesised once, cached under DATA_DIR/prompts/ivr) and stored; then
// every menu is handed to the SIP telephony on the centre's loop. Without SIP
// menus are still kept (for the next start with SIP).
// Thread-safety: any thread; one Save or Delete at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "api/api.h"
#include "app/sip_world.h"
#include "centre/centre_repository.h"
#include "ivr/menu_store.h"
#include "telephony/prompts/speech.h"

namespace cc::app {

class IvrMenus final : public api::IvrControl {
 public:
  IvrMenus(storage::Database& db, centre::CentreRepository& repository, centre::Centre& centre, SipWorld* sip,
           const std::filesystem::path& data_dir, std::string centre_zone);

  // At start, after the centre runs: voices the stored menus and puts them to work.
  core::Status Install();

  core::Result<std::vector<ivr::Menu>> Menus() override;
  core::Result<std::optional<ivr::Menu>> Find(std::int64_t id) override;
  core::Result<ivr::Menu> Save(ivr::Menu menu) override;
  core::Status Delete(std::int64_t id) override;
  std::optional<std::int64_t> MenuWithNumber(const std::string& number) override;

 private:
  core::Result<std::shared_ptr<const telephony::sip::IvrVoice>> Voice(const ivr::Menu& menu);
  core::Status Hand(const std::vector<ivr::Menu>& menus);  // to the telephony, voiced

  ivr::MenuStore store_;
  centre::CentreRepository& repository_;
  centre::Centre& centre_;
  SipWorld* sip_;
  telephony::prompts::Speech speech_;
  std::string centre_zone_;
  std::mutex mutex_;
};

}  // namespace cc::app
