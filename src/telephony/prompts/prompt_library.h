// The voice prompts and the music on hold, loaded once into memory as clips
// the media engine plays (media::ClipPtr, shared by every call). The files
// come from the directory scripts/make-prompts fills at build time
// (BuiltPromptsDir()); a centre's own recordings in an override directory
// replace them one file at a time: <override>/ru/goodbye.wav replaces the
// generated ru/goodbye.wav, <override>/music.wav the music. Every file is an
// 8 kHz mono 16-bit PCM WAV (media::ReadMonoWav).
//
// Thread-safety: immutable once loaded; every const method may be called from
// any thread at once. Load reads files and blocks: call it at start-up.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "telephony/call_control.h"
#include "telephony/media/media_engine.h"

namespace cc::telephony::prompts {

// Where the build put the generated prompts (${CMAKE_BINARY_DIR}/prompts):
// the server's default prompt directory.
std::filesystem::path BuiltPromptsDir();

class PromptLibrary {
 public:
  // Reads music.wav and <lang>/<id>.wav for every language and prompt id
  // (prompt_ids.h) from `dir`, each taken from `override_dir` instead when
  // that directory holds a file at the same relative path. Errors: a missing
  // or unreadable generated file, a missing override directory, an override
  // file that is not an 8 kHz mono 16-bit PCM WAV or holds no sound, and a
  // .wav file in the override directory that replaces nothing (a misspelt
  // name); each error names the file.
  static core::Result<PromptLibrary> Load(
      const std::filesystem::path& dir,
      const std::optional<std::filesystem::path>& override_dir = std::nullopt);

  // The music-on-hold loop (the same in every language).
  media::ClipPtr Music() const { return music_; }

  // One prompt, e.g. Clip("en", "goodbye"); the language is normalised (an
  // unknown one falls back to Russian). kNotFound for an unknown id.
  core::Result<media::ClipPtr> Clip(std::string_view language, std::string_view id) const;

  // Several prompts played one after another, e.g. {"recorded", "important"}.
  core::Result<std::vector<media::ClipPtr>> Sequence(
      std::string_view language, const std::vector<std::string_view>& ids) const;

  // What CallControl::Play(prompt, position, expected_wait) plays:
  // kQueuePosition -> position_N + wait_M, kNoAgents -> no_agents,
  // kCallbackOffer -> callback_offer (prompt_ids.h has the rounding).
  std::vector<media::ClipPtr> ForPrompt(std::string_view language, Prompt prompt, int position,
                                        core::Duration expected_wait) const;

 private:
  PromptLibrary() = default;

  media::ClipPtr music_;
  // Keyed by "<lang>/<id>", the clip's name.
  std::map<std::string, media::ClipPtr, std::less<>> clips_;
};

}  // namespace cc::telephony::prompts
