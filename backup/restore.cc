#include "backup/restore.h"

#include <filesystem>
#include <system_error>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "backup/catalog.h"
#include "backup/erasure_journal.h"
#include "backup/layout.h"
#include "backup/materialize.h"
#include "backup/verifier.h"
#include "base/secret_file.h"
#include "base/sync_folder.h"
#include "vault/master_key.h"
#include "vault/person_vault.h"

namespace coop::backup {
namespace fs = std::filesystem;
namespace {

absl::Status Unavailable(const std::string& what, const std::error_code& ec) {
  return absl::UnavailableError(absl::StrCat(what, ": ", ec.message()));
}

// The keys the backup does not hold, from the files given.
absl::Status PlaceKeys(const coop::v1::BackupInfo& info, const RestoreOptions& options,
                       const std::string& folder, BackupRestoreReport* report) {
  if (!info.includes_keys()) {
    if (options.master_key_file.empty()) {
      return absl::FailedPreconditionError(
          "bản sao lưu không chứa khóa chính của kho dữ liệu cá nhân; hãy đưa khóa bằng "
          "--master_key TỆP / the backup does not hold the person vault's master key (backups "
          "leave it out unless asked); give it with --master_key FILE");
    }
    auto key = vault::LoadMasterKey(options.master_key_file);
    if (!key.ok()) return key.status();
    if (auto st = base::CreateSecretFile(absl::StrCat(folder, "/", kMasterKeyName),
                                         key->Hex() + "\n", "master key file");
        !st.ok()) {
      return st;
    }
  }
  report->signing_key_restored = info.includes_keys();
  if (!options.signing_key_file.empty()) {
    auto pem = base::ReadSecretFile(options.signing_key_file, "signing key file");
    if (!pem.ok()) return pem.status();
    const std::string target = absl::StrCat(folder, "/", kSigningKeyName);
    std::error_code ec;
    fs::remove(target, ec);  // the one given wins over the backup's
    if (auto st = base::CreateSecretFile(target, *pem, "signing key file"); !st.ok()) return st;
    report->signing_key_restored = true;
  }
  return absl::OkStatus();
}

// Opens the restored vault with the restored key and erases everyone of the journal.
absl::StatusOr<uint64_t> ApplyJournal(const std::string& folder, const std::string& journal,
                                      uint64_t log_head) {
  auto key = vault::LoadMasterKey(absl::StrCat(folder, "/", kMasterKeyName));
  if (!key.ok()) return key.status();
  auto people = vault::PersonVault::Open(ComponentFolder(folder, kPeople), *key);
  if (absl::IsDataLoss(people.status())) {  // the key check failed: another key
    return absl::FailedPreconditionError(absl::StrCat(
        "kho dữ liệu cá nhân không mở được bằng khóa này / the person vault does not open with "
        "this master key: ",
        people.status().message()));
  }
  if (!people.ok()) return people.status();
  auto entries = ReadErasureJournal(journal);
  if (absl::IsNotFound(entries.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "không có sổ xoá ", journal, " / no erasure journal at ", journal,
        ": give the backup folder's erasures.jsonl with --erasure_journal FILE (a restore without "
        "it would bring back people erased after the backup), or --without_erasure_journal if "
        "none was ever kept"));
  }
  if (!entries.ok()) return entries.status();
  uint64_t later = 0;
  for (const auto& entry : *entries) {
    auto erased = (*people)->Erase(entry.person_ref(), entry.erasure());
    if (!erased.ok()) return erased.status();
    if (entry.erasure().position() > log_head) ++later;
  }
  (*people)->Close();
  return later;
}

}  // namespace

absl::StatusOr<BackupRestoreReport> RestoreBackup(const std::string& backup_folder,
                                                  const std::string& data_dir,
                                                  const RestoreOptions& options) {
  const auto progress = [&](absl::string_view line) {
    if (options.progress) options.progress(line);
  };
  auto manifest = ReadManifest(backup_folder);
  if (!manifest.ok()) return manifest.status();
  std::error_code ec;
  if (fs::exists(data_dir, ec) && !fs::is_empty(data_dir, ec)) {
    return absl::FailedPreconditionError(absl::StrCat("thư mục dữ liệu ", data_dir,
                                                      " không trống / the data folder ", data_dir,
                                                      " is not empty: restore into a new folder"));
  }
  BackupRestoreReport report;
  report.backup = manifest->info();
  fs::path target = fs::path(data_dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "store/" is "store"
  const std::string folder = target.string() + ".restoring";
  fs::remove_all(folder, ec);
  bool done = false;
  absl::Cleanup leave_nothing = [&] {
    if (!done) fs::remove_all(folder, ec);
  };

  progress(absl::StrCat("khôi phục bản sao lưu ", report.backup.backup_id(), " (",
                        report.backup.files(), " tệp) / restoring backup ",
                        report.backup.backup_id(), " (", report.backup.files(), " files)"));
  auto files = Materialize(backup_folder, *manifest, folder, MaterializeOptions());
  if (!files.ok()) return files.status();
  report.files = files->files;
  report.bytes = files->bytes;
  if (auto st = PlaceKeys(report.backup, options, folder, &report); !st.ok()) return st;

  if (!options.without_erasure_journal) {
    // <backup_dir>/backups/NNNNNN → <backup_dir>/erasures.jsonl (a trailing '/' or two allowed).
    fs::path backup = fs::path(backup_folder).lexically_normal();
    if (!backup.has_filename()) backup = backup.parent_path();
    const std::string journal =
        options.erasure_journal.empty()
            ? ErasureJournalPath(backup.parent_path().parent_path().string())
            : options.erasure_journal;
    auto later = ApplyJournal(folder, journal, report.backup.log_head_position());
    if (!later.ok()) return later.status();
    report.erasures_applied = *later;
  }

  progress("kiểm tra nhật ký đã khôi phục / checking the restored log");
  if (auto st = CheckLogHeads(folder, report.backup, /*verify_chain=*/false, nullptr, nullptr);
      !st.ok()) {
    return st;
  }
  if (auto st = base::SyncFolder(folder); !st.ok()) return st;
  if (fs::exists(target, ec)) fs::remove(target, ec);  // empty (checked above)
  fs::rename(folder, target, ec);
  if (ec) return Unavailable(absl::StrCat("renaming ", folder, " to ", data_dir), ec);
  done = true;  // the folder is in place; only its name's durability is left
  if (auto st = base::SyncFolder(target.string()); !st.ok()) return st;
  return report;
}

}  // namespace coop::backup
