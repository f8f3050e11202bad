#include "backup/writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "backup/catalog.h"
#include "backup/ingest.h"
#include "backup/layout.h"
#include "base/kill_point.h"
#include "eventstore/store_factory.h"

namespace coop::backup {
namespace fs = std::filesystem;
namespace {

absl::Status Unavailable(const std::string& what, const std::error_code& ec) {
  return absl::UnavailableError(absl::StrCat(what, ": ", ec.message()));
}

std::string HumanSize(uint64_t bytes) {
  if (bytes >= 1000000000) return absl::StrFormat("%.2f GB", static_cast<double>(bytes) / 1e9);
  return absl::StrFormat("%.1f MB", static_cast<double>(bytes) / 1e6);
}

BackupWriterOptions Absolute(BackupWriterOptions options) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(options.backup_dir, ec);
  if (!ec) options.backup_dir = absolute.lexically_normal().string();
  return options;
}

// An exclusive lock on the backup folder, held while a backup is written, so that two servers
// configured with one folder never write it at once.
class FolderLock {
 public:
  static absl::StatusOr<FolderLock> Take(const std::string& backup_dir) {
    const std::string path = backup_dir + "/.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      return absl::UnavailableError(absl::StrCat("opening ", path, ": ", std::strerror(errno)));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return absl::AbortedError(absl::StrCat("another process is writing a backup in ", backup_dir,
                                             "; retry once it has finished"));
    }
    return FolderLock(fd);
  }
  FolderLock(FolderLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ~FolderLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_;
};

// The staged log's heads: it is opened as a store of its own, read and closed.
absl::Status ReadHeads(const std::string& staged_log, coop::v1::BackupInfo* info) {
  eventstore::StoreOptions options;
  options.create_if_missing = false;
  auto store = eventstore::OpenEventStore(staged_log, options);
  if (!store.ok()) return store.status();
  const coop::v1::LogInfo log = (*store)->GetLogInfo();
  info->set_log_head_position(log.head_position());
  info->set_chain_head(log.chain_head());
  auto root = (*store)->TreeRoot(log.head_position());
  if (!root.ok()) return root.status();
  info->set_tree_root(*root);
  (*store)->Close();
  return absl::OkStatus();
}

}  // namespace

BackupWriter::BackupWriter(BackupSources sources, BackupWriterOptions options)
    : sources_(std::move(sources)), options_(Absolute(std::move(options))) {
  // A backup cut off by a crash left its staging folder: hard links that keep the tables of
  // that moment on disk (as much as the databases held) until the next backup. None runs yet.
  std::error_code ec;
  fs::remove_all(StagingFolder(sources_.data_dir), ec);
}

void BackupWriter::Progress(absl::string_view line) const {
  if (options_.progress) options_.progress(line);
}

absl::StatusOr<coop::v1::BackupInfo> BackupWriter::Create(bool include_keys,
                                                          const std::function<bool()>& cancelled) {
  {
    absl::MutexLock lock(&mu_);
    if (running_) {
      return absl::AbortedError("a backup is being written already; retry once it has finished");
    }
    running_ = true;
  }
  absl::Cleanup done = [this] {
    absl::MutexLock lock(&mu_);
    running_ = false;
  };
  std::error_code ec;
  fs::create_directories(BackupsFolder(options_.backup_dir), ec);
  if (ec) return Unavailable(absl::StrCat("creating ", options_.backup_dir), ec);
  fs::permissions(options_.backup_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  auto lock = FolderLock::Take(options_.backup_dir);
  if (!lock.ok()) return lock.status();
  auto id = NextBackupId(options_.backup_dir);
  if (!id.ok()) return id.status();
  auto info = CreateLocked(*id, include_keys, cancelled);
  fs::remove_all(StagingFolder(sources_.data_dir), ec);
  // Retention also removes what a failed backup left (its folder, tables only it copied).
  auto removed = ApplyRetention(options_.backup_dir, options_.keep);
  if (!info.ok()) return info.status();
  if (!removed.ok()) return removed.status();
  for (uint64_t r : *removed) info->add_removed_backups(r);
  return info;
}

absl::StatusOr<coop::v1::BackupInfo> BackupWriter::CreateLocked(
    uint64_t id, bool include_keys, const std::function<bool()>& cancelled) {
  const absl::Time started = options_.clock ? options_.clock() : absl::Now();
  const std::string name = BackupName(id);
  const std::string partial =
      absl::StrCat(BackupsFolder(options_.backup_dir), "/.", name, ".partial");
  const std::string staging = StagingFolder(sources_.data_dir);
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return Unavailable(absl::StrCat("creating ", staging), ec);
  fs::create_directories(partial, ec);
  if (ec) return Unavailable(absl::StrCat("creating ", partial), ec);

  // 1. Checkpoints, in this order (writer.h).
  Progress(absl::StrCat("sao lưu ", id, ": chụp trạng thái các cơ sở dữ liệu / backup ", id,
                        ": taking checkpoints of the databases"));
  const auto staged = [&](absl::string_view component) {
    return absl::StrCat(staging, "/", component);
  };
  if (auto st = sources_.projections->Checkpoint(staged(kProjections)); !st.ok()) return st;
  if (auto st = sources_.log->Checkpoint(staged(kEvents)); !st.ok()) return st;
  if (auto st = sources_.vault->Checkpoint(staged(kPeople)); !st.ok()) return st;
  if (auto st = sources_.access_log->Checkpoint(staged(kPeopleAccess)); !st.ok()) return st;

  // 2. The heads of the log as staged.
  coop::v1::BackupManifest manifest;
  manifest.set_format_version(kManifestFormat);
  coop::v1::BackupInfo& info = *manifest.mutable_info();
  info.set_backup_id(id);
  info.set_created_at_micros(absl::ToUnixMicros(started));
  info.set_includes_keys(include_keys);
  if (auto st = ReadHeads(staged(kEvents), &info); !st.ok()) return st;

  // 3–4. The files.
  auto ingest = Ingest::Start(options_.backup_dir, partial);
  if (!ingest.ok()) return ingest.status();
  for (absl::string_view component : DatabaseComponents()) {
    if (auto st = ingest->PlanDatabase(component, staged(component)); !st.ok()) return st;
  }
  if (include_keys) {
    if (auto st = ingest->PlanSecret(kKeys, sources_.master_key_file, std::string(kMasterKeyName));
        !st.ok()) {
      return st;
    }
    if (auto st =
            ingest->PlanSecret(kKeys, sources_.signing_key_file, std::string(kSigningKeyName));
        !st.ok()) {
      return st;
    }
  }
  const uint64_t total = ingest->bytes_to_copy();
  Progress(absl::StrCat("sao lưu ", id, ": nhật ký đến vị trí ", info.log_head_position(),
                        ", cần chép ", HumanSize(total), " / backup ", id, ": the log to position ",
                        info.log_head_position(), ", ", HumanSize(total), " to copy"));
  uint64_t copied = 0;
  int reported_tenths = 0;
  auto copy = ingest->Copy([&](uint64_t bytes) {
    base::KillPoint("backup.copy");
    copied += bytes;
    const int tenths = total == 0 ? 10 : static_cast<int>(copied * 10 / total);
    if (tenths > reported_tenths) {
      reported_tenths = tenths;
      Progress(absl::StrCat("sao lưu ", id, ": ", tenths * 10, "% (", HumanSize(copied),
                            ") / backup ", id, ": ", tenths * 10, "%"));
    }
    return cancelled && cancelled();
  });
  if (!copy.ok()) {
    fs::remove_all(partial, ec);
    return copy;
  }
  uint64_t files = 0, bytes = 0;
  for (const auto& file : ingest->files()) {
    ++files;
    bytes += file.size();
    *manifest.add_files() = file;
  }
  info.set_files(files);
  info.set_bytes(bytes);
  info.set_new_files(ingest->new_files());
  info.set_new_bytes(ingest->new_bytes());

  // 5. The manifest, then the name.
  if (auto st = WriteManifest(partial, manifest); !st.ok()) {
    fs::remove_all(partial, ec);
    return st;
  }
  const std::string folder = BackupFolder(options_.backup_dir, id);
  base::KillPoint("backup.before_rename");
  fs::rename(partial, folder, ec);
  if (ec) return Unavailable(absl::StrCat("renaming ", partial), ec);
  if (auto st = SyncDirectory(BackupsFolder(options_.backup_dir)); !st.ok()) return st;
  info.set_path(folder);
  Progress(absl::StrCat("sao lưu ", id, " xong: ", files, " tệp, ", HumanSize(bytes), " (mới chép ",
                        HumanSize(ingest->new_bytes()), ") / backup ", id, " done: ", files,
                        " files, ", HumanSize(bytes), " (", HumanSize(ingest->new_bytes()),
                        " copied)"));
  return info;
}

}  // namespace coop::backup
