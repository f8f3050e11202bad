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
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(absl::StrCat("no manifest ", path, ": not a finished backup"));
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
  // Synced through a read of its own: ofstream has no fsync.
  if (auto synced = HashFile(temporary, nullptr); !synced.ok()) return synced.status();
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("renaming ", temporary, ": ", ec.message()));
  return SyncDirectory(backup_folder);
}

absl::StatusOr<std::vector<coop::v1::BackupInfo>> ListBackups(const std::string& backup_dir) {
  std::vector<coop::v1::BackupInfo> backups;
  std::error_code ec;
  const std::string folder = BackupsFolder(backup_dir);
  if (!fs::exists(folder, ec)) return backups;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    auto id = BackupIdOf(entry.path().filename().string());
    if (!id) continue;
    auto manifest = ReadManifest(entry.path().string());
    if (absl::IsNotFound(manifest.status())) continue;  // not finished
    if (!manifest.ok()) return manifest.status();
    coop::v1::BackupInfo info = manifest->info();
    info.set_path(entry.path().string());
    backups.push_back(std::move(info));
  }
  if (ec) return absl::UnavailableError(absl::StrCat("listing ", folder, ": ", ec.message()));
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
  std::error_code ec;
  const std::string folder = BackupsFolder(backup_dir);
  if (!fs::exists(folder, ec)) return 1;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 1 && name[0] == '.') name = name.substr(1, name.find('.', 1) - 1);
    if (auto id = BackupIdOf(name)) last = std::max(last, *id);
  }
  if (ec) return absl::UnavailableError(absl::StrCat("listing ", folder, ": ", ec.message()));
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
  for (const auto& entry : fs::directory_iterator(BackupsFolder(backup_dir), ec)) {
    const std::string name = entry.path().filename().string();
    if (BackupIdOf(name) && fs::exists(ManifestPath(entry.path().string()))) continue;
    fs::remove_all(entry.path(), ec);
    if (ec) return absl::UnavailableError(absl::StrCat("removing ", name, ": ", ec.message()));
  }
  // Shared tables no kept backup names.
  std::set<std::string> named;
  if (auto st = ForEachKeptFile(
          backup_dir,
          [&](const auto& info, const auto& file) {
            named.insert(fs::weakly_canonical(fs::path(info.path()) / file.stored_at()).string());
          });
      !st.ok()) {
    return st;
  }
  const std::string shared = SharedFolder(backup_dir);
  if (!fs::exists(shared, ec)) return removed;
  for (const auto& entry : fs::recursive_directory_iterator(shared, ec)) {
    if (!entry.is_regular_file()) continue;
    if (named.count(fs::weakly_canonical(entry.path()).string())) continue;
    fs::remove(entry.path(), ec);
    if (ec) return absl::UnavailableError(absl::StrCat("removing ", entry.path().string()));
  }
  return removed;
}

}  // namespace coop::backup
