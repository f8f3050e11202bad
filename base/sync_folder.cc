#include "base/sync_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"

namespace coop::base {
namespace {

absl::Status SyncPath(const std::string& path, bool folder) {
  const int fd = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) {
    return absl::UnavailableError(absl::StrCat("cannot sync ", path, ": ", std::strerror(error)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SyncFolder(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> folders = {folder};
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_symlink(ec)) continue;
    if (it->is_directory(ec)) {
      folders.push_back(it->path().string());
    } else if (it->is_regular_file(ec)) {
      if (auto st = SyncPath(it->path().string(), /*folder=*/false); !st.ok()) return st;
    }
  }
  if (ec) return absl::UnavailableError(absl::StrCat("cannot list ", folder, ": ", ec.message()));
  // Deepest first, so each folder's entries are durable before the folder that names it.
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
    if (auto st = SyncPath(*it, /*folder=*/true); !st.ok()) return st;
  }
  // And the folder's own entry in its parent, which a folder created just now needs.
  const fs::path parent = fs::absolute(folder, ec).parent_path();
  if (ec || parent.empty()) return absl::OkStatus();
  return SyncPath(parent.string(), /*folder=*/true);
}

}  // namespace coop::base
