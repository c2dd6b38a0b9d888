// WAV files at 8 kHz, 16-bit PCM: the streaming writer for call recordings
// (mono, or stereo with the caller on the left and the agent on the right),
// the repair of a recording cut short by a crash, and the reader for mono
// prompts and music. Recordings are written as the call goes: if the process
// dies, at most the frame being written is lost (each frame is flushed to the
// OS, not synced to disk, so a power cut can lose more), and RepairWav then
// makes the file play. Writes block: keep them off a latency-critical thread.
// Thread-safety: a WavWriter belongs to one thread; the functions are
// independent of each other but must not run on a file being written.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "core/result.h"

namespace cc::telephony::media {

inline constexpr std::uint32_t kWavSampleRate = 8000;

enum class WavChannels { kMono = 1, kStereo = 2 };

class WavWriter {
 public:
  // Creates (or truncates) the file and writes the header with empty sizes.
  static core::Result<WavWriter> Create(const std::filesystem::path& path, WavChannels channels);

  WavWriter(WavWriter&&) noexcept = default;
  WavWriter& operator=(WavWriter&& other) noexcept;
  ~WavWriter();  // closes if Close was not called; call Close to learn of errors

  // Mono files only.
  core::Status AppendMono(std::span<const std::int16_t> samples);
  // Stereo files only. When one side is shorter (a lost packet, a silent
  // leg), it is padded with silence so the two stay in step.
  core::Status AppendStereo(std::span<const std::int16_t> caller,
                            std::span<const std::int16_t> agent);
  // Writes the final sizes and closes; later appends fail.
  core::Status Close();

  std::uint64_t frames_written() const {
    return data_bytes_ / (std::uint64_t{2} * static_cast<unsigned>(channels_));
  }

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };

  WavWriter(std::unique_ptr<std::FILE, FileCloser> file, WavChannels channels,
            std::filesystem::path path);
  core::Status Write(std::span<const std::uint8_t> bytes);

  std::unique_ptr<std::FILE, FileCloser> file_;
  WavChannels channels_;
  std::filesystem::path path_;
  std::uint64_t data_bytes_ = 0;
  std::vector<std::uint8_t> buffer_;  // reused for each frame's little-endian bytes
};

// Makes a WAV file whose header still holds the sizes written at open (or
// sizes past its end) playable: the data size becomes what the file holds,
// less a trailing partial sample frame, which is cut off. A whole file is left
// as it is. Returns the number of sample frames in the repaired file.
core::Result<std::uint64_t> RepairWav(const std::filesystem::path& path);

// Reads a mono, 8 kHz, 16-bit PCM file; any other format is an error that
// says what the file holds.
core::Result<std::vector<std::int16_t>> ReadMonoWav(const std::filesystem::path& path);

}  // namespace cc::telephony::media
