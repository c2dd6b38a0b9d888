// Words the centre's admins write (IVR menus) turned into voice clips at run
// time, with the same espeak-ng + sox pipeline scripts/make-prompts uses at
// build time. Each text is synthesised once into `cache_dir`
// (<lang>-<hash>.wav) and kept in memory; a file already there is reused.
// Thread-safety: Say may be called from any thread; it blocks while a new
// text is synthesised (about 0.1 s), so call it off the core loop.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "telephony/media/media_engine.h"

namespace cc::telephony::prompts {

class Speech {
 public:
  explicit Speech(std::filesystem::path cache_dir);

  // The clip that says `text` in `language` ("ru" or "en"). kUnavailable when
  // espeak-ng or sox is missing or fails; kInvalidArgument for empty text.
  core::Result<media::ClipPtr> Say(std::string_view language, const std::string& text);

 private:
  std::filesystem::path cache_dir_;
  std::mutex mutex_;
  std::map<std::string, media::ClipPtr> clips_;  // by file name
};

}  // namespace cc::telephony::prompts
