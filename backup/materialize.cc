#include "backup/materialize.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "backup/layout.h"

namespace coop::backup {
namespace fs = std::filesystem;
namespace {

absl::Status Check(const coop::v1::BackupFile& file, const FileDigest& digest) {
  if (digest.size != file.size() || digest.sha256 != file.sha256()) {
    return absl::DataLossError(
        absl::StrCat("backup file ", file.stored_at(), " (", file.component(), "/", file.name(),
                     ") is damaged: ", digest.size, " bytes with SHA-256 ",
                     absl::BytesToHexString(digest.sha256), ", the manifest says ", file.size(),
                     " bytes with ", absl::BytesToHexString(file.sha256())));
  }
  return absl::OkStatus();
}

bool PlainName(absl::string_view name) {
  return !name.empty() && name != "." && name != ".." && !absl::StrContains(name, "/");
}

// A manifest names files inside its backup's folder or the shared tables, nothing else.
bool KeptWhereExpected(const coop::v1::BackupFile& file) {
  absl::string_view at = file.stored_at();
  if (!absl::ConsumePrefix(&at, "files/") && !absl::ConsumePrefix(&at, "../../shared/")) {
    return false;
  }
  if (!absl::ConsumePrefix(&at, file.component()) || !absl::ConsumePrefix(&at, "/")) return false;
  return PlainName(at) && PlainName(file.name()) && PlainName(file.component());
}

}  // namespace

absl::StatusOr<MaterializeReport> Materialize(const std::string& backup_folder,
                                              const coop::v1::BackupManifest& manifest,
                                              const std::string& data_dir,
                                              const MaterializeOptions& options) {
  MaterializeReport report;
  std::error_code ec;
  for (const auto& file : manifest.files()) {
    if (!options.components.empty() && !options.components.count(file.component())) continue;
    if (!KeptWhereExpected(file)) {
      return absl::DataLossError(
          absl::StrCat("the manifest names a file outside the backup: ", file.component(), "/",
                       file.name(), " at ", file.stored_at()));
    }
    const std::string from = absl::StrCat(backup_folder, "/", file.stored_at());
    const std::string folder = ComponentFolder(data_dir, file.component());
    fs::create_directories(folder, ec);
    if (ec) return absl::UnavailableError(absl::StrCat("creating ", folder, ": ", ec.message()));
    const std::string to = absl::StrCat(folder, "/", file.name());
    if (!fs::exists(from, ec)) {
      return absl::DataLossError(absl::StrCat("backup file ", file.stored_at(), " (",
                                              file.component(), "/", file.name(), ") is missing"));
    }
    const bool link = options.link_tables && absl::StartsWith(file.stored_at(), "../../shared/");
    absl::StatusOr<FileDigest> digest =
        link ? HashFile(from, options.progress)
             : CopyFileHashed(from, to, file.component() == kKeys ? 0600 : 0644, options.progress);
    if (!digest.ok()) return digest.status();
    if (auto st = Check(file, *digest); !st.ok()) return st;
    if (link) {
      fs::create_hard_link(from, to, ec);
      if (ec) return absl::UnavailableError(absl::StrCat("linking ", to, ": ", ec.message()));
    }
    ++report.files;
    report.bytes += digest->size;
  }
  return report;
}

}  // namespace coop::backup
