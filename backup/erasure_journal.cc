#include "backup/erasure_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace coop::backup {
namespace {

// An erasure is one person at one position: after a restore to an older head, positions are
// used again, by other erasures.
std::string Key(const std::string& person_ref, const coop::v1::PersonErasure& erasure) {
  return absl::StrCat(person_ref, "@", erasure.position());
}

}  // namespace

absl::StatusOr<std::vector<coop::v1::ErasureJournalEntry>> ReadErasureJournal(
    const std::string& path) {
  std::vector<coop::v1::ErasureJournalEntry> entries;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) {
    return absl::NotFoundError(absl::StrCat("no erasure journal ", path));
  }
  std::ifstream in(path);
  if (ec || !in)
    return absl::UnavailableError(absl::StrCat("cannot read the erasure journal ", path));
  std::string line;
  while (std::getline(in, line)) {
    coop::v1::ErasureJournalEntry entry;
    // A line cut off by a crash does not parse: skipped (its erasure is in the log).
    if (!google::protobuf::util::JsonStringToMessage(line, &entry).ok()) continue;
    if (entry.person_ref().empty()) continue;
    entries.push_back(std::move(entry));
  }
  return entries;
}

absl::StatusOr<std::unique_ptr<ErasureJournal>> ErasureJournal::Open(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec)
    return absl::UnavailableError(
        absl::StrCat("creating the folder of ", path, ": ", ec.message()));
  auto entries = ReadErasureJournal(path);
  if (!entries.ok() && !absl::IsNotFound(entries.status())) return entries.status();
  std::set<std::string> recorded;
  if (entries.ok()) {
    for (const auto& entry : *entries) recorded.insert(Key(entry.person_ref(), entry.erasure()));
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat("opening ", path, ": ", std::strerror(errno)));
  }
  return std::unique_ptr<ErasureJournal>(new ErasureJournal(path, fd, std::move(recorded)));
}

ErasureJournal::ErasureJournal(std::string path, int fd, std::set<std::string> recorded)
    : path_(std::move(path)), fd_(fd), recorded_(std::move(recorded)) {}

ErasureJournal::~ErasureJournal() {
  absl::MutexLock lock(&mu_);
  ::close(fd_);
}

absl::Status ErasureJournal::Record(const std::string& person_ref,
                                    const coop::v1::PersonErasure& erasure) {
  coop::v1::ErasureJournalEntry entry;
  entry.set_person_ref(person_ref);
  *entry.mutable_erasure() = erasure;
  std::string line;
  if (auto st = google::protobuf::util::MessageToJsonString(entry, &line); !st.ok()) {
    return absl::InternalError(absl::StrCat("an erasure journal line: ", st.ToString()));
  }
  // A leading newline ends a line a crash may have cut off.
  line = "\n" + line + "\n";
  const std::string key = Key(person_ref, erasure);
  absl::MutexLock lock(&mu_);
  if (recorded_.count(key)) return absl::OkStatus();
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
      ::fdatasync(fd_) != 0) {
    return absl::UnavailableError(absl::StrCat("writing ", path_, ": ", std::strerror(errno)));
  }
  recorded_.insert(key);
  return absl::OkStatus();
}

}  // namespace coop::backup
