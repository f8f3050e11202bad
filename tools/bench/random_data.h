// Fast per-thread randomness for the bench: UUIDs, payloads, run ids. Not for secrets.
// An Rng is not thread-safe: give each thread its own.
#ifndef COOPLEDGER_TOOLS_BENCH_RANDOM_DATA_H_
#define COOPLEDGER_TOOLS_BENCH_RANDOM_DATA_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace coop::bench {

// xoshiro256** seeded from std::random_device.
class Rng {
 public:
  Rng();
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n);
  // Uniform in [lo, hi].
  uint64_t Between(uint64_t lo, uint64_t hi) { return lo + Below(hi - lo + 1); }
  // Overwrites out[0, n) with random bytes.
  void Fill(char* out, size_t n);

 private:
  uint64_t s_[4];
};

// A random version-4 UUID, lower-case text form 8-4-4-4-12.
std::string NewUuidV4(Rng& rng);
// Writes a new random v4 UUID into `out` (resized to 36), reusing its storage.
void FillUuidV4(Rng& rng, std::string* out);
// `n` random bytes.
std::string RandomBytes(Rng& rng, size_t n);
// 12 lower-case hex digits naming one run, used in stream ids.
std::string NewRunId();

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_RANDOM_DATA_H_
