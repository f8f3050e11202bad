#include "tools/bench/fsync_probe.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"

namespace coop::bench {

absl::StatusOr<uint64_t> ProbeFsyncNanos(const std::string& dir, int count, int bytes) {
  std::string path = absl::StrCat(dir, "/coop-bench-fsync-XXXXXX");
  int fd = mkstemp(path.data());
  if (fd < 0) {
    return absl::InternalError(
        absl::StrCat("cannot create a file under ", dir, ": ", std::strerror(errno)));
  }
  std::string data(bytes, 'x');
  std::vector<uint64_t> nanos;
  absl::Status status;
  for (int i = 0; i < count; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (write(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size()) ||
        fdatasync(fd) != 0) {
      status = absl::InternalError(absl::StrCat("write/fdatasync: ", std::strerror(errno)));
      break;
    }
    auto t1 = std::chrono::steady_clock::now();
    nanos.push_back(static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
  }
  close(fd);
  unlink(path.c_str());
  if (!status.ok()) return status;
  std::nth_element(nanos.begin(), nanos.begin() + nanos.size() / 2, nanos.end());
  return nanos[nanos.size() / 2];
}

}  // namespace coop::bench
