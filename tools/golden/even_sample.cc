#include "tools/golden/even_sample.h"

namespace coop::golden {

std::vector<size_t> EvenSample(size_t count, int64_t n) {
  std::vector<size_t> positions;
  if (n < 0 || static_cast<uint64_t>(n) >= count) {
    for (size_t i = 0; i < count; ++i) positions.push_back(i);
    return positions;
  }
  const auto take = static_cast<size_t>(n);
  for (size_t i = 0; i < take; ++i) positions.push_back(i * count / take);
  return positions;
}

}  // namespace coop::golden
