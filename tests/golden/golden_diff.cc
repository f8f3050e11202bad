#include "tests/golden/golden_diff.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace coop::testing {
namespace {

constexpr size_t kBefore = 120;  // characters shown before the first difference
constexpr size_t kAfter = 240;   // and from it on

bool InsideCharacter(absl::string_view line, size_t i) {
  return i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
}

// `line` from a little before `at` to a while after it, "…" where cut (never inside a UTF-8
// character).
std::string Around(absl::string_view line, size_t at) {
  size_t from = at > kBefore ? at - kBefore : 0;
  while (InsideCharacter(line, from)) ++from;
  size_t to = std::min(line.size(), at + kAfter);
  while (InsideCharacter(line, to)) --to;
  return absl::StrCat(from > 0 ? "…" : "", line.substr(from, to - from),
                      to < line.size() ? "…" : "");
}

}  // namespace

std::string FirstDifferences(const std::string& golden, const std::string& actual,
                             size_t max_lines) {
  if (golden == actual) return "";
  const std::vector<absl::string_view> want = absl::StrSplit(golden, '\n');
  const std::vector<absl::string_view> got = absl::StrSplit(actual, '\n');
  std::string out;
  if (want.size() != got.size()) {
    absl::StrAppend(&out, "golden: ", want.size() - 1, " lines, dump: ", got.size() - 1,
                    " lines\n");
  }
  size_t shown = 0;
  for (size_t i = 0; i < std::max(want.size(), got.size()) && shown < max_lines; ++i) {
    const absl::string_view a = i < want.size() ? want[i] : "<none>";
    const absl::string_view b = i < got.size() ? got[i] : "<none>";
    if (a == b) continue;
    size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
    absl::StrAppend(&out, "line ", i + 1, ", from character ", at + 1,
                    ":\n  golden: ", Around(a, at), "\n  dump:   ", Around(b, at), "\n");
    ++shown;
  }
  return out;
}

}  // namespace coop::testing
