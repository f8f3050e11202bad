// Helpers shared by the tests: status assertions (Debian's Abseil ships no status matchers)
// and a temporary folder removed at the end of the test. Not thread-safe; use per test.
#ifndef COOPLEDGER_TESTS_SUPPORT_TEST_SUPPORT_H_
#define COOPLEDGER_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace coop::testing {

// Copies, so that a status of a temporary (ASSERT_OK(store->Append(...))) outlives it.
inline absl::Status StatusOf(const absl::Status& s) { return s; }
template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}

// A fresh folder under $TMPDIR (or /tmp), deleted with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// True if `needle` occurs in the bytes of any file under `dir`; `where` gets the file.
bool AnyFileContains(const std::string& dir, const std::string& needle, std::string* where);

// Writes `text` to `path`, replacing what was there (certificates, keys, pages for a test).
void WriteFile(const std::string& path, const std::string& text);

// Bytes in the RocksDB write-ahead log files (*.log) directly in `dir`.
uintmax_t WriteAheadLogBytes(const std::string& dir);

}  // namespace coop::testing

#define ASSERT_OK(expr)                                              \
  do {                                                               \
    const absl::Status _st = ::coop::testing::StatusOf(expr);        \
    ASSERT_TRUE(_st.ok()) << #expr << " failed: " << _st.ToString(); \
  } while (0)
#define EXPECT_OK(expr)                                              \
  do {                                                               \
    const absl::Status _st = ::coop::testing::StatusOf(expr);        \
    EXPECT_TRUE(_st.ok()) << #expr << " failed: " << _st.ToString(); \
  } while (0)

#endif  // COOPLEDGER_TESTS_SUPPORT_TEST_SUPPORT_H_
