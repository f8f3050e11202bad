// Verifying a backup (coop.v1.Admin/VerifyBackup, `coopctl admin backup verify`): that it
// would restore, short of restoring it.
//   1. Every file the manifest lists is read and its size and SHA-256 checked.
//   2. A scratch copy of its log and vault is put together in the backup folder (shared tables
//      hard-linked, not copied) and the log opened: its hash chain is verified from position 1,
//      and its head, chain head and tree root must be the manifest's.
//   3. With a master key, the vault opens with it (the key check of vault/person_vault.h).
// The scratch copy is removed afterwards. Runs beside a backup being written (it reads only
// finished backups) but not beside retention removing the same backup: the server runs one at
// a time. Thread-compatible.
#ifndef COOPLEDGER_BACKUP_VERIFIER_H_
#define COOPLEDGER_BACKUP_VERIFIER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "coop/v1/admin.pb.h"
#include "vault/master_key.h"

namespace coop::backup {

// `id` 0: the newest backup. `master_key` may be null (the vault is then not opened).
// NOT_FOUND for no such backup; DATA_LOSS naming the first file, position or head that does
// not check; FAILED_PRECONDITION if the vault does not open with the key; CANCELLED if
// `cancelled` says so.
absl::StatusOr<coop::v1::VerifyBackupReply> VerifyBackup(const std::string& backup_dir, uint64_t id,
                                                         const vault::MasterKey* master_key,
                                                         const std::function<bool()>& cancelled);

// Opens the log in `data_dir` and checks that its head, chain head and tree root are
// `info`'s (DATA_LOSS naming what differs), then, if `verify_chain`, verifies its hash chain
// from position 1 (`*events_verified` hears how far).
absl::Status CheckLogHeads(const std::string& data_dir, const coop::v1::BackupInfo& info,
                           bool verify_chain, uint64_t* events_verified,
                           const std::function<bool()>& cancelled);

}  // namespace coop::backup

#endif  // COOPLEDGER_BACKUP_VERIFIER_H_
