// Rotating the vault's master key (person_vault.h, RotateMasterKey). Every person's data key is
// unwrapped under the old master key and wrapped again under the new one, with the same
// associated data; the details, sealed under the data keys, stay as they are. The new wrapped
// keys and the new key check go in one synced batch, so a crash leaves the vault wholly under
// one key or the other. The old wrapped keys then leave the files as an erasure's bytes do
// (person_vault_erasure.cc): a flush of every family and a forced compaction to the last level.
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/rocks_status.h"
#include "base/uuid.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "vault/person_vault.h"
#include "vault/sealed_value.h"

namespace coop::vault {
namespace {

constexpr char kKeyCheckKey[] = "key_check";
constexpr char kPurgePendingKey[] = "purge_pending";  // as person_vault_erasure.cc
constexpr char kKeyLabel[] = "coopledger/person-key/v1/";
constexpr char kKeyCheckLabel[] = "coopledger/person-vault/key-check/v1";

// The canonical text of a person's 16-byte key.
std::string RefText(const rocksdb::Slice& key) {
  base::UuidBytes bytes{};
  for (size_t i = 0; i < bytes.size() && i < key.size(); ++i) {
    bytes[i] = static_cast<uint8_t>(key[i]);
  }
  return base::FormatUuid(bytes);
}

}  // namespace

absl::StatusOr<PersonVault::Rotation> PersonVault::RotateMasterKey(const std::string& dir,
                                                                   const MasterKey& old_key,
                                                                   const MasterKey& new_key) {
  if (old_key.Hex() == new_key.Hex()) {
    return absl::InvalidArgumentError("the new master key is the old one");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat("no person vault in ", dir));
  }
  auto vault = Open(dir, old_key);
  if (!vault.ok()) {
    if (!absl::IsDataLoss(vault.status())) return vault.status();
    // Rotated already (a rerun after success)?
    auto rotated = Open(dir, new_key);
    if (!rotated.ok()) {
      return absl::DataLossError(
          absl::StrCat("neither the old nor the new master key opens the person vault in ", dir));
    }
    return Rotation{.already_rotated = true};
  }
  PersonVault& v = **vault;
  Rotation rotation;
  rocksdb::WriteBatch batch;
  std::unique_ptr<rocksdb::Iterator> it(v.db_->NewIterator(rocksdb::ReadOptions(), v.keys_));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 16) {
      return absl::DataLossError(
          absl::StrCat("a person key of ", it->key().size(), " bytes in the person vault"));
    }
    const std::string label = absl::StrCat(kKeyLabel, RefText(it->key()));
    auto data_key = Unseal(old_key.data(), label, it->value().ToString(),
                           absl::StrCat("the data key of person ", RefText(it->key())));
    if (!data_key.ok()) return data_key.status();
    auto wrapped = Seal(new_key.data(), label, *data_key);
    Wipe(&*data_key);
    if (!wrapped.ok()) return wrapped.status();
    batch.Put(v.keys_, it->key(), *wrapped);
    ++rotation.keys_rewrapped;
  }
  if (!it->status().ok()) return base::FromRocks(it->status(), "reading the person keys");
  it.reset();
  auto check = Seal(new_key.data(), kKeyCheckLabel, "");
  if (!check.ok()) return check.status();
  batch.Put(v.meta_, kKeyCheckKey, *check);
  // If the process dies before the purge below ends, the next Open finishes it: the keys
  // wrapped under the old master key never stay in the files.
  batch.Put(v.meta_, kPurgePendingKey, "");
  rocksdb::WriteOptions synced;
  synced.sync = true;
  if (auto s = v.db_->Write(synced, &batch); !s.ok()) {
    return base::FromRocks(s, "writing the re-wrapped person keys");
  }
  if (auto st = v.Purge(""); !st.ok()) return st;
  v.Close();
  return rotation;
}

}  // namespace coop::vault
