#include "backup/file_copy.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"

namespace coop::backup {
namespace {

constexpr size_t kChunk = 1 << 20;

absl::Status IoError(const std::string& what, const std::string& path, int error) {
  return absl::UnavailableError(absl::StrCat(what, " ", path, ": ", std::strerror(error)));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

struct DigestDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr); }
  void Update(const char* data, size_t size) { EVP_DigestUpdate(ctx_.get(), data, size); }
  std::string Final() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx_.get(), out, &length);
    return std::string(reinterpret_cast<char*>(out), length);
  }

 private:
  std::unique_ptr<EVP_MD_CTX, DigestDeleter> ctx_;
};

// Reads `fd` to its end, handing each chunk to `sink`.
absl::StatusOr<FileDigest> ReadAll(int fd, const std::string& path, const ByteProgress& progress,
                                   const std::function<absl::Status(const char*, size_t)>& sink) {
  std::vector<char> buffer(kChunk);
  Sha256 hash;
  FileDigest digest;
  while (true) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("reading", path, errno);
    }
    if (n == 0) break;
    hash.Update(buffer.data(), static_cast<size_t>(n));
    if (auto st = sink(buffer.data(), static_cast<size_t>(n)); !st.ok()) return st;
    digest.size += static_cast<uint64_t>(n);
    if (progress && progress(static_cast<uint64_t>(n))) {
      return absl::CancelledError(absl::StrCat("stopped while copying ", path));
    }
  }
  digest.sha256 = hash.Final();
  return digest;
}

absl::StatusOr<FileDigest> CopyInto(int in, int out, const std::string& from, const std::string& to,
                                    const ByteProgress& progress) {
  auto digest = ReadAll(in, from, progress, [&](const char* data, size_t size) {
    while (size > 0) {
      ssize_t w = ::write(out, data, size);
      if (w < 0) {
        if (errno == EINTR) continue;
        return IoError("writing", to, errno);
      }
      data += w;
      size -= static_cast<size_t>(w);
    }
    return absl::OkStatus();
  });
  if (!digest.ok()) return digest.status();
  if (::fsync(out) != 0) return IoError("syncing", to, errno);
  return digest;
}

}  // namespace

absl::StatusOr<FileDigest> CopyFileHashed(const std::string& from, const std::string& to,
                                          unsigned mode, const ByteProgress& progress) {
  Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat("no file ", from));
    return IoError("opening", from, errno);
  }
  Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (out.get() < 0) {
    if (errno == EEXIST) return absl::AlreadyExistsError(absl::StrCat(to, " exists"));
    return IoError("creating", to, errno);
  }
  auto digest = CopyInto(in.get(), out.get(), from, to, progress);
  if (::close(out.release()) != 0 && digest.ok()) digest = IoError("closing", to, errno);
  if (!digest.ok()) ::unlink(to.c_str());
  return digest;
}

absl::StatusOr<FileDigest> HashFile(const std::string& path, const ByteProgress& progress) {
  Fd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat("no file ", path));
    return IoError("opening", path, errno);
  }
  return ReadAll(in.get(), path, progress, [](const char*, size_t) { return absl::OkStatus(); });
}

absl::StatusOr<std::vector<FolderEntry>> ListFolder(const std::string& folder, bool recursive) {
  namespace fs = std::filesystem;
  std::vector<FolderEntry> entries;
  std::error_code ec;
  if (!fs::exists(folder, ec) && !ec) return entries;
  fs::recursive_directory_iterator it(folder, ec), end;
  while (!ec && it != end) {
    FolderEntry entry;
    entry.path = it->path().string();
    entry.name = it->path().filename().string();
    entry.is_file = it->is_regular_file(ec);
    if (!ec) entry.is_folder = it->is_directory(ec);
    if (!ec && entry.is_file) entry.size = it->file_size(ec);
    if (ec) break;
    entries.push_back(std::move(entry));
    if (!recursive) it.disable_recursion_pending();
    it.increment(ec);
  }
  if (ec)
    return absl::UnavailableError(absl::StrCat("reading the folder ", folder, ": ", ec.message()));
  return entries;
}

absl::Status SyncFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return IoError("opening", path, errno);
  if (::fsync(fd.get()) != 0) return IoError("syncing", path, errno);
  return absl::OkStatus();
}

absl::Status SyncDirectory(const std::string& folder) {
  Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return IoError("opening", folder, errno);
  if (::fsync(fd.get()) != 0) return IoError("syncing", folder, errno);
  return absl::OkStatus();
}

}  // namespace coop::backup
