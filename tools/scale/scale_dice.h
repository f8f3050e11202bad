// Deterministic dice and ids of the scale history. Every entity draws from its own Dice,
// seeded from (seed, kind, index), so an entity's life does not depend on how many draws
// the entities before it made; ids are name-based UUIDs of (seed, name). No wall clock and
// no std::random_device anywhere: the same seed always gives the same history.
// Pure value types; not thread-safe (one Dice per entity).
#ifndef COOPLEDGER_TOOLS_SCALE_SCALE_DICE_H_
#define COOPLEDGER_TOOLS_SCALE_SCALE_DICE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"

namespace coop::scale {

// SplitMix64 (Steele, Lea, Flood 2014): specified exactly, so the history does not change
// with a standard library's distribution algorithms.
class Dice {
 public:
  Dice(uint64_t seed, std::string_view kind, uint64_t index);

  uint64_t Next();
  // Uniform in [lo, hi], inclusive. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi);
  // True with probability percent / 100 (fractions allowed, e.g. 0.5).
  bool Chance(double percent);
  absl::CivilDay DayBetween(absl::CivilDay first, absl::CivilDay last);
  // An index in [0, n). REQUIRES: n > 0.
  size_t Index(size_t n) { return static_cast<size_t>(Between(0, static_cast<int64_t>(n) - 1)); }

 private:
  uint64_t state_;
};

// A name-based UUID (version 5) of (seed, name) in the scale generator's own namespace.
std::string ScaleUuid(uint64_t seed, std::string_view name);

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_DICE_H_
