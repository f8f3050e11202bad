// Checked addition (and subtraction) for the figures the projections sum: a sum that would pass the
// int64 range stays at its end instead of wrapping to a number of the other sign. Inputs are
// bounded (domain/common/value_bounds.h), so saturation means a bug or a tampered log, never
// a real figure; a saturated figure is at least visibly absurd. Pure; thread-safe.
#ifndef COOPLEDGER_BASE_SATURATING_ADD_H_
#define COOPLEDGER_BASE_SATURATING_ADD_H_

#include <cstdint>
#include <limits>

namespace coop::base {

inline int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

// a - b, saturating the same way (b may be any int64, its minimum included).
inline int64_t SaturatingSub(int64_t a, int64_t b) {
  int64_t difference = 0;
  if (!__builtin_sub_overflow(a, b, &difference)) return difference;
  return b < 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

// *total += value, saturating.
inline void AddTo(int64_t* total, int64_t value) { *total = SaturatingAdd(*total, value); }

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_SATURATING_ADD_H_
