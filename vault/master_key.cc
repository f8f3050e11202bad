#include "vault/master_key.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace coop::vault {
namespace {

constexpr size_t kMaxKeyFileBytes = 4096;

absl::Status ErrnoError(const std::string& what, const std::string& path) {
  const int err = errno;
  return absl::UnavailableError(absl::StrCat(what, " ", path, ": ", std::strerror(err)));
}

bool IsHex(const std::string& text) {
  for (char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Reads a whole small file through an open descriptor, checking its mode first.
absl::StatusOr<std::string> ReadKeyFile(int fd, const std::string& path) {
  struct stat st;
  if (fstat(fd, &st) != 0) return ErrnoError("cannot stat master key file", path);
  if (!S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("master key file ", path, " is not a regular file"));
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(
        absl::StrFormat("master key file %s is accessible by group or others (mode %04o); "
                        "restrict it with: chmod 600 %s",
                        path, st.st_mode & 07777, path));
  }
  std::string contents;
  char buffer[1024];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("cannot read master key file", path);
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
    if (contents.size() > kMaxKeyFileBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("master key file ", path, " is too large to be a key"));
    }
  }
  OPENSSL_cleanse(buffer, sizeof(buffer));
  return contents;
}

void Wipe(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(s->data(), s->size());
}

}  // namespace

MasterKey::~MasterKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

absl::StatusOr<MasterKey> MasterKey::FromBytes(const std::string& bytes) {
  if (bytes.size() != kBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("a master key is ", kBytes, " bytes, not ", bytes.size()));
  }
  MasterKey key;
  std::memcpy(key.bytes_.data(), bytes.data(), kBytes);
  return key;
}

absl::StatusOr<MasterKey> MasterKey::Random() {
  MasterKey key;
  if (RAND_bytes(key.bytes_.data(), static_cast<int>(kBytes)) != 1) {
    return absl::InternalError("RAND_bytes failed to make a master key");
  }
  return key;
}

absl::StatusOr<MasterKey> MasterKey::Parse(const std::string& file_contents) {
  if (file_contents.size() == kBytes) return FromBytes(file_contents);  // raw
  std::string text(absl::StripAsciiWhitespace(file_contents));
  if (text.size() == 2 * kBytes && IsHex(text)) {
    std::string raw = absl::HexStringToBytes(text);
    auto key = FromBytes(raw);
    Wipe(&raw);
    Wipe(&text);
    return key;
  }
  Wipe(&text);
  return absl::InvalidArgumentError(absl::StrCat(
      "a master key file holds ", kBytes, " raw bytes or ", 2 * kBytes, " hexadecimal digits"));
}

std::string MasterKey::Hex() const {
  return absl::BytesToHexString(
      std::string(reinterpret_cast<const char*>(bytes_.data()), bytes_.size()));
}

absl::StatusOr<MasterKey> LoadMasterKey(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return absl::NotFoundError(absl::StrCat("master key file ", path, " does not exist"));
    }
    return ErrnoError("cannot open master key file", path);
  }
  auto contents = ReadKeyFile(fd, path);
  close(fd);
  if (!contents.ok()) return contents.status();
  auto key = MasterKey::Parse(*contents);
  Wipe(&*contents);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("master key file ", path, ": ", key.status().message()));
  }
  return key;
}

absl::StatusOr<MasterKey> LoadOrCreateMasterKey(const std::string& path, bool* created) {
  if (created) *created = false;
  auto loaded = LoadMasterKey(path);
  if (!absl::IsNotFound(loaded.status())) return loaded;

  auto key = MasterKey::Random();
  if (!key.ok()) return key.status();
  const std::filesystem::path file(path);
  const std::string folder =
      file.has_parent_path() ? file.parent_path().string() : std::string(".");
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("folder ", folder, ": ", ec.message()));
  // Written under a temporary name, then linked into place: a crash never leaves a partial
  // key file behind, and link() never overwrites a key another process created meanwhile.
  const std::string tmp = absl::StrCat(path, ".tmp-", getpid());
  unlink(tmp.c_str());
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("cannot create master key file", tmp);
  std::string text = key->Hex() + "\n";
  size_t written = 0;
  bool ok = true;
  while (ok && written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
    } else {
      written += static_cast<size_t>(n);
    }
  }
  Wipe(&text);
  if (!ok || fsync(fd) != 0) {
    auto st = ErrnoError("cannot write master key file", tmp);
    close(fd);
    unlink(tmp.c_str());
    return st;
  }
  close(fd);
  const int linked = link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  unlink(tmp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return LoadMasterKey(path);
    errno = link_errno;
    return ErrnoError("cannot create master key file", path);
  }
  // The new name must survive a power cut too.
  if (const int dir_fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    if (fsync(dir_fd) != 0) {
      // Best effort: the key file itself is synced.
    }
    close(dir_fd);
  }
  if (created) *created = true;
  return key;
}

}  // namespace coop::vault
