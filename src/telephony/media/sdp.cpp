#include "telephony/media/sdp.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "telephony/media/srtp_suites.h"

namespace cc::telephony::media {
namespace {

constexpr std::uint32_t kG711ClockRate = 8000;
constexpr std::uint32_t kAnswerPtimeMs = 20;
constexpr std::uint8_t kPcmuStatic = 0;
constexpr std::uint8_t kPcmaStatic = 8;
constexpr std::string_view kRtpAvp = "RTP/AVP";
constexpr std::string_view kRtpSavp = "RTP/SAVP";

tl::unexpected<core::Error> Invalid(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument, "SDP: " + std::move(message));
}

// Input quoted in an error message, cut short: messages may reach logs and
// SIP reason phrases.
std::string Quoted(std::string_view text) {
  constexpr std::size_t kMaxQuoted = 32;
  return text.size() <= kMaxQuoted ? std::string(text)
                                   : std::string(text.substr(0, kMaxQuoted)) + "...";
}

bool HasControlCharacter(std::string_view line) {
  for (char c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7F) return true;
  }
  return false;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

template <typename T>
std::optional<T> Number(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<std::uint8_t> PayloadType(std::string_view text) {
  const auto value = Number<unsigned>(text);
  if (!value || *value > 127) return std::nullopt;
  return static_cast<std::uint8_t>(*value);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::optional<Direction> DirectionNamed(std::string_view name) {
  for (Direction d :
       {Direction::kSendRecv, Direction::kSendOnly, Direction::kRecvOnly, Direction::kInactive}) {
    if (name == ToString(d)) return d;
  }
  return std::nullopt;
}

// Reads one SDP line into `session`; `where` names the line for errors.
class LineReader {
 public:
  explicit LineReader(SessionDescription& session) : session_(session) {}

  core::Status Read(char type, std::string_view value, const std::string& where) {
    switch (type) {
      case 'v':
        return value == "0" ? core::Status{} : Invalid(where + ": version must be 0");
      case 'o':
        if (Split(value, ' ').size() != 6) return Invalid(where + ": o= needs 6 fields");
        session_.origin = std::string(value);
        return {};
      case 's':
        session_.session_name = std::string(value);
        return {};
      case 't': {
        const auto times = Split(value, ' ');
        if (times.size() != 2 || !Number<std::uint64_t>(times[0]) ||
            !Number<std::uint64_t>(times[1])) {
          return Invalid(where + ": t= needs a start and a stop time");
        }
        return {};
      }
      case 'c':
        return ReadConnection(value, where);
      case 'm':
        return ReadMedia(value, where);
      case 'a':
        return ReadAttribute(value, where);
      default:
        return {};  // i=, u=, e=, p=, b=, z=, k=, r= carry nothing the answer needs
    }
  }

 private:
  MediaDescription* CurrentMedia() {
    return session_.media.empty() ? nullptr : &session_.media.back();
  }

  core::Status ReadConnection(std::string_view value, const std::string& where) {
    const auto fields = Split(value, ' ');
    if (fields.size() != 3 || fields[0] != "IN")
      return Invalid(where + ": c= must be 'IN IP4 <address>'");
    if (fields[1] != "IP4")
      return Invalid(
          fmt::format("{}: address type {} is not supported, only IP4", where, Quoted(fields[1])));
    const std::string address(fields[2].substr(0, fields[2].find('/')));  // drop a multicast TTL
    if (address.empty()) return Invalid(where + ": c= has an empty address");
    if (MediaDescription* media = CurrentMedia()) {
      media->connection_address = address;
    } else {
      session_.connection_address = address;
    }
    return {};
  }

  core::Status ReadMedia(std::string_view value, const std::string& where) {
    const auto fields = Split(value, ' ');
    if (fields.size() < 4) return Invalid(where + ": m= needs media, port, protocol and formats");
    const std::string_view port_text =
        fields[1].substr(0, fields[1].find('/'));  // drop a port count
    const auto port = Number<std::uint32_t>(port_text);
    const bool digits =
        !port_text.empty() && port_text.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits)
      return Invalid(fmt::format("{}: port '{}' is not a number", where, Quoted(fields[1])));
    if (!port || *port > 65535) {
      return Invalid(fmt::format("{}: port {} is out of range", where, Quoted(port_text)));
    }
    MediaDescription media;
    media.media = std::string(fields[0]);
    media.port = static_cast<std::uint16_t>(*port);
    media.protocol = std::string(fields[2]);
    const bool rtp = media.protocol.starts_with("RTP/");
    for (std::size_t i = 3; i < fields.size(); ++i) {
      if (rtp && !PayloadType(fields[i])) {
        return Invalid(fmt::format("{}: payload type '{}' is not a number from 0 to 127", where,
                                   Quoted(fields[i])));
      }
      media.formats.emplace_back(fields[i]);
    }
    session_.media.push_back(std::move(media));
    return {};
  }

  core::Status ReadAttribute(std::string_view value, const std::string& where) {
    const std::size_t colon = value.find(':');
    const std::string_view name = value.substr(0, colon);
    const std::string_view argument =
        colon == std::string_view::npos ? std::string_view() : value.substr(colon + 1);
    MediaDescription* media = CurrentMedia();
    if (const auto direction = DirectionNamed(name)) {
      if (media) {
        media->direction = direction;
      } else {
        session_.direction = direction;
      }
      return {};
    }
    if (!media) return {};  // rtpmap, fmtp and ptime belong to a media section
    if (name == "rtpmap") return ReadRtpMap(*media, argument, where);
    if (name == "fmtp") {
      const std::size_t space = argument.find(' ');
      const auto pt = PayloadType(argument.substr(0, space));
      if (!pt) return Invalid(where + ": a=fmtp needs a payload type");
      const std::string_view parameters =
          space == std::string_view::npos ? std::string_view() : argument.substr(space + 1);
      media->fmtps.push_back(Fmtp{*pt, std::string(parameters)});
      return {};
    }
    if (name == "crypto") return ReadCrypto(*media, argument, where);
    if (name == "ptime") {
      const auto ptime = Number<std::uint32_t>(argument);
      if (!ptime || *ptime == 0)
        return Invalid(
            fmt::format("{}: ptime '{}' is not a positive number", where, Quoted(argument)));
      media->ptime_ms = *ptime;
    }
    return {};
  }

  static core::Status ReadRtpMap(MediaDescription& media, std::string_view argument,
                                 const std::string& where) {
    const auto fields = Split(argument, ' ');
    const auto pt = fields.size() == 2 ? PayloadType(fields[0]) : std::nullopt;
    const auto encoding =
        fields.size() == 2 ? Split(fields[1], '/') : std::vector<std::string_view>();
    const auto rate = encoding.size() >= 2 ? Number<std::uint32_t>(encoding[1]) : std::nullopt;
    if (!pt || !rate || encoding.size() > 3) {
      return Invalid(where +
                     ": a=rtpmap must be '<payload type> <encoding>/<clock rate>[/<channels>]'");
    }
    media.rtpmaps.push_back(RtpMap{*pt, std::string(encoding[0]), *rate});
    return {};
  }

  // "a=crypto:<tag> <suite> <key params> [<session params>]" (RFC 4568 9.1).
  static core::Status ReadCrypto(MediaDescription& media, std::string_view argument, const std::string& where) {
    const auto fields = Split(argument, ' ');
    const auto tag = fields.size() >= 3 && fields[0].size() <= 9 ? Number<std::uint32_t>(fields[0]) : std::nullopt;
    if (!tag || fields[1].empty() || fields[2].empty()) {
      return Invalid(where + ": a=crypto must be '<tag> <crypto suite> <key params>'");
    }
    media.crypto.push_back(Crypto{*tag, std::string(fields[1]), std::string(fields[2])});
    return {};
  }

  SessionDescription& session_;
};

const RtpMap* FindRtpMap(const MediaDescription& media, std::uint8_t pt) {
  for (const RtpMap& map : media.rtpmaps) {
    if (map.payload_type == pt) return &map;
  }
  return nullptr;
}

std::optional<AudioCodec> G711CodecFor(const MediaDescription& media, std::uint8_t pt) {
  if (const RtpMap* map = FindRtpMap(media, pt)) {
    if (map->clock_rate != kG711ClockRate) return std::nullopt;
    if (EqualsIgnoringCase(map->encoding, "PCMU")) return AudioCodec::kPcmu;
    if (EqualsIgnoringCase(map->encoding, "PCMA")) return AudioCodec::kPcma;
    return std::nullopt;
  }
  if (pt == kPcmuStatic) return AudioCodec::kPcmu;
  if (pt == kPcmaStatic) return AudioCodec::kPcma;
  return std::nullopt;
}

std::optional<std::uint8_t> TelephoneEventType(const MediaDescription& media) {
  for (const std::string& format : media.formats) {
    const auto pt = PayloadType(format);
    const RtpMap* map = pt ? FindRtpMap(media, *pt) : nullptr;
    if (map && EqualsIgnoringCase(map->encoding, "telephone-event") &&
        map->clock_rate == kG711ClockRate)
      return pt;
  }
  return std::nullopt;
}

core::Result<std::size_t> UsableAudio(const SessionDescription& offer, const SrtpTerms& srtp) {
  std::optional<std::string> why;
  for (std::size_t i = 0; i < offer.media.size(); ++i) {
    const MediaDescription& media = offer.media[i];
    if (media.media != "audio") continue;
    if (media.port == 0) {
      why = why.value_or("the audio stream is disabled (port 0)");
    } else if (media.protocol == kRtpSavp && srtp.our_key.empty()) {
      why = why.value_or("SRTP (RTP/SAVP) is taken only over SIP over TLS with [sip.tls] srtp not \"off\"");
    } else if (media.protocol == kRtpAvp && srtp.required) {
      why = why.value_or("this centre takes only SRTP (RTP/SAVP) on this connection");
    } else if (media.protocol != kRtpAvp && media.protocol != kRtpSavp) {
      why = why.value_or(
          fmt::format("audio over {} is not supported, only RTP/AVP or RTP/SAVP", Quoted(media.protocol)));
    } else {
      return i;
    }
  }
  return Invalid(why.value_or("the offer has no audio m-line"));
}

std::string_view CodecName(AudioCodec codec) {
  return codec == AudioCodec::kPcmu ? "PCMU" : "PCMA";
}

}  // namespace

std::string_view ToString(Direction direction) {
  switch (direction) {
    case Direction::kSendRecv:
      return "sendrecv";
    case Direction::kSendOnly:
      return "sendonly";
    case Direction::kRecvOnly:
      return "recvonly";
    case Direction::kInactive:
      return "inactive";
  }
  return "sendrecv";
}

Direction Mirror(Direction direction) {
  switch (direction) {
    case Direction::kSendOnly:
      return Direction::kRecvOnly;
    case Direction::kRecvOnly:
      return Direction::kSendOnly;
    case Direction::kSendRecv:
    case Direction::kInactive:
      return direction;
  }
  return direction;
}

core::Result<SessionDescription> ParseSdp(std::string_view text) {
  SessionDescription session;
  LineReader reader(session);
  bool seen_version = false;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const std::string where = fmt::format("line {}", line_number);
    if (line.size() < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z') {
      return Invalid(where + ": expected '<letter>=<value>'");
    }
    if (HasControlCharacter(line)) return Invalid(where + ": control character in the line");
    if (!seen_version && line[0] != 'v')
      return Invalid(where + ": the description must start with v=0");
    seen_version = true;
    if (auto status = reader.Read(line[0], line.substr(2), where); !status)
      return tl::unexpected(status.error());
  }
  if (!seen_version) return Invalid("empty description");
  return session;
}

core::Result<SdpAnswer> Answer(const SessionDescription& offer, std::string_view our_address,
                               std::uint16_t our_port, SdpOrigin origin, const SrtpTerms& srtp) {
  if (our_address.empty() || our_address.find(' ') != std::string_view::npos ||
      HasControlCharacter(our_address)) {
    return Invalid(fmt::format("our address '{}' cannot go into a c= line", Quoted(our_address)));
  }
  if (our_port == 0) return Invalid("our RTP port must not be 0");
  const auto audio_index = UsableAudio(offer, srtp);
  if (!audio_index) return tl::unexpected(audio_index.error());
  const MediaDescription& audio = offer.media[*audio_index];

  SdpAnswer answer;
  const std::optional<std::string>& remote =
      audio.connection_address ? audio.connection_address : offer.connection_address;
  if (!remote) return Invalid("no connection address (c=) for the audio stream");
  answer.audio.remote_address = *remote;
  answer.audio.remote_port = audio.port;
  bool found_codec = false;
  for (const std::string& format : audio.formats) {
    const auto pt = PayloadType(format);
    const auto codec = pt ? G711CodecFor(audio, *pt) : std::nullopt;
    if (codec) {
      answer.audio.codec = *codec;
      answer.audio.payload_type = *pt;
      found_codec = true;
      break;
    }
  }
  if (!found_codec) {
    std::string offered;
    for (const std::string& format : audio.formats)
      offered += (offered.empty() ? "" : " ") + format;
    return Invalid(
        fmt::format("no supported codec offered (want PCMU or PCMA), got '{}'", Quoted(offered)));
  }
  answer.audio.telephone_event_payload_type = TelephoneEventType(audio);
  answer.audio.direction =
      Mirror(audio.direction.value_or(offer.direction.value_or(Direction::kSendRecv)));
  answer.audio.ptime_ms = kAnswerPtimeMs;
  std::optional<Crypto> chosen;
  if (audio.protocol == kRtpSavp) {
    for (const Crypto& c : audio.crypto) {
      if (SrtpSuiteSupported(c.suite) && c.key_params.starts_with("inline:")) {
        chosen = c;
        break;
      }
    }
    if (!chosen) {
      return Invalid("no SRTP crypto suite we support was offered (want AES_CM_128_HMAC_SHA1_80 or _32, inline key)");
    }
    answer.audio.srtp = NegotiatedAudio::Srtp{chosen->suite, srtp.our_key, chosen->key_params};
  }

  const NegotiatedAudio& a = answer.audio;
  std::string& out = answer.text;
  out += "v=0\r\n";
  out += fmt::format("o=callcenter {} {} IN IP4 {}\r\n", origin.session_id, origin.session_version,
                     our_address);
  out += "s=callcenter\r\n";
  out += fmt::format("c=IN IP4 {}\r\n", our_address);
  out += "t=0 0\r\n";
  for (std::size_t i = 0; i < offer.media.size(); ++i) {
    const MediaDescription& media = offer.media[i];
    if (i != *audio_index) {
      out += fmt::format("m={} 0 {} {}\r\n", media.media, media.protocol, media.formats.front());
      continue;
    }
    out += fmt::format("m=audio {} {} {}", our_port, chosen ? kRtpSavp : kRtpAvp, a.payload_type);
    if (a.telephone_event_payload_type) out += fmt::format(" {}", *a.telephone_event_payload_type);
    out += "\r\n";
    out += fmt::format("a=rtpmap:{} {}/8000\r\n", a.payload_type, CodecName(a.codec));
    if (a.telephone_event_payload_type) {
      out += fmt::format("a=rtpmap:{} telephone-event/8000\r\n", *a.telephone_event_payload_type);
      out += fmt::format("a=fmtp:{} 0-15\r\n",
                         *a.telephone_event_payload_type);  // the keypad events we read
    }
    out += fmt::format("a=ptime:{}\r\n", a.ptime_ms);
    out += fmt::format("a={}\r\n", ToString(a.direction));
    if (chosen) out += fmt::format("a=crypto:{} {} inline:{}\r\n", chosen->tag, chosen->suite, srtp.our_key);
  }
  return answer;
}

}  // namespace cc::telephony::media
