#include "backup/ingest.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "backup/catalog.h"
#include "backup/layout.h"
#include "backup/table_identity.h"

namespace coop::backup {
namespace fs = std::filesystem;
namespace {

constexpr absl::string_view kSharedPrefix = "../../shared/";

// RocksDB's files that are not the database: its lock and its informational logs.
bool IsDatabaseFile(const std::string& name) {
  return name != "LOCK" && !absl::StartsWith(name, "LOG");
}

absl::Status Unavailable(const std::string& what, const std::error_code& ec) {
  return absl::UnavailableError(absl::StrCat(what, ": ", ec.message()));
}

}  // namespace

absl::StatusOr<Ingest> Ingest::Start(const std::string& backup_dir, const std::string& folder) {
  Ingest ingest(backup_dir, folder);
  auto st = ForEachKeptFile(backup_dir, [&](const auto&, const coop::v1::BackupFile& file) {
    if (!absl::StartsWith(file.stored_at(), kSharedPrefix)) return;
    ingest.shared_digests_[file.stored_at().substr(kSharedPrefix.size())] =
        FileDigest{.size = file.size(), .sha256 = file.sha256()};
  });
  if (!st.ok()) return st;
  return ingest;
}

absl::Status Ingest::PlanDatabase(absl::string_view component, const std::string& staged) {
  std::error_code ec;
  const std::string own = absl::StrCat(folder_, "/files/", component);
  fs::create_directories(own, ec);
  if (ec) return Unavailable(absl::StrCat("creating ", own), ec);
  const std::string shared = absl::StrCat(SharedFolder(backup_dir_), "/", component);
  fs::create_directories(shared, ec);
  if (ec) return Unavailable(absl::StrCat("creating ", shared), ec);
  auto entries = ListFolder(staged, /*recursive=*/false);
  if (!entries.ok()) return entries.status();
  for (const auto& entry : *entries) {
    if (!entry.is_file) continue;
    const std::string& name = entry.name;
    if (!IsDatabaseFile(name)) continue;
    const uint64_t size = entry.size;
    coop::v1::BackupFile file;
    file.set_component(std::string(component));
    file.set_name(name);
    file.set_size(size);
    if (IsTable(name)) {
      auto identity = TableIdentity(entry.path, size);
      if (!identity.ok()) return identity.status();
      const std::string key = absl::StrCat(component, "/", *identity);
      file.set_stored_at(absl::StrCat(kSharedPrefix, key));
      if (auto known = shared_digests_.find(key); known != shared_digests_.end()) {
        file.set_sha256(known->second.sha256);
        files_.push_back(std::move(file));
        continue;
      }
      // Not in any kept backup: copied (over a leftover of a failed backup, if any).
      const std::string target = absl::StrCat(shared, "/", *identity);
      fs::remove(target, ec);
      copies_.push_back({.from = entry.path, .to = target, .file_index = files_.size()});
    } else {
      file.set_stored_at(absl::StrCat("files/", component, "/", name));
      copies_.push_back(
          {.from = entry.path, .to = absl::StrCat(own, "/", name), .file_index = files_.size()});
    }
    bytes_to_copy_ += size;
    files_.push_back(std::move(file));
  }
  return absl::OkStatus();
}

absl::Status Ingest::PlanSecret(absl::string_view component, const std::string& path,
                                const std::string& name) {
  std::error_code ec;
  const std::string own = absl::StrCat(folder_, "/files/", component);
  fs::create_directories(own, ec);
  if (ec) return Unavailable(absl::StrCat("creating ", own), ec);
  coop::v1::BackupFile file;
  file.set_component(std::string(component));
  file.set_name(name);
  file.set_stored_at(absl::StrCat("files/", component, "/", name));
  copies_.push_back({.from = path,
                     .to = absl::StrCat(own, "/", name),
                     .mode = 0600,
                     .file_index = files_.size()});
  files_.push_back(std::move(file));
  return absl::OkStatus();
}

absl::Status Ingest::Copy(const ByteProgress& progress) {
  for (const auto& copy : copies_) {
    const bool shared = absl::StartsWith(files_[copy.file_index].stored_at(), kSharedPrefix);
    const std::string written = shared ? copy.to + ".partial" : copy.to;
    std::error_code ec;
    fs::remove(written, ec);
    auto digest = CopyFileHashed(copy.from, written, copy.mode, progress);
    if (!digest.ok()) return digest.status();
    if (shared) {
      fs::rename(written, copy.to, ec);
      if (ec) return Unavailable(absl::StrCat("renaming ", written), ec);
    }
    auto& file = files_[copy.file_index];
    file.set_size(digest->size);
    file.set_sha256(digest->sha256);
    ++new_files_;
    new_bytes_ += digest->size;
  }
  // The names of everything copied, synced with their folders.
  auto own = ListFolder(folder_ + "/files", /*recursive=*/true);
  if (!own.ok()) return own.status();
  auto shared = ListFolder(SharedFolder(backup_dir_), /*recursive=*/false);
  if (!shared.ok()) return shared.status();
  for (const auto* entries : {&*own, &*shared}) {
    for (const auto& entry : *entries) {
      if (!entry.is_folder) continue;
      if (auto st = SyncDirectory(entry.path); !st.ok()) return st;
    }
  }
  return absl::OkStatus();
}

}  // namespace coop::backup
