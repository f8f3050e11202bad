#include "backup/layout.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace coop::backup {

std::vector<absl::string_view> DatabaseComponents() {
  return {kProjections, kEvents, kPeople, kPeopleAccess};
}

std::string ComponentFolder(const std::string& data_dir, absl::string_view component) {
  if (component == kEvents || component == kKeys) return data_dir;
  return absl::StrCat(data_dir, "/", component);
}

std::string BackupsFolder(const std::string& backup_dir) { return backup_dir + "/backups"; }
std::string SharedFolder(const std::string& backup_dir) { return backup_dir + "/shared"; }
std::string ErasureJournalPath(const std::string& backup_dir) {
  return backup_dir + "/erasures.jsonl";
}

std::string BackupName(uint64_t id) { return absl::StrFormat("%06d", id); }

std::string BackupFolder(const std::string& backup_dir, uint64_t id) {
  return absl::StrCat(BackupsFolder(backup_dir), "/", BackupName(id));
}

std::string ManifestPath(const std::string& backup_folder) {
  return backup_folder + "/backup.json";
}

std::optional<uint64_t> BackupIdOf(absl::string_view folder_name) {
  if (folder_name.size() < 6) return std::nullopt;
  for (char c : folder_name) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  uint64_t id = 0;
  if (!absl::SimpleAtoi(folder_name, &id) || id == 0) return std::nullopt;
  return id;
}

std::string StagingFolder(const std::string& data_dir) { return data_dir + "/backup-staging"; }

}  // namespace coop::backup
