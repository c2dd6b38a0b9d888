#include "telephony/prompts/speech.h"

#include <fmt/format.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>
#include <vector>

#include "telephony/media/wav.h"

extern char** environ;

namespace cc::telephony::prompts {
namespace {

namespace fs = std::filesystem;

// FNV-1a: stable across builds, so the cache survives upgrades.
std::uint64_t Hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// Runs argv[0] (looked up in PATH) with stdin/stdout/stderr left alone; its exit code, or -1.
int RunTool(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

Speech::Speech(fs::path cache_dir) : cache_dir_(std::move(cache_dir)) {}

core::Result<media::ClipPtr> Speech::Say(std::string_view language, const std::string& text) {
  if (text.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "there is nothing to say");
  const std::string lang = language == "en" ? "en" : "ru";
  const std::string name = fmt::format("{}-{:016x}.wav", lang, Hash(text));
  std::lock_guard lock(mutex_);
  if (auto it = clips_.find(name); it != clips_.end()) return it->second;
  std::error_code ec;
  fs::create_directories(cache_dir_, ec);
  const fs::path file = cache_dir_ / name;
  if (!fs::exists(file, ec)) {
    const fs::path raw = cache_dir_ / (name + ".raw.wav");
    const fs::path part = cache_dir_ / (name + ".part.wav");
    // As scripts/make-prompts: a calm 150 words a minute, leading and trailing
    // silence trimmed, a breath either side, 8 kHz mono 16-bit at -3 dB peak.
    if (RunTool({"espeak-ng", "-v", lang, "-s", "150", "-w", raw.string(), "--", text}) != 0) {
      fs::remove(raw, ec);
      return core::Fail(core::ErrorCode::kUnavailable, "espeak-ng could not say the text (is it installed?)");
    }
    const int sox = RunTool({"sox", "-D", raw.string(), "-b", "16", "-e", "signed-integer", "-t", "wav",
                             part.string(), "channels", "1", "rate", "-v", "8000", "silence", "1", "0.02",
                             "0.1%", "reverse", "silence", "1", "0.02", "0.1%", "reverse", "pad", "0.1",
                             "0.3", "gain", "-n", "-3"});
    fs::remove(raw, ec);
    if (sox != 0) {
      fs::remove(part, ec);
      return core::Fail(core::ErrorCode::kUnavailable, "sox could not convert the synthesised speech");
    }
    fs::rename(part, file, ec);
    if (ec) return core::Fail(core::ErrorCode::kUnavailable, fmt::format("cannot store {}: {}", file.string(), ec.message()));
  }
  auto samples = media::ReadMonoWav(file);
  if (!samples) return tl::unexpected(samples.error());
  auto clip = std::make_shared<const media::Clip>(media::Clip{lang + "/ivr-" + name, std::move(*samples)});
  clips_.emplace(name, clip);
  return media::ClipPtr(clip);
}

}  // namespace cc::telephony::prompts
