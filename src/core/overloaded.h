// Overloaded{lambdas...}: one visitor out of several lambdas, for std::visit.
#pragma once

namespace cc::core {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

}  // namespace cc::core
