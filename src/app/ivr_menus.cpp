#include "app/ivr_menus.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/phone_number.h"

#include "core/time_zone.h"
#include "ivr/validate.h"

namespace cc::app {
namespace {

using core::ErrorCode;
using core::Fail;


bool SameNumber(const std::string& a, const std::string& b) {
  return a == b || (!core::DigitsOf(a).empty() && core::DigitsOf(a) == core::DigitsOf(b));
}

}  // namespace

IvrMenus::IvrMenus(storage::Database& db, centre::CentreRepository& repository, centre::Centre& centre,
                   SipWorld* sip, const std::filesystem::path& data_dir, std::string centre_zone)
    : store_(db),
      repository_(repository),
      centre_(centre),
      sip_(sip),
      speech_(data_dir / "prompts" / "ivr"),
      centre_zone_(std::move(centre_zone)) {}

core::Result<std::shared_ptr<const telephony::sip::IvrVoice>> IvrMenus::Voice(const ivr::Menu& menu) {
  auto voice = std::make_shared<telephony::sip::IvrVoice>();
  voice->menu = std::make_shared<const ivr::Menu>(menu);
  const std::string zone_name =
      menu.hours && !menu.hours->time_zone.empty() ? menu.hours->time_zone : centre_zone_;
  auto zone = core::TimeZone::Load(zone_name);
  if (!zone) return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a known time zone", zone_name));
  voice->zone = *zone;
  for (const std::string& text : ivr::Texts(menu)) {
    auto clip = speech_.Say(menu.language, text);
    if (!clip) {
      return Fail(clip.error().code, fmt::format("the menu's words could not be voiced: {}", clip.error().message));
    }
    voice->clips[text] = *clip;
  }
  return std::shared_ptr<const telephony::sip::IvrVoice>(std::move(voice));
}

core::Status IvrMenus::Hand(const std::vector<ivr::Menu>& menus) {
  if (!sip_) return {};
  std::vector<std::shared_ptr<const telephony::sip::IvrVoice>> voices;
  for (const ivr::Menu& m : menus) {
    auto voice = Voice(m);
    if (!voice) {
      spdlog::error("IVR menu {} '{}' is not answering calls: {}", m.id, m.name, voice.error().message);
      continue;
    }
    voices.push_back(std::move(*voice));
  }
  SipWorld* sip = sip_;
  centre_.Ask([sip, voices = std::move(voices)]() mutable { sip->telephony().SetIvrMenus(std::move(voices)); })
      .get();
  return {};
}

core::Status IvrMenus::Install() {
  std::lock_guard lock(mutex_);
  auto menus = store_.Menus();
  if (!menus) return tl::unexpected(menus.error());
  return Hand(*menus);
}

core::Result<std::vector<ivr::Menu>> IvrMenus::Menus() { return store_.Menus(); }

core::Result<std::optional<ivr::Menu>> IvrMenus::Find(std::int64_t id) { return store_.Find(id); }

core::Result<ivr::Menu> IvrMenus::Save(ivr::Menu menu) {
  std::lock_guard lock(mutex_);
  auto queues = repository_.Queues();
  if (!queues) return tl::unexpected(queues.error());
  ivr::ValidationContext context;
  context.queue_exists = [&](core::QueueId q, core::TenantId t) {
    for (const auto& setup : *queues) {
      if (setup.config.id == q) return setup.config.tenant == t;
    }
    return false;
  };
  context.zone_exists = [](const std::string& name) { return core::TimeZone::Load(name).has_value(); };
  if (auto valid = ivr::Validate(menu, context); !valid) return tl::unexpected(valid.error());

  auto menus = store_.Menus();
  if (!menus) return tl::unexpected(menus.error());
  for (const std::string& number : menu.numbers) {
    for (const auto& setup : *queues) {
      for (const std::string& taken : setup.numbers) {
        if (SameNumber(number, taken)) {
          return Fail(ErrorCode::kAlreadyExists,
                      fmt::format("the number '{}' already reaches the queue '{}'", number, setup.config.name));
        }
      }
    }
    for (const auto& other : *menus) {
      if (other.id == menu.id) continue;
      for (const std::string& taken : other.numbers) {
        if (SameNumber(number, taken)) {
          return Fail(ErrorCode::kAlreadyExists,
                      fmt::format("the number '{}' already reaches the IVR menu '{}'", number, other.name));
        }
      }
    }
  }
  // Voiced before it is stored: a menu that cannot speak is refused, nothing half-saved.
  if (auto voice = Voice(menu); !voice) return tl::unexpected(voice.error());
  auto saved = store_.Save(std::move(menu));
  if (!saved) return tl::unexpected(saved.error());
  auto all = store_.Menus();
  if (!all) return tl::unexpected(all.error());
  if (auto handed = Hand(*all); !handed) return tl::unexpected(handed.error());
  return saved;
}

core::Status IvrMenus::Delete(std::int64_t id) {
  std::lock_guard lock(mutex_);
  if (auto d = store_.Delete(id); !d) return d;
  auto all = store_.Menus();
  if (!all) return tl::unexpected(all.error());
  return Hand(*all);
}

std::optional<std::int64_t> IvrMenus::MenuWithNumber(const std::string& number) {
  auto menus = store_.Menus();
  if (!menus) return std::nullopt;
  for (const auto& m : *menus) {
    for (const std::string& taken : m.numbers) {
      if (SameNumber(number, taken)) return m.id;
    }
  }
  return std::nullopt;
}

}  // namespace cc::app
