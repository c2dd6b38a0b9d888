#include "telephony/media/inband_dtmf.h"

#include <spandsp.h>

#include <stdexcept>

namespace cc::telephony::media {

struct InbandDtmf::State {
  dtmf_rx_state_t* rx = nullptr;
};

InbandDtmf::InbandDtmf() : state_(std::make_unique<State>()) {
  // No callback: recognised keys collect in the receiver's buffer (dtmf_rx_get).
  state_->rx = dtmf_rx_init(nullptr, nullptr, nullptr);
  if (!state_->rx) throw std::runtime_error("spandsp: no DTMF receiver");
}

InbandDtmf::~InbandDtmf() {
  if (state_ && state_->rx) dtmf_rx_free(state_->rx);
}

std::string InbandDtmf::Feed(std::span<const std::int16_t> samples) {
  dtmf_rx(state_->rx, samples.data(), static_cast<int>(samples.size()));
  char keys[16];
  const std::size_t n = dtmf_rx_get(state_->rx, keys, sizeof keys - 1);
  return std::string(keys, n);
}

}  // namespace cc::telephony::media
