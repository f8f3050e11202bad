// PersonVault: personal details kept apart from the hashed event log, encrypted per person, so
// that erasing a person deletes that person's key alone and leaves every hash of the log valid
// (crypto-shredding). Events carry only the person_ref (a UUID).
//
// Storage: its own RocksDB folder (<data_dir>/people by default), never the event log's; every
// write is synced (fsync before it returns). Column families, keyed by the 16 raw bytes of the
// person_ref:
//   "person_keys"     the person's data key, wrapped under the master key (small: erasing a
//                     person deletes its entry and then compacts this family, so that no old
//                     copy of the key lingers in an SST file)
//   "person_details"  the person's details (coop.v1.PersonDetails, serialized), encrypted
//                     under the data key
//   "person_scope"    what the person was recorded for (coop.v1.PersonScope: a cooperative
//                     id or an area; not personal data, so not encrypted), written with the
//                     details; it decides who may read them (services/people_service.h)
//   "person_requests" the digest of the request that recorded the person, sealed under the
//                     data key
//   "person_erasures" the tombstone of an erased person (coop.v1.PersonErasure: the day, the
//                     ground, the erasure event's position and time; no personal data)
//   default           "format_version" (u32 big-endian, 1), "key_check" (below) and
//                     "erasures_applied" (person_vault_erasure.cc)
//
// Erasure (crypto-shredding, person_vault_erasure.cc): Erase deletes the person's wrapped key,
// details and request digest (the scope stays: no personal data, and it decides who may see
// the erasure) and writes the tombstone in one synced batch, then
// flushes every family and compacts them, so that no file of the folder (WAL, SST) keeps the
// wrapped key or the details; RocksDB is opened so that it keeps no old WAL (no archive, no
// recycling). An erased ref stays erased: Put and Update refuse it (PERSON-05).
//
// Cryptography: AES-256-GCM (OpenSSL EVP) everywhere, a fresh random 96-bit nonce for every
// encryption, 128-bit tags. Each person has a random 256-bit data key. Every sealed value has
// the same version-1 layout:
//   byte 0        format version (1)
//   bytes 1..12   nonce
//   bytes 13..    ciphertext (same length as the plaintext)
//   last 16       GCM tag
// and is authenticated with associated data binding it to its place, so that a value copied
// under another person or into the other family fails authentication:
//   person_keys:    "coopledger/person-key/v1/" + person_ref       plaintext: the 32-byte key
//   person_details: "coopledger/person-details/v1/" + person_ref   plaintext: PersonDetails
//   key_check:      "coopledger/person-vault/key-check/v1"         plaintext: empty
// (person_ref in its lower-case canonical text form; the version byte is part of the
// associated data too.)
//
// The key check, written when the vault is created, makes Open fail with DATA_LOSS under a
// wrong master key, instead of the server starting and failing every read.
//
// Errors: INVALID_ARGUMENT for a person_ref that is not a UUID; NOT_FOUND for an unknown
// person; FAILED_PRECONDITION ([PERSON-05]) for an erased one recorded or changed; DATA_LOSS when a
// stored value fails authentication (a wrong master key or altered bytes: the message says which
// value) or has an unknown layout.
//
// Thread-safe: RocksDB is; Put, Update and Erase take a per-person lock (striped), so that a
// concurrent retry of the same creation cannot store two data keys, nor a write race an
// erasure.
#ifndef COOPLEDGER_VAULT_PERSON_VAULT_H_
#define COOPLEDGER_VAULT_PERSON_VAULT_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "coop/v1/people.pb.h"
#include "vault/master_key.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
}  // namespace rocksdb

namespace coop::vault {

class PersonVault {
 public:
  static constexpr char kKeysFamily[] = "person_keys";
  static constexpr char kDetailsFamily[] = "person_details";
  static constexpr char kScopeFamily[] = "person_scope";
  // The digest of the request that recorded a person, sealed under the person's data key (it
  // would otherwise let anyone holding the files test guesses of a person's details).
  static constexpr char kRequestsFamily[] = "person_requests";
  // The tombstones of erased people (coop.v1.PersonErasure), keyed like the others.
  static constexpr char kErasuresFamily[] = "person_erasures";

  // Opens (creating if missing) the vault in `dir`. DATA_LOSS if `master_key` is not the key
  // the vault was created with.
  static absl::StatusOr<std::unique_ptr<PersonVault>> Open(const std::string& dir,
                                                           const MasterKey& master_key);
  ~PersonVault();  // Close()

  // Stores a new person with a fresh data key, and the digest of the request that recorded it
  // (if not empty). Returns true if stored; false if `person_ref` already exists and was
  // recorded by the same request (or before digests existed), in which case nothing is
  // written (a retried creation). ALREADY_EXISTS if it exists and was recorded by another
  // request: the command id behind `person_ref` was reused.
  absl::StatusOr<bool> Put(const std::string& person_ref, const coop::v1::PersonDetails& details,
                           const coop::v1::PersonScope& scope,
                           const std::string& request_digest = "");
  // The same with an empty scope (tests of the storage alone).
  absl::StatusOr<bool> Put(const std::string& person_ref, const coop::v1::PersonDetails& details);
  // Replaces a known person's details (under the same data key). NOT_FOUND if unknown.
  absl::Status Update(const std::string& person_ref, const coop::v1::PersonDetails& details);
  absl::StatusOr<coop::v1::PersonDetails> Get(const std::string& person_ref) const;
  // What the person was recorded for (empty if recorded before scopes existed), also once
  // erased. NOT_FOUND if unknown.
  absl::StatusOr<coop::v1::PersonScope> GetScope(const std::string& person_ref) const;

  // --- Rotating the master key (person_vault_rotation.cc) ---

  struct Rotation {
    uint64_t keys_rewrapped = 0;
    bool already_rotated = false;  // the vault opened with `new_key` already: nothing done
  };
  // Offline: re-wraps every person's data key under `new_key` and replaces the key check, in
  // one synced batch (all or nothing; the details are not re-encrypted), then flushes and
  // compacts every family so the keys wrapped under `old_key` leave the folder's files.
  // Run again after it has completed, it finds the vault opening with `new_key` and does
  // nothing. DATA_LOSS if neither key opens the vault; INVALID_ARGUMENT if the keys are the
  // same. REQUIRES: no other process has the vault open.
  static absl::StatusOr<Rotation> RotateMasterKey(const std::string& dir, const MasterKey& old_key,
                                                  const MasterKey& new_key);

  // --- Erasure (person_vault_erasure.cc) ---

  // Erases the person: deletes the wrapped key, the details and the request digest and keeps
  // `erasure` as the tombstone (one synced batch), then flushes and compacts every
  // family so that the deleted bytes leave the folder's files. Returns true if it erased
  // details, false if the vault held none (an unknown ref, or one already erased: the tombstone
  // is written if missing, an existing one is kept). INVALID_ARGUMENT for a ref not a UUID.
  absl::StatusOr<bool> Erase(const std::string& person_ref, const coop::v1::PersonErasure& erasure);
  // The tombstone of an erased person, or nullopt if the ref was never erased here.
  absl::StatusOr<std::optional<coop::v1::PersonErasure>> ErasureOf(
      const std::string& person_ref) const;
  // Whether the vault holds the person's details (false for an erased or unknown ref, and for
  // one that is not a UUID).
  absl::StatusOr<bool> Holds(const std::string& person_ref) const;
  // The log position through which erasures were re-applied (0 if never), and the id of the
  // event there, so that a later start reads only what follows — if the log still has that
  // event there (services/erasure_replay.h).
  struct ErasuresApplied {
    uint64_t position = 0;
    std::string event_id;
  };
  absl::StatusOr<ErasuresApplied> ErasuresAppliedThrough() const;
  absl::Status SetErasuresAppliedThrough(const ErasuresApplied& applied);

  // Flushes memtables to SST files (for tests that look at the files). Not needed for
  // durability: writes are synced to the WAL.
  absl::Status Flush();
  // Closes RocksDB. Idempotent; no other call may run concurrently or follow.
  void Close();
  // Writes a consistent copy of the database into the new folder `dir` (base/rocks_checkpoint.h),
  // for the online backup; writes go on meanwhile. REQUIRES: open, and not closed before it
  // returns.
  absl::Status Checkpoint(const std::string& dir);

 private:
  PersonVault(std::string dir, const MasterKey& master_key);
  absl::Status OpenDb();
  absl::Status CheckMasterKey();
  absl::Status Write(const std::string& ref, const std::string& key, const std::string& data_key,
                     const coop::v1::PersonDetails& details, bool with_key,
                     const coop::v1::PersonScope* scope, const std::string& request_digest);
  // OK if `ref` was recorded by the request with `request_digest` or before digests existed.
  absl::Status CheckSameRequest(const std::string& ref, const std::string& key,
                                const std::string& request_digest) const;
  absl::StatusOr<std::string> DataKey(const std::string& ref, const std::string& key,
                                      bool* found) const;
  absl::Mutex& LockFor(const std::string& key) const;
  // PERSON-05: FAILED_PRECONDITION if `key` has a tombstone, naming `field`, `then` saying
  // what is refused.
  absl::Status RefuseIfErased(const std::string& ref, const std::string& key,
                              const std::string& field, const std::string& then) const;
  // Flushes every family, then compacts `key` in each (every family whole when `key` is
  // empty), so that deleted values leave the files; then clears the pending-purge mark.
  absl::Status Purge(const std::string& key);
  // An erasure whose purge did not finish (a crash between its batch and the compaction):
  // purges every family whole.
  absl::Status FinishPendingPurge();

  const std::string dir_;
  const MasterKey master_key_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* keys_ = nullptr;
  rocksdb::ColumnFamilyHandle* details_ = nullptr;
  rocksdb::ColumnFamilyHandle* scope_ = nullptr;
  rocksdb::ColumnFamilyHandle* requests_ = nullptr;
  rocksdb::ColumnFamilyHandle* erasures_ = nullptr;
  mutable std::array<absl::Mutex, 64> locks_;
};

}  // namespace coop::vault

#endif  // COOPLEDGER_VAULT_PERSON_VAULT_H_
