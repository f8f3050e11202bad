// A deterministic sample of a list: `n` positions spread evenly over it, so a dump of a
// national history can check a few hundred communes out of ten thousand, always the same
// ones for the same list. Pure function; thread-safe.
#ifndef COOPLEDGER_TOOLS_GOLDEN_EVEN_SAMPLE_H_
#define COOPLEDGER_TOOLS_GOLDEN_EVEN_SAMPLE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace coop::golden {

// Every item: the `n` of EvenSample that takes the whole list.
inline constexpr int64_t kAll = -1;

// The positions i * count / n for i = 0 … n-1 (ascending, the first item always in), or
// 0 … count-1 when n is kAll (any negative n) or at least count; none when n is 0.
std::vector<size_t> EvenSample(size_t count, int64_t n);

}  // namespace coop::golden

#endif  // COOPLEDGER_TOOLS_GOLDEN_EVEN_SAMPLE_H_
