#include "telephony/media/wav.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

namespace cc::telephony::media {
namespace {

constexpr std::size_t kHeaderSize = 44;  // the canonical header this writer produces
constexpr std::size_t kRiffSizeOffset = 4;
constexpr std::size_t kDataSizeOffset = 40;
constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kBitsPerSample = 16;
constexpr std::uint64_t kMaxDataBytes = 0xFFFFFFFFULL - (kHeaderSize - 8);  // RIFF sizes are 32-bit
constexpr std::size_t kHeaderSearchLimit =
    std::size_t{64} * 1024;  // chunks before "data" in files we accept
constexpr std::uintmax_t kMaxPromptBytes = 256ULL * 1024 * 1024;

struct ClosesFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

void Put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}

void Put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  Put16(out, static_cast<std::uint16_t>(v));
  Put16(out, static_cast<std::uint16_t>(v >> 16));
}

std::uint16_t Get16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

std::uint32_t Get32(std::span<const std::uint8_t> b, std::size_t at) {
  return std::uint32_t{Get16(b, at)} | (std::uint32_t{Get16(b, at + 2)} << 16);
}

bool IdAt(std::span<const std::uint8_t> b, std::size_t at, std::string_view id) {
  return std::equal(id.begin(), id.end(), b.begin() + static_cast<std::ptrdiff_t>(at));
}

std::vector<std::uint8_t> Header(WavChannels channels, std::uint32_t data_bytes) {
  const auto count = static_cast<std::uint16_t>(channels);
  const auto block_align = static_cast<std::uint16_t>(count * kBitsPerSample / 8);
  std::vector<std::uint8_t> h;
  h.reserve(kHeaderSize);
  h.insert(h.end(), {'R', 'I', 'F', 'F'});
  Put32(h, static_cast<std::uint32_t>(kHeaderSize - 8 + data_bytes));
  h.insert(h.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
  Put32(h, 16);
  Put16(h, kFormatPcm);
  Put16(h, count);
  Put32(h, kWavSampleRate);
  Put32(h, kWavSampleRate * block_align);
  Put16(h, block_align);
  Put16(h, kBitsPerSample);
  h.insert(h.end(), {'d', 'a', 't', 'a'});
  Put32(h, data_bytes);
  return h;
}

tl::unexpected<core::Error> FileError(std::string_view what, const std::filesystem::path& path) {
  return core::Fail(core::ErrorCode::kUnavailable,
                    fmt::format("{} {}: {}", what, path.string(), std::strerror(errno)));
}

tl::unexpected<core::Error> BadFile(const std::filesystem::path& path, std::string_view why) {
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    fmt::format("WAV file {}: {}", path.string(), why));
}

// Where a file's format and samples are, found by walking its chunks.
struct WavLayout {
  std::uint16_t format = 0;
  std::uint16_t channels = 0;
  std::uint32_t sample_rate = 0;
  std::uint16_t block_align = 0;
  std::uint16_t bits = 0;
  std::size_t data_offset = 0;
  std::uint32_t declared_data_bytes = 0;
};

// `head` is the start of the file; the data chunk's header must lie in it.
core::Result<WavLayout> FindLayout(std::span<const std::uint8_t> head,
                                   const std::filesystem::path& path) {
  if (head.size() < 12 || !IdAt(head, 0, "RIFF") || !IdAt(head, 8, "WAVE")) {
    return BadFile(path, "not a RIFF/WAVE file");
  }
  WavLayout layout;
  bool have_format = false;
  std::size_t at = 12;
  while (head.size() - at >= 8) {
    const std::uint32_t size = Get32(head, at + 4);
    if (IdAt(head, at, "data")) {
      if (!have_format) return BadFile(path, "data chunk before the fmt chunk");
      layout.data_offset = at + 8;
      layout.declared_data_bytes = size;
      return layout;
    }
    if (IdAt(head, at, "fmt ")) {
      if (size < 16 || head.size() - at - 8 < 16) return BadFile(path, "fmt chunk is too short");
      layout.format = Get16(head, at + 8);
      layout.channels = Get16(head, at + 10);
      layout.sample_rate = Get32(head, at + 12);
      layout.block_align = Get16(head, at + 20);
      layout.bits = Get16(head, at + 22);
      have_format = true;
    }
    const std::uint64_t next = at + 8ULL + size + (size & 1U);  // chunks are padded to even sizes
    if (next > head.size()) break;
    at = static_cast<std::size_t>(next);
  }
  return BadFile(path, "no data chunk (the file is cut inside its header)");
}

core::Result<std::vector<std::uint8_t>> ReadUpTo(const std::filesystem::path& path,
                                                 std::uintmax_t limit) {
  std::unique_ptr<std::FILE, ClosesFile> file(std::fopen(path.c_str(), "rb"));
  if (!file) return FileError("cannot open", path);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(limit));
  const std::size_t read = std::fread(bytes.data(), 1, bytes.size(), file.get());
  if (std::ferror(file.get())) return FileError("cannot read", path);
  bytes.resize(read);
  return bytes;
}

}  // namespace

WavWriter::WavWriter(std::unique_ptr<std::FILE, FileCloser> file, WavChannels channels,
                     std::filesystem::path path)
    : file_(std::move(file)), channels_(channels), path_(std::move(path)) {}

WavWriter& WavWriter::operator=(WavWriter&& other) noexcept {
  if (this != &other) {
    (void)Close();  // the file being replaced still gets its sizes
    file_ = std::move(other.file_);
    channels_ = other.channels_;
    path_ = std::move(other.path_);
    data_bytes_ = other.data_bytes_;
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

WavWriter::~WavWriter() {
  if (file_) (void)Close();
}

core::Result<WavWriter> WavWriter::Create(const std::filesystem::path& path, WavChannels channels) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (!file) return FileError("cannot create", path);
  WavWriter writer(std::move(file), channels, path);
  if (auto written = writer.Write(Header(channels, 0)); !written)
    return tl::unexpected(written.error());
  return writer;
}

core::Status WavWriter::Write(std::span<const std::uint8_t> bytes) {
  if (!file_)
    return core::Fail(core::ErrorCode::kFailedPrecondition,
                      "WAV writer is closed: " + path_.string());
  if (bytes.empty()) return {};  // fwrite(nullptr, …) is undefined even for 0 bytes
  // Flushed at once: what the OS holds survives a crash of this process.
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size() ||
      std::fflush(file_.get()) != 0) {
    return FileError("cannot write", path_);
  }
  return {};
}

core::Status WavWriter::AppendMono(std::span<const std::int16_t> samples) {
  if (channels_ != WavChannels::kMono) {
    return core::Fail(core::ErrorCode::kFailedPrecondition, "AppendMono on a stereo recording");
  }
  if (data_bytes_ + 2 * samples.size() > kMaxDataBytes) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      "WAV file would pass 4 GiB: " + path_.string());
  }
  buffer_.clear();
  for (std::int16_t s : samples) Put16(buffer_, static_cast<std::uint16_t>(s));
  if (auto written = Write(buffer_); !written) return written;
  data_bytes_ += buffer_.size();
  return {};
}

core::Status WavWriter::AppendStereo(std::span<const std::int16_t> caller,
                                     std::span<const std::int16_t> agent) {
  if (channels_ != WavChannels::kStereo) {
    return core::Fail(core::ErrorCode::kFailedPrecondition, "AppendStereo on a mono recording");
  }
  const std::size_t frames = std::max(caller.size(), agent.size());
  if (data_bytes_ + 4 * frames > kMaxDataBytes) {
    return core::Fail(core::ErrorCode::kResourceExhausted,
                      "WAV file would pass 4 GiB: " + path_.string());
  }
  buffer_.clear();
  for (std::size_t i = 0; i < frames; ++i) {
    Put16(buffer_, static_cast<std::uint16_t>(i < caller.size() ? caller[i] : 0));
    Put16(buffer_, static_cast<std::uint16_t>(i < agent.size() ? agent[i] : 0));
  }
  if (auto written = Write(buffer_); !written) return written;
  data_bytes_ += buffer_.size();
  return {};
}

core::Status WavWriter::Close() {
  if (!file_) return {};
  const std::vector<std::uint8_t> header =
      Header(channels_, static_cast<std::uint32_t>(data_bytes_));
  std::FILE* f = file_.release();
  bool ok = std::fseek(f, kRiffSizeOffset, SEEK_SET) == 0 &&
            std::fwrite(header.data() + kRiffSizeOffset, 1, 4, f) == 4 &&
            std::fseek(f, kDataSizeOffset, SEEK_SET) == 0 &&
            std::fwrite(header.data() + kDataSizeOffset, 1, 4, f) == 4;
  std::string error = ok ? "" : std::strerror(errno);
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    error = std::strerror(errno);
  }
  if (!ok)
    return core::Fail(core::ErrorCode::kUnavailable,
                      fmt::format("cannot finish {}: {}", path_.string(), error));
  return {};
}

core::Result<std::uint64_t> RepairWav(const std::filesystem::path& path) {
  std::error_code ec;
  const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
  if (ec)
    return core::Fail(core::ErrorCode::kUnavailable,
                      fmt::format("cannot repair {}: {}", path.string(), ec.message()));
  const auto head = ReadUpTo(path, std::min<std::uintmax_t>(file_size, kHeaderSearchLimit));
  if (!head) return tl::unexpected(head.error());
  const auto layout = FindLayout(*head, path);
  if (!layout) return tl::unexpected(layout.error());
  if (layout->block_align == 0) return BadFile(path, "block align is 0");

  const std::uint64_t available = file_size - layout->data_offset;
  if (layout->declared_data_bytes != 0 && layout->declared_data_bytes <= available) {
    return layout->declared_data_bytes / layout->block_align;  // already whole
  }
  const std::uint64_t data_bytes =
      std::min<std::uint64_t>(available - available % layout->block_align, kMaxDataBytes);
  std::filesystem::resize_file(path, layout->data_offset + data_bytes, ec);
  if (ec)
    return core::Fail(core::ErrorCode::kUnavailable,
                      fmt::format("cannot repair {}: {}", path.string(), ec.message()));

  std::unique_ptr<std::FILE, ClosesFile> file(std::fopen(path.c_str(), "r+b"));
  if (!file) return FileError("cannot open", path);
  std::vector<std::uint8_t> riff_size;
  Put32(riff_size, static_cast<std::uint32_t>(layout->data_offset + data_bytes - 8));
  std::vector<std::uint8_t> data_size;
  Put32(data_size, static_cast<std::uint32_t>(data_bytes));
  const bool ok =
      std::fseek(file.get(), kRiffSizeOffset, SEEK_SET) == 0 &&
      std::fwrite(riff_size.data(), 1, 4, file.get()) == 4 &&
      std::fseek(file.get(), static_cast<long>(layout->data_offset - 4), SEEK_SET) == 0 &&
      std::fwrite(data_size.data(), 1, 4, file.get()) == 4 && std::fflush(file.get()) == 0;
  if (!ok) return FileError("cannot write", path);
  return data_bytes / layout->block_align;
}

core::Result<std::vector<std::int16_t>> ReadMonoWav(const std::filesystem::path& path) {
  std::error_code ec;
  const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
  if (ec)
    return core::Fail(core::ErrorCode::kNotFound,
                      fmt::format("cannot read {}: {}", path.string(), ec.message()));
  if (file_size > kMaxPromptBytes)
    return BadFile(path, fmt::format("{} bytes is too large for a prompt", file_size));
  const auto bytes = ReadUpTo(path, file_size);
  if (!bytes) return tl::unexpected(bytes.error());
  const auto layout = FindLayout(*bytes, path);
  if (!layout) return tl::unexpected(layout.error());
  if (layout->format != kFormatPcm || layout->bits != kBitsPerSample || layout->channels != 1 ||
      layout->sample_rate != kWavSampleRate) {
    return BadFile(
        path, fmt::format(
                  "format {}, {} channel(s), {} Hz, {} bits; need PCM (1), mono, 8000 Hz, 16 bits",
                  layout->format, layout->channels, layout->sample_rate, layout->bits));
  }
  const std::size_t available = bytes->size() - layout->data_offset;
  if (layout->declared_data_bytes > available) {
    return BadFile(path, fmt::format("data chunk declares {} bytes but the file holds {}",
                                     layout->declared_data_bytes, available));
  }
  std::vector<std::int16_t> samples(layout->declared_data_bytes / 2);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i] = static_cast<std::int16_t>(Get16(*bytes, layout->data_offset + 2 * i));
  }
  return samples;
}

}  // namespace cc::telephony::media
