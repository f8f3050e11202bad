// What a test prints when a dump differs from its golden file: the first lines that differ,
// each with its line number and both versions — a long line cut around its first differing
// character — rather than the whole file. Pure function; thread-safe.
#ifndef COOPLEDGER_TESTS_GOLDEN_GOLDEN_DIFF_H_
#define COOPLEDGER_TESTS_GOLDEN_GOLDEN_DIFF_H_

#include <cstddef>
#include <string>

namespace coop::testing {

// Empty when `golden` and `actual` are equal; otherwise their line counts (when they differ)
// and at most `max_lines` differing lines (compared line by line, from the first).
std::string FirstDifferences(const std::string& golden, const std::string& actual,
                             size_t max_lines = 5);

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_GOLDEN_GOLDEN_DIFF_H_
