// The person vault's RocksDB opened directly, beside the vault's own code: for tests that read
// or alter the stored bytes (a wrapped key, a sealed record) as someone holding the files would.
// Every family is opened (RocksDB refuses to open a database naming fewer). Also the vault's
// AES-256-GCM opening (vault/person_vault.h documents the layout), written here apart from the
// vault's code. Not thread-safe; one per test.
#ifndef COOPLEDGER_TESTS_VAULT_RAW_VAULT_H_
#define COOPLEDGER_TESTS_VAULT_RAW_VAULT_H_

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/uuid.h"
#include "rocksdb/db.h"

namespace coop::testing {

class RawVault {
 public:
  // Opens the vault's database in `dir` (the server must be stopped). Read-only writes nothing
  // to the folder. Null (and a test failure) if it does not open.
  static std::unique_ptr<RawVault> Open(const std::string& dir, bool read_only = true) {
    std::vector<std::string> names;
    if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok()) {
      ADD_FAILURE() << "no RocksDB database in " << dir;
      return nullptr;
    }
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::unique_ptr<RawVault> raw(new RawVault());
    rocksdb::DB* db = nullptr;
    const rocksdb::Status s =
        read_only
            ? rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, families, &raw->handles_, &db)
            : rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &raw->handles_, &db);
    if (!s.ok()) {
      ADD_FAILURE() << "opening " << dir << ": " << s.ToString();
      return nullptr;
    }
    raw->db_.reset(db);
    for (size_t i = 0; i < names.size(); ++i) raw->by_name_[names[i]] = raw->handles_[i];
    return raw;
  }
  ~RawVault() {
    for (auto* h : handles_) (void)db_->DestroyColumnFamilyHandle(h);
    if (db_) (void)db_->Close();
  }

  // The value stored under person `ref` (its text form) in `family`, if any.
  std::optional<std::string> Get(const std::string& family, const std::string& ref) {
    std::string value;
    if (!db_->Get(rocksdb::ReadOptions(), Family(family), Key(ref), &value).ok()) {
      return std::nullopt;
    }
    return value;
  }
  void Put(const std::string& family, const std::string& ref, const std::string& value) {
    EXPECT_TRUE(db_->Put(rocksdb::WriteOptions(), Family(family), Key(ref), value).ok());
  }
  // Every value of `family`, by its person_ref text (keys that are no UUID are left out).
  std::map<std::string, std::string> All(const std::string& family) {
    std::map<std::string, std::string> all;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Family(family)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() != 16) continue;
      base::UuidBytes bytes;
      std::copy(it->key().data(), it->key().data() + 16, bytes.begin());
      all[base::FormatUuid(bytes)] = it->value().ToString();
    }
    return all;
  }

 private:
  RawVault() = default;
  rocksdb::ColumnFamilyHandle* Family(const std::string& name) {
    auto it = by_name_.find(name);
    EXPECT_NE(it, by_name_.end()) << "no family " << name;
    return it == by_name_.end() ? db_->DefaultColumnFamily() : it->second;
  }
  static std::string Key(const std::string& ref) { return base::UuidKey(*base::ParseUuid(ref)); }

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name_;
};

// The plaintext of a value the vault sealed with AES-256-GCM under `key` (32 bytes) and the
// associated data "\x01" + `label` (e.g. "coopledger/person-key/v1/" + ref), or nullopt when
// it does not authenticate under that key.
inline std::optional<std::string> OpenSealed(const std::string& key, const std::string& label,
                                             const std::string& sealed) {
  constexpr size_t kNonce = 12, kTag = 16;
  if (key.size() != 32 || sealed.size() < 1 + kNonce + kTag || sealed[0] != '\x01') {
    return std::nullopt;
  }
  const std::string ad = std::string(1, '\x01') + label;
  const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  const size_t body = sealed.size() - 1 - kNonce - kTag;
  std::string tag = sealed.substr(sealed.size() - kTag);
  std::string plain(body, '\0');
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  bool ok =
      EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, kNonce, nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx, nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                         bytes + 1) == 1 &&
      EVP_DecryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(ad.data()),
                        static_cast<int>(ad.size())) == 1;
  if (ok && body > 0) {
    ok = EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(plain.data()), &len,
                           bytes + 1 + kNonce, static_cast<int>(body)) == 1;
  }
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1;
  unsigned char final_block[16];
  ok = ok && EVP_DecryptFinal_ex(ctx, final_block, &len) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) return std::nullopt;
  return plain;
}

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_VAULT_RAW_VAULT_H_
