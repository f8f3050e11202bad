#include "tools/scale/scale_dice.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"

namespace coop::scale {
namespace {

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a: a fixed, portable hash of the entity kind.
uint64_t HashOf(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

Dice::Dice(uint64_t seed, std::string_view kind, uint64_t index)
    : state_(Mix(Mix(seed ^ 0x5ca1e5eed0000000ULL) ^ HashOf(kind)) ^ Mix(index + 1)) {}

uint64_t Dice::Next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return Mix(state_);
}

int64_t Dice::Between(int64_t lo, int64_t hi) {
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int64_t>(Next() % span);
}

bool Dice::Chance(double percent) {
  // 53 random bits as a fraction in [0, 1).
  const double u = static_cast<double>(Next() >> 11) / 9007199254740992.0;
  return u * 100.0 < percent;
}

absl::CivilDay Dice::DayBetween(absl::CivilDay first, absl::CivilDay last) {
  return first + Between(0, last - first);
}

std::string ScaleUuid(uint64_t seed, std::string_view name) {
  // The namespace of the scale generator's ids (a fixed random UUID).
  static const base::UuidBytes kNamespace =
      *base::ParseUuid("9d3f6c2a-41b7-4e0c-8a55-2f17c0b9e4d3");
  return base::NameBasedUuid(kNamespace, absl::StrCat("seed/", seed, "/", std::string(name)));
}

}  // namespace coop::scale
