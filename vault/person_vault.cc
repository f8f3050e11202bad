#include "vault/person_vault.h"

#include <openssl/rand.h>

#include <filesystem>
#include <functional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/kill_point.h"
#include "base/rocks_checkpoint.h"
#include "base/rocks_info_log.h"
#include "base/rocks_status.h"
#include "base/uuid.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "vault/person_key.h"
#include "vault/sealed_value.h"

namespace coop::vault {
namespace {

constexpr size_t kDataKeyBytes = 32;

constexpr char kFormatVersionKey[] = "format_version";
constexpr char kKeyCheckKey[] = "key_check";
constexpr char kKeyLabel[] = "coopledger/person-key/v1/";
constexpr char kDetailsLabel[] = "coopledger/person-details/v1/";
constexpr char kRequestLabel[] = "coopledger/person-request/v1/";
constexpr char kKeyCheckLabel[] = "coopledger/person-vault/key-check/v1";

rocksdb::ColumnFamilyOptions FamilyOptions() {
  rocksdb::ColumnFamilyOptions cf;
  cf.compression = rocksdb::kNoCompression;  // ciphertext does not compress
  cf.write_buffer_size = 4 << 20;            // people are few; keep memory small
  return cf;
}

}  // namespace

PersonVault::PersonVault(std::string dir, const MasterKey& master_key)
    : dir_(std::move(dir)), master_key_(master_key) {}

absl::StatusOr<std::unique_ptr<PersonVault>> PersonVault::Open(const std::string& dir,
                                                               const MasterKey& master_key) {
  std::unique_ptr<PersonVault> vault(new PersonVault(dir, master_key));
  if (auto st = vault->OpenDb(); !st.ok()) return st;
  if (auto st = vault->CheckMasterKey(); !st.ok()) return st;
  if (auto st = vault->FinishPendingPurge(); !st.ok()) return st;
  return vault;
}

absl::Status PersonVault::OpenDb() {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("person vault ", dir_, ": ", ec.message()));
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.info_log = base::TolerantInfoLog(dir_);  // a full disk must not crash the server
  options.create_missing_column_families = true;
  options.paranoid_checks = true;
  options.max_background_jobs = 2;
  options.keep_log_file_num = 5;
  // An erased person's bytes must leave the folder once flushed (person_vault_erasure.cc): no
  // WAL archive (a TTL or size limit would keep obsolete WAL files in archive/) and no
  // recycled WAL files (reused without being cleared). These are RocksDB's defaults, set here
  // because erasure depends on them.
  options.WAL_ttl_seconds = 0;
  options.WAL_size_limit_MB = 0;
  options.recycle_log_file_num = 0;
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, FamilyOptions()},
      {kKeysFamily, FamilyOptions()},
      {kDetailsFamily, FamilyOptions()},
      {kScopeFamily, FamilyOptions()},
      {kRequestsFamily, FamilyOptions()},
      {kErasuresFamily, FamilyOptions()},
  };
  rocksdb::DB* raw = nullptr;
  auto s = rocksdb::DB::Open(options, dir_, families, &handles_, &raw);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("opening person vault in ", dir_));
  db_.reset(raw);
  meta_ = handles_[0];
  keys_ = handles_[1];
  details_ = handles_[2];
  scope_ = handles_[3];
  requests_ = handles_[4];
  erasures_ = handles_[5];
  return absl::OkStatus();
}

absl::Status PersonVault::CheckMasterKey() {
  std::string version;
  auto s = db_->Get(rocksdb::ReadOptions(), meta_, kFormatVersionKey, &version);
  if (s.ok()) {
    if (version != std::string("\0\0\0\1", 4)) {
      return absl::FailedPreconditionError(
          absl::StrCat("person vault in ", dir_, " has an unknown format version"));
    }
  } else if (!s.IsNotFound()) {
    return base::FromRocks(s, "reading the person vault's format version");
  }
  std::string check;
  s = db_->Get(rocksdb::ReadOptions(), meta_, kKeyCheckKey, &check);
  if (s.ok()) {
    auto opened = Unseal(master_key_.data(), kKeyCheckLabel, check, "person vault key check");
    if (!opened.ok()) {
      return absl::DataLossError(absl::StrCat(
          "the master key does not open the person vault in ", dir_,
          " (its key check fails AES-256-GCM authentication): wrong master key file?"));
    }
    return absl::OkStatus();
  }
  if (!s.IsNotFound()) return base::FromRocks(s, "reading the person vault's key check");
  // A new vault: record its format and a check of the master key.
  auto sealed = Seal(master_key_.data(), kKeyCheckLabel, "");
  if (!sealed.ok()) return sealed.status();
  rocksdb::WriteBatch batch;
  batch.Put(meta_, kFormatVersionKey, std::string("\0\0\0\1", 4));
  batch.Put(meta_, kKeyCheckKey, *sealed);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  s = db_->Write(wo, &batch);
  if (!s.ok()) return base::FromRocks(s, "creating the person vault");
  return absl::OkStatus();
}

PersonVault::~PersonVault() { Close(); }

absl::Status PersonVault::Checkpoint(const std::string& dir) {
  return base::CheckpointRocks(db_.get(), dir);
}

void PersonVault::Close() {
  if (!db_) return;
  for (auto* h : handles_) {
    if (auto s = db_->DestroyColumnFamilyHandle(h); !s.ok()) {
      // Nothing to do on shutdown but carry on closing.
    }
  }
  handles_.clear();
  if (auto s = db_->Close(); !s.ok()) {
    // Close only fails on unreleased snapshots; the DB is deleted regardless.
  }
  db_.reset();
}

absl::Status PersonVault::Flush() {
  auto s = db_->Flush(rocksdb::FlushOptions(), handles_);
  return s.ok() ? absl::OkStatus() : base::FromRocks(s, "flushing the person vault");
}

absl::Mutex& PersonVault::LockFor(const std::string& key) const {
  return locks_[std::hash<std::string>()(key) % locks_.size()];
}

absl::StatusOr<std::string> PersonVault::DataKey(const std::string& ref, const std::string& key,
                                                 bool* found) const {
  *found = false;
  std::string wrapped;
  auto s = db_->Get(rocksdb::ReadOptions(), keys_, key, &wrapped);
  if (s.IsNotFound()) return std::string();
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading the key of person ", ref));
  *found = true;
  auto data_key = Unseal(master_key_.data(), absl::StrCat(kKeyLabel, ref), wrapped,
                         absl::StrCat("the data key of person ", ref));
  if (data_key.ok() && data_key->size() != kDataKeyBytes) {
    return absl::DataLossError(absl::StrCat("the data key of person ", ref, " has ",
                                            data_key->size(), " bytes, not ", kDataKeyBytes));
  }
  return data_key;
}

absl::Status PersonVault::Write(const std::string& ref, const std::string& key,
                                const std::string& data_key, const coop::v1::PersonDetails& details,
                                bool with_key, const coop::v1::PersonScope* scope,
                                const std::string& request_digest) {
  std::string plaintext = details.SerializeAsString();
  auto sealed = Seal(Bytes(data_key), absl::StrCat(kDetailsLabel, ref), plaintext);
  Wipe(&plaintext);
  if (!sealed.ok()) return sealed.status();
  rocksdb::WriteBatch batch;
  if (with_key) {
    auto wrapped = Seal(master_key_.data(), absl::StrCat(kKeyLabel, ref), data_key);
    if (!wrapped.ok()) return wrapped.status();
    batch.Put(keys_, key, *wrapped);
  }
  batch.Put(details_, key, *sealed);
  if (scope != nullptr) batch.Put(scope_, key, scope->SerializeAsString());
  if (!request_digest.empty()) {
    auto sealed_digest = Seal(Bytes(data_key), absl::StrCat(kRequestLabel, ref), request_digest);
    if (!sealed_digest.ok()) return sealed_digest.status();
    batch.Put(requests_, key, *sealed_digest);
  }
  rocksdb::WriteOptions wo;
  wo.sync = true;
  base::KillPoint("vault.write.before");
  auto s = db_->Write(wo, &batch);
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("writing person ", ref));
  base::KillPoint("vault.write.after");
  return absl::OkStatus();
}

absl::StatusOr<bool> PersonVault::Put(const std::string& person_ref,
                                      const coop::v1::PersonDetails& details) {
  return Put(person_ref, details, coop::v1::PersonScope());
}

absl::Status PersonVault::CheckSameRequest(const std::string& ref, const std::string& key,
                                           const std::string& request_digest) const {
  if (request_digest.empty()) return absl::OkStatus();
  std::string sealed;
  auto s = db_->Get(rocksdb::ReadOptions(), requests_, key, &sealed);
  if (s.IsNotFound()) return absl::OkStatus();  // recorded before digests existed
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading the request of person ", ref));
  bool found = false;
  auto data_key = DataKey(ref, key, &found);
  if (!data_key.ok()) return data_key.status();
  auto recorded = Unseal(Bytes(*data_key), absl::StrCat(kRequestLabel, ref), sealed,
                         absl::StrCat("the request digest of person ", ref));
  if (!recorded.ok()) return recorded.status();
  if (*recorded == request_digest) return absl::OkStatus();
  return absl::AlreadyExistsError(
      absl::StrCat("header.command_id: person ", ref,
                   " was recorded by another request with this command id; a retry repeats its "
                   "request exactly, a new person takes a new command id"));
}

absl::StatusOr<bool> PersonVault::Put(const std::string& person_ref,
                                      const coop::v1::PersonDetails& details,
                                      const coop::v1::PersonScope& scope,
                                      const std::string& request_digest) {
  auto ref = ParsePersonKey(person_ref);
  if (!ref.ok()) return ref.status();
  absl::MutexLock lock(&LockFor(ref->key));
  if (auto st = RefuseIfErased(
          ref->text, ref->key, "header.command_id",
          "its details are never recorded again; a new person takes a new command id");
      !st.ok()) {
    return st;
  }
  std::string existing;
  auto s = db_->Get(rocksdb::ReadOptions(), keys_, ref->key, &existing);
  if (s.ok()) {
    if (auto st = CheckSameRequest(ref->text, ref->key, request_digest); !st.ok()) return st;
    return false;
  }
  if (!s.IsNotFound()) {
    return base::FromRocks(s, absl::StrCat("reading the key of person ", ref->text));
  }
  std::string data_key(kDataKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(data_key.data()),
                 static_cast<int>(kDataKeyBytes)) != 1) {
    return absl::InternalError("RAND_bytes failed to make a data key");
  }
  auto st =
      Write(ref->text, ref->key, data_key, details, /*with_key=*/true, &scope, request_digest);
  Wipe(&data_key);
  if (!st.ok()) return st;
  return true;
}

absl::Status PersonVault::Update(const std::string& person_ref,
                                 const coop::v1::PersonDetails& details) {
  auto ref = ParsePersonKey(person_ref);
  if (!ref.ok()) return ref.status();
  absl::MutexLock lock(&LockFor(ref->key));
  if (auto st =
          RefuseIfErased(ref->text, ref->key, "person_ref", "its details are never changed again");
      !st.ok()) {
    return st;
  }
  bool found = false;
  auto data_key = DataKey(ref->text, ref->key, &found);
  if (!data_key.ok()) return data_key.status();
  if (!found) return absl::NotFoundError(absl::StrCat("person_ref: no person ", ref->text));
  auto st = Write(ref->text, ref->key, *data_key, details, /*with_key=*/false, nullptr, "");
  Wipe(&*data_key);
  return st;
}

absl::StatusOr<coop::v1::PersonScope> PersonVault::GetScope(const std::string& person_ref) const {
  auto ref = ParsePersonKey(person_ref);
  if (!ref.ok()) return ref.status();
  std::string keyed;
  auto s = db_->Get(rocksdb::ReadOptions(), keys_, ref->key, &keyed);
  if (s.IsNotFound()) {
    // An erased person keeps its scope (no personal data), so the same people see the erasure.
    auto erasure = ErasureOf(ref->text);
    if (!erasure.ok()) return erasure.status();
    if (!erasure->has_value()) {
      return absl::NotFoundError(absl::StrCat("person_ref: no person ", ref->text));
    }
    s = rocksdb::Status::OK();
  }
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading the key of person ", ref->text));
  coop::v1::PersonScope scope;
  std::string stored;
  s = db_->Get(rocksdb::ReadOptions(), scope_, ref->key, &stored);
  if (s.IsNotFound()) return scope;  // recorded before scopes existed
  if (!s.ok()) return base::FromRocks(s, absl::StrCat("reading the scope of person ", ref->text));
  if (!scope.ParseFromString(stored)) {
    return absl::DataLossError(absl::StrCat("the scope of person ", ref->text, " is unreadable"));
  }
  return scope;
}

absl::StatusOr<coop::v1::PersonDetails> PersonVault::Get(const std::string& person_ref) const {
  auto ref = ParsePersonKey(person_ref);
  if (!ref.ok()) return ref.status();
  bool found = false;
  auto data_key = DataKey(ref->text, ref->key, &found);
  if (!data_key.ok()) return data_key.status();
  if (!found) return absl::NotFoundError(absl::StrCat("person_ref: no person ", ref->text));
  std::string sealed;
  auto s = db_->Get(rocksdb::ReadOptions(), details_, ref->key, &sealed);
  if (s.IsNotFound()) {
    Wipe(&*data_key);
    return absl::DataLossError(absl::StrCat("person ", ref->text, " has a key but no details"));
  }
  if (!s.ok()) {
    Wipe(&*data_key);
    return base::FromRocks(s, absl::StrCat("reading person ", ref->text));
  }
  auto plaintext = Unseal(Bytes(*data_key), absl::StrCat(kDetailsLabel, ref->text), sealed,
                          absl::StrCat("the details of person ", ref->text));
  Wipe(&*data_key);
  if (!plaintext.ok()) return plaintext.status();
  coop::v1::PersonDetails details;
  const bool parsed = details.ParseFromString(*plaintext);
  Wipe(&*plaintext);
  if (!parsed) {
    return absl::DataLossError(
        absl::StrCat("the details of person ", ref->text, " do not parse as PersonDetails"));
  }
  return details;
}

}  // namespace coop::vault
