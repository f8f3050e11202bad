// PersonVault's erasure (crypto-shredding): deleting a person's wrapped data key and encrypted
// details, keeping a tombstone, and making sure the deleted bytes leave every file of the
// vault's folder. The layout is in person_vault.h; the cost in vault/README.md.
//
// What RocksDB keeps of a deleted value, and how each copy goes:
//   - the memtable and the WAL files that logged the Put: Purge flushes every family, which
//     moves each family's log number past those WALs; RocksDB then deletes them (the vault
//     opens with no WAL archive and no WAL recycling, person_vault.cc);
//   - SST files holding the value: Purge compacts the person's key in every family down to the
//     last level (kForce), which rewrites exactly the files that hold the key without the value
//     and the deletion marker, and deletes the old files;
//   - MANIFEST and the LOG files hold file names and key ranges' ends, never values — but a
//     key range's end may be a person's key (16 bytes of the ref, not personal data).
// A crash between the erasure's batch and the end of Purge leaves a "purge_pending" mark,
// written in the same batch; Open finishes the purge (every family whole).
#include <string>

#include "absl/strings/str_cat.h"
#include "base/big_endian.h"
#include "base/kill_point.h"
#include "base/rocks_status.h"
#include "domain/common/rules.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "vault/person_key.h"
#include "vault/person_vault.h"

namespace coop::vault {
namespace {

constexpr char kPurgePendingKey[] = "purge_pending";
constexpr char kErasuresAppliedKey[] = "erasures_applied";

rocksdb::WriteOptions Synced() {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return wo;
}

}  // namespace

absl::StatusOr<std::optional<coop::v1::PersonErasure>> PersonVault::ErasureOf(
    const std::string& person_ref) const {
  auto ref = ParsePersonKey(person_ref);
  if (!ref.ok()) return ref.status();
  std::string stored;
  auto s = db_->Get(rocksdb::ReadOptions(), erasures_, ref->key, &stored);
  if (s.IsNotFound()) return std::nullopt;
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading the erasure of person ", ref->text));
  coop::v1::PersonErasure erasure;
  if (!erasure.ParseFromString(stored)) {
    return absl::DataLossError(absl::StrCat("the erasure of person ", ref->text, " is unreadable"));
  }
  return erasure;
}

absl::StatusOr<bool> PersonVault::Holds(const std::string& person_ref) const {
  auto ref = ParsePersonKey(person_ref);
  if (!ref.ok()) return false;
  std::string wrapped;
  auto s = db_->Get(rocksdb::ReadOptions(), keys_, ref->key, &wrapped);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading the key of person ", ref->text));
  return true;
}

absl::Status PersonVault::RefuseIfErased(const std::string& ref, const std::string& key,
                                         const std::string& field, const std::string& then) const {
  std::string stored;
  auto s = db_->Get(rocksdb::ReadOptions(), erasures_, key, &stored);
  if (s.IsNotFound()) return absl::OkStatus();
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading the erasure of person ", ref));
  coop::v1::PersonErasure erasure;
  (void)erasure.ParseFromString(stored);  // the date is a courtesy; the tombstone decides
  return domain::Violation(
      "PERSON-05", field,
      absl::StrCat("person ", ref, " was erased",
                   erasure.erased_on().empty() ? "" : absl::StrCat(" on ", erasure.erased_on()),
                   ": ", then));
}

absl::StatusOr<bool> PersonVault::Erase(const std::string& person_ref,
                                        const coop::v1::PersonErasure& erasure) {
  auto ref = ParsePersonKey(person_ref);
  if (!ref.ok()) return ref.status();
  absl::MutexLock lock(&LockFor(ref->key));
  std::string wrapped;
  auto s = db_->Get(rocksdb::ReadOptions(), keys_, ref->key, &wrapped);
  if (!s.ok() && !s.IsNotFound()) {
    return base::FromRocks(s, absl::StrCat("reading the key of person ", ref->text));
  }
  const bool held = s.ok();
  auto existing = ErasureOf(ref->text);
  if (!existing.ok()) return existing.status();
  if (!held && existing->has_value()) return false;  // erased before: keep the first tombstone
  rocksdb::WriteBatch batch;
  // The scope (a cooperative id or an area: no personal data) stays, so that the people who
  // could read the details can see that they were erased.
  for (auto* family : {keys_, details_, requests_}) batch.Delete(family, ref->key);
  batch.Put(erasures_, ref->key,
            existing->has_value() ? (*existing)->SerializeAsString() : erasure.SerializeAsString());
  if (held) batch.Put(meta_, kPurgePendingKey, ref->key);
  s = db_->Write(Synced(), &batch);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("erasing person ", ref->text));
  if (!held) return false;  // nothing of the person was here: only the tombstone is new
  base::KillPoint("vault.erase.before_purge");
  if (auto st = Purge(ref->key); !st.ok()) return st;
  return true;
}

absl::Status PersonVault::Purge(const std::string& key) {
  rocksdb::FlushOptions flush;
  flush.wait = true;
  flush.allow_write_stall = true;
  auto s = db_->Flush(flush, handles_);
  if (!s.ok()) return base::FromRocks(s, "flushing the person vault after an erasure");
  rocksdb::CompactRangeOptions compact;
  // Down to the last level, rewriting even files already there: only then is the value gone,
  // not merely shadowed by a deletion marker.
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  // [key, key + 0x00]: the files that may hold the key, and no others.
  const std::string end = key + std::string(1, '\0');
  const rocksdb::Slice begin_slice(key);
  const rocksdb::Slice end_slice(end);
  for (auto* family : handles_) {
    s = key.empty() ? db_->CompactRange(compact, family, nullptr, nullptr)
                    : db_->CompactRange(compact, family, &begin_slice, &end_slice);
    if (!s.ok()) return base::FromRocks(s, "compacting the person vault after an erasure");
  }
  rocksdb::WriteBatch done;
  done.Delete(meta_, kPurgePendingKey);
  s = db_->Write(Synced(), &done);
  if (!s.ok()) return base::FromRocks(s, "recording the end of an erasure's purge");
  return absl::OkStatus();
}

absl::Status PersonVault::FinishPendingPurge() {
  std::string pending;
  auto s = db_->Get(rocksdb::ReadOptions(), meta_, kPurgePendingKey, &pending);
  if (s.IsNotFound()) return absl::OkStatus();
  if (!s.ok()) return base::FromRocks(s, "reading the person vault's pending purge");
  return Purge("");
}

absl::StatusOr<PersonVault::ErasuresApplied> PersonVault::ErasuresAppliedThrough() const {
  std::string stored;
  auto s = db_->Get(rocksdb::ReadOptions(), meta_, kErasuresAppliedKey, &stored);
  if (s.IsNotFound()) return ErasuresApplied{};
  if (!s.ok()) return base::FromRocks(s, "reading where erasures were applied through");
  if (stored.size() < 8) {
    return absl::DataLossError("the person vault's erasures_applied mark is truncated");
  }
  return ErasuresApplied{base::GetU64(stored), stored.substr(8)};
}

absl::Status PersonVault::SetErasuresAppliedThrough(const ErasuresApplied& applied) {
  std::string value;
  base::PutU64(&value, applied.position);
  value += applied.event_id;
  rocksdb::WriteBatch batch;
  batch.Put(meta_, kErasuresAppliedKey, value);
  auto s = db_->Write(Synced(), &batch);
  if (!s.ok()) return base::FromRocks(s, "recording where erasures were applied through");
  return absl::OkStatus();
}

}  // namespace coop::vault
