#include "backup/catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "backup/file_copy.h"
#include "backup/layout.h"
#include "google/protobuf/util/json_util.h"

namespace coop::backup {
namespace fs = std::filesystem;

absl::StatusOr<coop::v1::BackupManifest> ReadManifest(const std::string& backup_folder) {
  const std::string path = ManifestPath(backup_folder);
  std::error_code ec;
  if (!fs::exists(path, ec) && !ec) {
    return absl::NotFoundError(absl::StrCat("no manifest ", path, ": not a finished backup"));
  }
  // Any other failure is not "unfinished": retention must never take a backup it cannot read
  // for one that does not exist (it would delete tables that backup needs).
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) return absl::UnavailableError(absl::StrCat("cannot read the manifest ", path));
  std::stringstream text;
  text << in.rdbuf();
  coop::v1::BackupManifest manifest;
  if (auto st = google::protobuf::util::JsonStringToMessage(text.str(), &manifest); !st.ok()) {
    return absl::DataLossError(absl::StrCat("manifest ", path, " does not parse: ", st.ToString()));
  }
  if (manifest.format_version() != kManifestFormat) {
    return absl::DataLossError(absl::StrCat("manifest ", path, " has format version ",
                                            manifest.format_version(), "; this coopd reads ",
                                            kManifestFormat));
  }
  return manifest;
}

absl::Status WriteManifest(const std::string& backup_folder,
                           const coop::v1::BackupManifest& manifest) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  if (auto st = google::protobuf::util::MessageToJsonString(manifest, &json, options); !st.ok()) {
    return absl::InternalError(absl::StrCat("writing the manifest: ", st.ToString()));
  }
  const std::string path = ManifestPath(backup_folder);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << json;
    out.flush();
    if (!out) return absl::UnavailableError(absl::StrCat("writing ", temporary));
  }
  if (auto st = SyncFile(temporary); !st.ok()) return st;
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("renaming ", temporary, ": ", ec.message()));
  return SyncDirectory(backup_folder);
}

absl::StatusOr<std::vector<coop::v1::BackupInfo>> ListBackups(const std::string& backup_dir) {
  std::vector<coop::v1::BackupInfo> backups;
  auto entries = ListFolder(BackupsFolder(backup_dir), /*recursive=*/false);
  if (!entries.ok()) return entries.status();
  for (const auto& entry : *entries) {
    if (!entry.is_folder || !BackupIdOf(entry.name)) continue;
    auto manifest = ReadManifest(entry.path);
    if (absl::IsNotFound(manifest.status())) continue;  // not finished
    if (!manifest.ok()) return manifest.status();
    coop::v1::BackupInfo info = manifest->info();
    info.set_path(entry.path);
    backups.push_back(std::move(info));
  }
  std::sort(backups.begin(), backups.end(),
            [](const auto& a, const auto& b) { return a.backup_id() < b.backup_id(); });
  return backups;
}

absl::Status ForEachKeptFile(
    const std::string& backup_dir,
    const std::function<void(const coop::v1::BackupInfo&, const coop::v1::BackupFile&)>& visit) {
  auto kept = ListBackups(backup_dir);
  if (!kept.ok()) return kept.status();
  for (const auto& info : *kept) {
    auto manifest = ReadManifest(info.path());
    if (!manifest.ok()) return manifest.status();
    for (const auto& file : manifest->files()) visit(info, file);
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> NextBackupId(const std::string& backup_dir) {
  uint64_t last = 0;
  auto entries = ListFolder(BackupsFolder(backup_dir), /*recursive=*/false);
  if (!entries.ok()) return entries.status();
  for (const auto& entry : *entries) {
    std::string name = entry.name;
    if (name.size() > 1 && name[0] == '.') name = name.substr(1, name.find('.', 1) - 1);
    if (auto id = BackupIdOf(name)) last = std::max(last, *id);
  }
  return last + 1;
}

absl::StatusOr<std::vector<uint64_t>> ApplyRetention(const std::string& backup_dir, uint32_t keep) {
  auto backups = ListBackups(backup_dir);
  if (!backups.ok()) return backups.status();
  std::vector<uint64_t> removed;
  std::error_code ec;
  const size_t keep_count = std::max<uint32_t>(keep, 1);
  for (size_t i = 0; i + keep_count < backups->size(); ++i) {
    fs::remove_all((*backups)[i].path(), ec);
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("removing ", (*backups)[i].path(), ": ", ec.message()));
    }
    removed.push_back((*backups)[i].backup_id());
  }
  auto folders = ListFolder(BackupsFolder(backup_dir), /*recursive=*/false);
  if (!folders.ok()) return folders.status();
  for (const auto& entry : *folders) {
    // A finished backup stays, and so does one whose manifest cannot be read now: it is never
    // taken for an unfinished one.
    if (BackupIdOf(entry.name) && !absl::IsNotFound(ReadManifest(entry.path).status())) continue;
    fs::remove_all(entry.path, ec);
    if (ec)
      return absl::UnavailableError(absl::StrCat("removing ", entry.path, ": ", ec.message()));
  }
  // Shared tables no kept backup names.
  std::set<std::string> named;
  if (auto st = ForEachKeptFile(
          backup_dir,
          [&](const auto& info, const auto& file) {
            named.insert((fs::path(info.path()) / file.stored_at()).lexically_normal().string());
          });
      !st.ok()) {
    return st;
  }
  auto shared = ListFolder(SharedFolder(backup_dir), /*recursive=*/true);
  if (!shared.ok()) return shared.status();
  for (const auto& entry : *shared) {
    if (!entry.is_file) continue;
    if (named.count(fs::path(entry.path).lexically_normal().string())) continue;
    fs::remove(entry.path, ec);
    if (ec)
      return absl::UnavailableError(absl::StrCat("removing ", entry.path, ": ", ec.message()));
  }
  return removed;
}

}  // namespace coop::backup
