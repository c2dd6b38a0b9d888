#include "telephony/prompts/prompt_library.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <system_error>
#include <utility>

#include "telephony/media/wav.h"
#include "telephony/prompts/prompt_ids.h"

namespace cc::telephony::prompts {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMusicFile = "music.wav";

std::string ClipFile(std::string_view language, std::string_view id) {
  return fmt::format("{}/{}.wav", language, id);
}

std::string ClipName(std::string_view language, std::string_view id) {
  return fmt::format("{}/{}", language, id);
}

// The relative paths (generic form) a prompt directory holds.
std::set<std::string, std::less<>> KnownFiles() {
  std::set<std::string, std::less<>> files{std::string(kMusicFile)};
  for (const auto language : kLanguages) {
    for (const auto id : kPromptIds) files.insert(ClipFile(language, id));
  }
  return files;
}

bool HasWavExtension(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".wav";
}

core::Status RequireDirectory(const fs::path& dir, std::string_view what) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return core::Fail(core::ErrorCode::kNotFound,
                      fmt::format("{} {} is not a directory", what, dir.string()));
  }
  return {};
}

// Every .wav file under the override directory must replace a known one: a
// misspelt name would otherwise leave the generated prompt playing unnoticed.
core::Status CheckOverrideNames(const fs::path& override_dir,
                                const std::set<std::string, std::less<>>& known) {
  std::error_code ec;
  fs::recursive_directory_iterator it(override_dir, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || !HasWavExtension(it->path())) continue;
    const std::string relative = it->path().lexically_relative(override_dir).generic_string();
    if (!known.contains(relative)) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        fmt::format("prompt override {} replaces no prompt: the files are "
                                    "{} and <language>/<id>.wav for the languages {} and the "
                                    "ids {}",
                                    it->path().string(), kMusicFile, fmt::join(kLanguages, ", "),
                                    fmt::join(kPromptIds, ", ")));
    }
  }
  if (ec) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      fmt::format("cannot list prompt overrides in {}: {}",
                                  override_dir.string(), ec.message()));
  }
  return {};
}

core::Result<media::ClipPtr> LoadClip(const fs::path& dir,
                                      const std::optional<fs::path>& override_dir,
                                      std::string_view relative, std::string name) {
  fs::path path = dir / relative;
  std::string_view origin = "generated prompt";
  std::error_code ec;
  if (override_dir && fs::exists(*override_dir / relative, ec)) {
    path = *override_dir / relative;
    origin = "prompt override";
  }
  auto samples = media::ReadMonoWav(path);
  if (!samples) {
    return core::Fail(samples.error().code,
                      fmt::format("{} {}: {}", origin, name, samples.error().message));
  }
  if (samples->empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("{} {}: WAV file {} holds no sound", origin, name,
                                  path.string()));
  }
  return std::make_shared<const media::Clip>(media::Clip{std::move(name), std::move(*samples)});
}

}  // namespace

fs::path BuiltPromptsDir() { return fs::path(CC_BUILD_PROMPTS_DIR); }

core::Result<PromptLibrary> PromptLibrary::Load(const fs::path& dir,
                                                const std::optional<fs::path>& override_dir) {
  if (auto status = RequireDirectory(dir, "prompt directory"); !status) {
    return tl::unexpected(status.error());
  }
  if (override_dir) {
    if (auto status = RequireDirectory(*override_dir, "prompt override directory"); !status) {
      return tl::unexpected(status.error());
    }
    if (auto status = CheckOverrideNames(*override_dir, KnownFiles()); !status) {
      return tl::unexpected(status.error());
    }
  }

  PromptLibrary library;
  auto music = LoadClip(dir, override_dir, kMusicFile, "music");
  if (!music) return tl::unexpected(music.error());
  library.music_ = std::move(*music);
  for (const auto language : kLanguages) {
    for (const auto id : kPromptIds) {
      auto clip = LoadClip(dir, override_dir, ClipFile(language, id), ClipName(language, id));
      if (!clip) return tl::unexpected(clip.error());
      library.clips_.emplace(ClipName(language, id), std::move(*clip));
    }
  }
  return library;
}

core::Result<media::ClipPtr> PromptLibrary::Clip(std::string_view language,
                                                 std::string_view id) const {
  const auto found = clips_.find(ClipName(NormaliseLanguage(language), id));
  if (found == clips_.end()) {
    return core::Fail(core::ErrorCode::kNotFound, fmt::format("no prompt '{}'", id));
  }
  return found->second;
}

core::Result<std::vector<media::ClipPtr>> PromptLibrary::Sequence(
    std::string_view language, const std::vector<std::string_view>& ids) const {
  std::vector<media::ClipPtr> clips;
  clips.reserve(ids.size());
  for (const auto id : ids) {
    auto clip = Clip(language, id);
    if (!clip) return tl::unexpected(clip.error());
    clips.push_back(std::move(*clip));
  }
  return clips;
}

std::vector<media::ClipPtr> PromptLibrary::ForPrompt(std::string_view language, Prompt prompt,
                                                     int position,
                                                     core::Duration expected_wait) const {
  std::vector<media::ClipPtr> clips;
  for (const auto& id : PromptIdsFor(prompt, position, expected_wait)) {
    // Load read every id of every language, so the lookup cannot miss.
    clips.push_back(clips_.at(ClipName(NormaliseLanguage(language), id)));
  }
  return clips;
}

}  // namespace cc::telephony::prompts
