#include "backup/verifier.h"

#include <filesystem>
#include <system_error>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "backup/catalog.h"
#include "backup/layout.h"
#include "backup/materialize.h"
#include "eventstore/store_factory.h"
#include "vault/person_vault.h"

namespace coop::backup {
namespace fs = std::filesystem;

absl::Status CheckLogHeads(const std::string& data_dir, const coop::v1::BackupInfo& info,
                           bool verify_chain, uint64_t* events_verified,
                           const std::function<bool()>& cancelled) {
  eventstore::StoreOptions options;
  options.create_if_missing = false;
  auto store = eventstore::OpenEventStore(data_dir, options);
  if (!store.ok()) return store.status();
  absl::Cleanup close = [&] { (*store)->Close(); };
  const coop::v1::LogInfo log = (*store)->GetLogInfo();
  if (log.head_position() != info.log_head_position() || log.chain_head() != info.chain_head()) {
    return absl::DataLossError(absl::StrCat(
        "the log holds positions to ", log.head_position(), " with chain head ",
        absl::BytesToHexString(log.chain_head()), "; the backup recorded ",
        info.log_head_position(), " with ", absl::BytesToHexString(info.chain_head())));
  }
  auto root = (*store)->TreeRoot(log.head_position());
  if (!root.ok()) return root.status();
  if (*root != info.tree_root()) {
    return absl::DataLossError(absl::StrCat("the log's tree root is ",
                                            absl::BytesToHexString(*root), "; the backup recorded ",
                                            absl::BytesToHexString(info.tree_root())));
  }
  if (!verify_chain || log.head_position() == 0) return absl::OkStatus();
  auto verified = (*store)->Verify(
      1, log.head_position(), cancelled ? cancelled : [] { return false; });
  if (!verified.ok()) return verified.status();
  if (!verified->ok()) {
    return absl::DataLossError(absl::StrCat("the backup's log fails verification at position ",
                                            verified->first_bad_position(), ": ",
                                            verified->problem()));
  }
  if (events_verified) *events_verified = verified->verified_to();
  return absl::OkStatus();
}

absl::StatusOr<coop::v1::VerifyBackupReply> VerifyBackup(const std::string& backup_dir, uint64_t id,
                                                         const vault::MasterKey* master_key,
                                                         const std::function<bool()>& cancelled) {
  auto backups = ListBackups(backup_dir);
  if (!backups.ok()) return backups.status();
  const coop::v1::BackupInfo* chosen = nullptr;
  for (const auto& info : *backups) {
    if (id == 0 || info.backup_id() == id) chosen = &info;
  }
  if (chosen == nullptr) {
    return absl::NotFoundError(id == 0 ? absl::StrCat("no backup in ", backup_dir)
                                       : absl::StrCat("no backup ", id, " in ", backup_dir));
  }
  auto manifest = ReadManifest(chosen->path());
  if (!manifest.ok()) return manifest.status();
  coop::v1::VerifyBackupReply reply;
  *reply.mutable_backup() = *chosen;

  const std::string scratch =
      absl::StrCat(backup_dir, "/.verify-", BackupName(chosen->backup_id()));
  std::error_code ec;
  fs::remove_all(scratch, ec);
  absl::Cleanup remove = [&] { fs::remove_all(scratch, ec); };
  MaterializeOptions options;
  options.link_tables = true;
  options.progress = [&](uint64_t) { return cancelled && cancelled(); };
  auto files = Materialize(chosen->path(), *manifest, scratch, options);
  if (!files.ok()) return files.status();
  reply.set_files_checked(files->files);
  reply.set_bytes_checked(files->bytes);

  uint64_t events = 0;
  if (auto st = CheckLogHeads(scratch, *chosen, /*verify_chain=*/true, &events, cancelled);
      !st.ok()) {
    return st;
  }
  reply.set_events_verified(events);
  if (master_key != nullptr) {
    auto people = vault::PersonVault::Open(ComponentFolder(scratch, kPeople), *master_key);
    if (absl::IsDataLoss(people.status())) {  // the key check failed: another key
      return absl::FailedPreconditionError(
          absl::StrCat("the backup's person vault does not open with this server's master key: ",
                       people.status().message()));
    }
    if (!people.ok()) return people.status();
  }
  return reply;
}

}  // namespace coop::backup
