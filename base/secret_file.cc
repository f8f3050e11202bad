#include "base/secret_file.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace coop::base {
namespace {

constexpr size_t kMaxSecretFileBytes = 4096;

absl::Status ErrnoError(const std::string& what, const std::string& path) {
  const int err = errno;
  return absl::UnavailableError(absl::StrCat(what, " ", path, ": ", std::strerror(err)));
}

}  // namespace

absl::StatusOr<std::string> ReadSecretFile(const std::string& path, const std::string& what) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return absl::NotFoundError(absl::StrCat(what, " ", path, " does not exist"));
    return ErrnoError(absl::StrCat("cannot open ", what), path);
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    auto error = ErrnoError(absl::StrCat("cannot stat ", what), path);
    close(fd);
    return error;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return absl::FailedPreconditionError(absl::StrCat(what, " ", path, " is not a regular file"));
  }
  if ((st.st_mode & 077) != 0) {
    close(fd);
    return absl::FailedPreconditionError(
        absl::StrFormat("%s %s is accessible by group or others (mode %04o); restrict it with: "
                        "chmod 600 %s",
                        what, path, st.st_mode & 07777, path));
  }
  std::string contents;
  char buffer[1024];
  absl::Status status;
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      status = ErrnoError(absl::StrCat("cannot read ", what), path);
      break;
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
    if (contents.size() > kMaxSecretFileBytes) {
      status =
          absl::InvalidArgumentError(absl::StrCat(what, " ", path, " is too large to be a key"));
      break;
    }
  }
  close(fd);
  OPENSSL_cleanse(buffer, sizeof(buffer));
  if (!status.ok()) {
    if (!contents.empty()) OPENSSL_cleanse(contents.data(), contents.size());
    return status;
  }
  return contents;
}

absl::Status CreateSecretFile(const std::string& path, const std::string& contents,
                              const std::string& what) {
  const std::filesystem::path file(path);
  const std::string folder =
      file.has_parent_path() ? file.parent_path().string() : std::string(".");
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("folder ", folder, ": ", ec.message()));
  const std::string tmp = absl::StrCat(path, ".tmp-", getpid());
  unlink(tmp.c_str());
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError(absl::StrCat("cannot create ", what), tmp);
  size_t written = 0;
  bool ok = true;
  while (ok && written < contents.size()) {
    const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
    } else {
      written += static_cast<size_t>(n);
    }
  }
  if (!ok || fsync(fd) != 0) {
    auto st = ErrnoError(absl::StrCat("cannot write ", what), tmp);
    close(fd);
    unlink(tmp.c_str());
    return st;
  }
  close(fd);
  const int linked = link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  unlink(tmp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat(what, " ", path, " was created meanwhile"));
    }
    errno = link_errno;
    return ErrnoError(absl::StrCat("cannot create ", what), path);
  }
  // The new name must survive a power cut too.
  if (const int dir_fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    if (fsync(dir_fd) != 0) {
      // Best effort: the file itself is synced.
    }
    close(dir_fd);
  }
  return absl::OkStatus();
}

}  // namespace coop::base
