// Key presses heard as tones in the audio (in-band DTMF), for callers whose
// phone or trunk did not agree RFC 4733 telephone events: spandsp's DTMF
// receiver over the decoded samples. Each key is reported once, when its
// tone is recognised (ITU-T Q.24 timing and twist limits, spandsp's defaults).
// Thread-safety: none; it belongs to one leg on its media thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace cc::telephony::media {

class InbandDtmf {
 public:
  InbandDtmf();
  ~InbandDtmf();
  InbandDtmf(const InbandDtmf&) = delete;
  InbandDtmf& operator=(const InbandDtmf&) = delete;

  // Feeds 8 kHz linear samples; returns the keys recognised in them ("" mostly).
  std::string Feed(std::span<const std::int16_t> samples);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace cc::telephony::media
