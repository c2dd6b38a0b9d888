// For tests that listen to audio: how much of a signal is one tone.
// Header-only, no dependencies beyond the standard library.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>

namespace cc::telephony::media::test_audio {

// How much of `samples` (8 kHz) is a tone at `hz`: the Goertzel power over
// the signal's energy. About 1 for that tone alone, about 0.5 for it mixed
// with another as loud, near 0 when it is not there.
inline double ToneStrength(std::span<const std::int16_t> samples, double hz) {
  const double coeff = 2 * std::cos(2 * M_PI * hz / 8000.0);
  double q1 = 0, q2 = 0, energy = 0;
  for (const std::int16_t x : samples) {
    const double q0 = coeff * q1 - q2 + x;
    q2 = q1;
    q1 = q0;
    energy += static_cast<double>(x) * x;
  }
  if (energy == 0) return 0;
  return (q1 * q1 + q2 * q2 - coeff * q1 * q2) / (energy * static_cast<double>(samples.size()) / 2);
}

}  // namespace cc::telephony::media::test_audio
