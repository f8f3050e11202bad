// COOP_FUZZ_CHECK(condition, what): a property the code under test must keep. When it does
// not, the fuzz target prints what broke and aborts, so libFuzzer (or the replay in CI)
// reports the input as a crash. Not for the code under test: only for fuzz targets.
#ifndef COOPLEDGER_FUZZ_FUZZ_CHECK_H_
#define COOPLEDGER_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define COOP_FUZZ_CHECK(condition, what)                                                    \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property violated: %s (%s)\n", __FILE__, __LINE__, what, \
                   #condition);                                                             \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

#endif  // COOPLEDGER_FUZZ_FUZZ_CHECK_H_
