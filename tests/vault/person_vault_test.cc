// PersonVault and the master key file, as units: encryption per person round-trips, nothing of
// a person is readable in the vault's files, and a wrong master key or an altered byte is
// DATA_LOSS rather than wrong data.
#include "vault/person_vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "rocksdb/db.h"
#include "tests/support/test_support.h"
#include "vault/master_key.h"

namespace coop::testing {
namespace {

using vault::LoadMasterKey;
using vault::LoadOrCreateMasterKey;
using vault::MasterKey;
using vault::PersonVault;

coop::v1::PersonDetails Details(const std::string& name = "Trần Thị Quỳnh Như") {
  coop::v1::PersonDetails d;
  d.set_full_name(name);
  d.set_identity_number("096187004321");
  d.set_date_of_birth("1999-04-30");
  d.set_phone("+84 912 345 678");
  d.set_email("quynhnhu@example.vn");
  d.set_address_text("Ấp Tân Lộc, xã Khánh Lâm, Cà Mau");
  return d;
}

MasterKey Key(char fill) { return *MasterKey::FromBytes(std::string(32, fill)); }

// Changes one byte of a stored value through RocksDB's own API (the vault must be closed).
void FlipByte(const std::string& dir, const std::string& family, const std::string& ref,
              size_t offset_from_end) {
  rocksdb::DBOptions options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {{rocksdb::kDefaultColumnFamilyName, {}},
                                                           {PersonVault::kKeysFamily, {}},
                                                           {PersonVault::kDetailsFamily, {}},
                                                           // every family must be named
                                                           {PersonVault::kScopeFamily, {}},
                                                           {PersonVault::kRequestsFamily, {}},
                                                           {PersonVault::kErasuresFamily, {}}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir, families, &handles, &db).ok());
  auto* handle = family == PersonVault::kKeysFamily ? handles[1] : handles[2];
  const std::string key = base::UuidKey(*base::ParseUuid(ref));
  std::string value;
  ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), handle, key, &value).ok());
  value[value.size() - 1 - offset_from_end] ^= 0x01;
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handle, key, value).ok());
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  ASSERT_TRUE(db->Close().ok());
  delete db;
}

TEST(PersonVaultTest, DetailsRoundTripAndUpdateKeepsTheRef) {
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key('k'));
  ASSERT_OK(vault);
  const std::string ref = base::NewRandomUuid();
  auto stored = (*vault)->Put(ref, Details());
  ASSERT_OK(stored);
  EXPECT_TRUE(*stored);
  auto got = (*vault)->Get(ref);
  ASSERT_OK(got);
  EXPECT_EQ(got->SerializeAsString(), Details().SerializeAsString());

  // A second Put of the same ref stores nothing: the first details stay.
  auto again = (*vault)->Put(ref, Details("Someone Else"));
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ((*vault)->Get(ref)->full_name(), "Trần Thị Quỳnh Như");

  auto changed = Details();
  changed.set_phone("0290 3 812 345");
  ASSERT_OK((*vault)->Update(ref, changed));
  EXPECT_EQ((*vault)->Get(ref)->phone(), "0290 3 812 345");

  // Survives a reopen.
  vault->reset();
  vault = PersonVault::Open(dir.Sub("people"), Key('k'));
  ASSERT_OK(vault);
  EXPECT_EQ((*vault)->Get(ref)->phone(), "0290 3 812 345");
}

TEST(PersonVaultTest, UnknownRefIsNotFoundAndAMalformedRefIsInvalid) {
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key('k'));
  ASSERT_OK(vault);
  EXPECT_EQ((*vault)->Get(base::NewRandomUuid()).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ((*vault)->Update(base::NewRandomUuid(), Details()).code(), absl::StatusCode::kNotFound);
  auto bad = (*vault)->Get("Nguyen Van A");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("person_ref"), std::string::npos);
}

TEST(PersonVaultTest, NoPlaintextInAnyFileOfTheVault) {
  TempDir dir;
  const std::string name = "Lê Hoàng Phúc Zebra";
  auto vault = PersonVault::Open(dir.Sub("people"), Key('k'));
  ASSERT_OK(vault);
  for (int i = 0; i < 20; ++i) {
    ASSERT_OK((*vault)->Put(base::NewRandomUuid(), Details(name)));
  }
  ASSERT_OK((*vault)->Flush());  // into SST files too, not only the WAL
  (*vault)->Close();
  std::string where;
  EXPECT_FALSE(AnyFileContains(dir.path(), name, &where)) << where;
  EXPECT_FALSE(AnyFileContains(dir.path(), "Zebra", &where)) << where;
  EXPECT_FALSE(AnyFileContains(dir.path(), "096187004321", &where)) << where;
  EXPECT_FALSE(AnyFileContains(dir.path(), "quynhnhu@example.vn", &where)) << where;
  // The scan does read the files: the family names are in RocksDB's own metadata.
  EXPECT_TRUE(AnyFileContains(dir.path(), PersonVault::kDetailsFamily, &where));
}

TEST(PersonVaultTest, AWrongMasterKeyIsDataLoss) {
  TempDir dir;
  const std::string ref = base::NewRandomUuid();
  {
    auto vault = PersonVault::Open(dir.Sub("people"), Key('k'));
    ASSERT_OK(vault);
    ASSERT_OK((*vault)->Put(ref, Details()));
  }
  auto wrong = PersonVault::Open(dir.Sub("people"), Key('x'));
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(wrong.status().message().find("master key"), std::string::npos)
      << wrong.status().message();
  auto right = PersonVault::Open(dir.Sub("people"), Key('k'));
  ASSERT_OK(right);
  EXPECT_OK((*right)->Get(ref));
}

TEST(PersonVaultTest, AFlippedByteInStoredDetailsOrKeyIsDataLoss) {
  TempDir dir;
  const std::string vault_dir = dir.Sub("people");
  const std::string a = base::NewRandomUuid(), b = base::NewRandomUuid();
  {
    auto vault = PersonVault::Open(vault_dir, Key('k'));
    ASSERT_OK(vault);
    ASSERT_OK((*vault)->Put(a, Details()));
    ASSERT_OK((*vault)->Put(b, Details()));
  }
  FlipByte(vault_dir, PersonVault::kDetailsFamily, a, 20);  // in the ciphertext
  FlipByte(vault_dir, PersonVault::kKeysFamily, b, 0);      // in the tag of the wrapped key
  auto vault = PersonVault::Open(vault_dir, Key('k'));
  ASSERT_OK(vault);
  auto got = (*vault)->Get(a);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(got.status().message().find("details of person " + a), std::string::npos)
      << got.status().message();
  EXPECT_NE(got.status().message().find("authentication failed"), std::string::npos);
  got = (*vault)->Get(b);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(got.status().message().find("data key of person " + b), std::string::npos)
      << got.status().message();
  EXPECT_EQ((*vault)->Update(b, Details()).code(), absl::StatusCode::kDataLoss);
}

TEST(PersonVaultTest, AValueCopiedUnderAnotherPersonFailsAuthentication) {
  TempDir dir;
  const std::string vault_dir = dir.Sub("people");
  const std::string a = base::NewRandomUuid(), b = base::NewRandomUuid();
  {
    auto vault = PersonVault::Open(vault_dir, Key('k'));
    ASSERT_OK(vault);
    ASSERT_OK((*vault)->Put(a, Details("A")));
    ASSERT_OK((*vault)->Put(b, Details("B")));
  }
  {
    rocksdb::DBOptions options;
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, {}},
        {PersonVault::kKeysFamily, {}},
        {PersonVault::kDetailsFamily, {}},
        {PersonVault::kScopeFamily, {}},
        {PersonVault::kRequestsFamily, {}},
        {PersonVault::kErasuresFamily, {}}};  // every family must be named
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, vault_dir, families, &handles, &db).ok());
    const auto key_a = base::UuidKey(*base::ParseUuid(a));
    const auto key_b = base::UuidKey(*base::ParseUuid(b));
    for (auto* h : {handles[1], handles[2]}) {  // b's key and details, filed under a
      std::string value;
      ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), h, key_b, &value).ok());
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), h, key_a, value).ok());
    }
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    ASSERT_TRUE(db->Close().ok());
    delete db;
  }
  auto vault = PersonVault::Open(vault_dir, Key('k'));
  ASSERT_OK(vault);
  EXPECT_EQ((*vault)->Get(a).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ((*vault)->Get(b)->full_name(), "B");
}

TEST(PersonVaultTest, ConcurrentPutsOfOneRefStoreItOnce) {
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key('k'));
  ASSERT_OK(vault);
  const std::string ref = base::NewRandomUuid();
  std::atomic<int> stored{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = (*vault)->Put(ref, Details(absl::StrCat("Person ", i)));
      if (r.ok() && *r) ++stored;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(stored.load(), 1);
  EXPECT_OK((*vault)->Get(ref));
}

TEST(PersonVaultMasterKeyTest, ParsesRawAndHexAndRefusesOtherContent) {
  const std::string raw(32, '\x07');
  EXPECT_OK(MasterKey::Parse(raw));
  auto hex = MasterKey::Parse(std::string(64, 'A') + "\n");
  ASSERT_OK(hex);
  EXPECT_EQ(hex->Hex(), std::string(64, 'a'));
  EXPECT_EQ(MasterKey::Parse("too short").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MasterKey::Parse(std::string(64, 'g')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PersonVaultMasterKeyTest, CreatedOnceWithMode0600AndLoadedAfterwards) {
  TempDir dir;
  const std::string path = dir.Sub("data/master.key");
  bool created = false;
  auto first = LoadOrCreateMasterKey(path, &created);
  ASSERT_OK(first);
  EXPECT_TRUE(created);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = LoadOrCreateMasterKey(path, &created);
  ASSERT_OK(second);
  EXPECT_FALSE(created);
  EXPECT_EQ(second->Hex(), first->Hex());
  EXPECT_EQ(LoadMasterKey(dir.Sub("missing.key")).status().code(), absl::StatusCode::kNotFound);
}

TEST(PersonVaultMasterKeyTest, AKeyFileOthersCanReadIsRefused) {
  TempDir dir;
  const std::string path = dir.Sub("master.key");
  std::ofstream(path) << std::string(64, 'b') << "\n";
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  auto key = LoadMasterKey(path);
  EXPECT_EQ(key.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(key.status().message().find("chmod 600"), std::string::npos) << key.status().message();
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  EXPECT_OK(LoadMasterKey(path));
  std::ofstream(path) << "not a key";
  EXPECT_EQ(LoadMasterKey(path).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace coop::testing
