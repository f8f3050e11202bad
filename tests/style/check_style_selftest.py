#!/usr/bin/env python3
"""The style checker can fail: runs check_style.py on a small made-up tree holding one
`throw` and one `namespace foo {`, and expects exactly those two reported at their lines, while
a forward-declaration-only `namespace rocksdb { class DB; }`, a comment and a string literal
mentioning `throw`, and digit separators pass.

Usage: check_style_selftest.py
Exits 0 when every expectation holds, else prints what failed and exits 1.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_style.py")

# path -> source text; the expected reports are the lines marked `// <- expected`.
TREE = {
    "base/clean.h": """\
#ifndef BASE_CLEAN_H_
#define BASE_CLEAN_H_
namespace rocksdb {
class DB;
struct Options;
}  // namespace rocksdb
namespace rocksdb { class Env; }
namespace coop::base {
// A comment may say throw, try { and catch (.
inline const char* kText = "throw, try { catch (";
inline const char kQuote = '"';
inline constexpr long kBig = 1'000'000;
namespace {}
}  // namespace coop::base
#endif
""",
    "domain/thrower.cc": """\
#include "base/clean.h"
namespace coop::domain {
int Parse(int x) {
  if (x < 0) throw x;  // <- expected
  return x;
}
}  // namespace coop::domain
""",
    "services/foreign.cc": """\
namespace coop {
int Fine() { return 1; }
}  // namespace coop
namespace foo {  // <- expected
int Bar() { return 2; }
}  // namespace foo
int main() { return coop::Fine(); }
""",
    "tests/base/clean_test.cc": """\
#include <gtest/gtest.h>
namespace coop::base {
namespace {
TEST(Clean, Passes) { EXPECT_TRUE(true); }
}  // namespace
}  // namespace coop::base
""",
}


def expected_locations():
    """The path:line of every line marked `// <- expected` in TREE."""
    return {f"{path}:{number}" for path, text in TREE.items()
            for number, line in enumerate(text.splitlines(), 1) if "// <- expected" in line}


def main():
    """Writes TREE into a temporary folder, runs the checker, compares; returns the exit code."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="coop-style-") as root:
        for path, text in TREE.items():
            os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                f.write(text)
        done = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True)
    reported = {":".join(line.split(":")[:2]) for line in done.stdout.splitlines()
                if line.split(":")[0] in TREE}
    if done.returncode != 1:
        failures.append(f"the checker exited {done.returncode}, not 1")
    for location in sorted(expected_locations() - reported):
        failures.append(f"not reported: {location}")
    for location in sorted(reported - expected_locations()):
        failures.append(f"reported though fine: {location}")
    for failure in failures:
        print("FAILED: " + failure)
    if failures:
        print("checker said:\n  " + "\n  ".join(done.stdout.splitlines() + [done.stderr]))
        return 1
    print("style self-test: OK (the throw and namespace foo reported at their lines; "
          "forward declarations, comments and literals pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
