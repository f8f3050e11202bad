// PersonVault's erasure (crypto-shredding), as a unit: an erased person's wrapped key and
// details leave every file of the vault's folder, a tombstone stays, and the ref is never
// recorded or changed again (PERSON-05). The bytes are read beside the vault's code, through
// RocksDB itself (tests/vault/raw_vault.h), as someone holding the files would.
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "tests/support/test_support.h"
#include "tests/vault/raw_vault.h"
#include "vault/master_key.h"
#include "vault/person_vault.h"

namespace coop::testing {
namespace {

using vault::MasterKey;
using vault::PersonVault;

constexpr char kKeyLabel[] = "coopledger/person-key/v1/";
constexpr char kDetailsLabel[] = "coopledger/person-details/v1/";

coop::v1::PersonDetails Details(const std::string& name) {
  coop::v1::PersonDetails d;
  d.set_full_name(name);
  d.set_identity_number("096187004321");
  return d;
}

MasterKey Key() { return *MasterKey::FromBytes(std::string(32, 'k')); }

coop::v1::PersonErasure Erasure(const std::string& on = "2026-12-05") {
  coop::v1::PersonErasure e;
  e.set_erased_on(on);
  e.set_ground("yêu cầu của chủ thể dữ liệu / data subject's request");
  e.set_position(42);
  return e;
}

void ExpectPerson05(const absl::Status& status, const std::string& field) {
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_NE(status.message().find("[PERSON-05] " + field + ":"), std::string::npos) << status;
  EXPECT_NE(status.message().find("erased on 2026-12-05"), std::string::npos) << status;
}

// A person's stored bytes, read with the vault closed.
struct Stored {
  std::string wrapped_key;
  std::string sealed_details;
};
Stored ReadStored(const std::string& dir, const std::string& ref) {
  auto raw = RawVault::Open(dir);
  if (raw == nullptr) return {};
  return {raw->Get(PersonVault::kKeysFamily, ref).value_or(""),
          raw->Get(PersonVault::kDetailsFamily, ref).value_or("")};
}

TEST(PersonVaultErasureTest, EraseDestroysKeyAndDetailsAndKeepsATombstone) {
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key());
  ASSERT_OK(vault);
  const std::string ref = base::NewRandomUuid();
  coop::v1::PersonScope recorded_for;
  recorded_for.set_cooperative_id("c-1");
  ASSERT_OK((*vault)->Put(ref, Details("Nguyễn Thị Erased"), recorded_for));
  EXPECT_TRUE(*(*vault)->Holds(ref));
  auto erased = (*vault)->Erase(ref, Erasure());
  ASSERT_OK(erased);
  EXPECT_TRUE(*erased) << "it held details";
  EXPECT_FALSE(*(*vault)->Holds(ref));
  EXPECT_EQ((*vault)->Get(ref).status().code(), absl::StatusCode::kNotFound);
  auto tombstone = (*vault)->ErasureOf(ref);
  ASSERT_OK(tombstone);
  ASSERT_TRUE(tombstone->has_value());
  EXPECT_EQ((*tombstone)->erased_on(), "2026-12-05");
  EXPECT_EQ((*tombstone)->position(), 42u);
  // What it was recorded for stays (no personal data): it decides who may see the erasure.
  auto scope = (*vault)->GetScope(ref);
  ASSERT_OK(scope);
  EXPECT_EQ(scope->cooperative_id(), "c-1");
  // A person never erased has no tombstone.
  auto other = (*vault)->ErasureOf(base::NewRandomUuid());
  ASSERT_OK(other);
  EXPECT_FALSE(other->has_value());
}

TEST(PersonVaultErasureTest, AnErasedRefIsNeverRecordedOrChangedAgainPerson05) {
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key());
  ASSERT_OK(vault);
  const std::string ref = base::NewRandomUuid();
  ASSERT_OK((*vault)->Put(ref, Details("A"), coop::v1::PersonScope(), "digest-1"));
  ASSERT_OK((*vault)->Erase(ref, Erasure()));
  // The retry of the very request that recorded it, as well as any other.
  ExpectPerson05((*vault)->Put(ref, Details("A"), coop::v1::PersonScope(), "digest-1").status(),
                 "header.command_id");
  ExpectPerson05((*vault)->Update(ref, Details("B")), "person_ref");
  EXPECT_FALSE(*(*vault)->Holds(ref));
}

TEST(PersonVaultErasureTest, ErasingARefTheVaultNeverHeldLeavesOnlyATombstone) {
  // A node restored without personal data re-applies the log's erasures: the ref is then
  // known as erased, and never recorded here.
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key());
  ASSERT_OK(vault);
  const std::string ref = base::NewRandomUuid();
  auto erased = (*vault)->Erase(ref, Erasure());
  ASSERT_OK(erased);
  EXPECT_FALSE(*erased) << "nothing was held";
  ASSERT_TRUE((*vault)->ErasureOf(ref)->has_value());
  ExpectPerson05((*vault)->Put(ref, Details("A")).status(), "header.command_id");
}

TEST(PersonVaultErasureTest, ErasingAgainKeepsTheFirstTombstone) {
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key());
  ASSERT_OK(vault);
  const std::string ref = base::NewRandomUuid();
  ASSERT_OK((*vault)->Put(ref, Details("A")));
  ASSERT_OK((*vault)->Erase(ref, Erasure("2026-12-05")));
  auto again = (*vault)->Erase(ref, Erasure("2027-01-01"));
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ((*(*vault)->ErasureOf(ref))->erased_on(), "2026-12-05");
  EXPECT_EQ((*vault)->Erase("Nguyen Van A", Erasure()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PersonVaultErasureTest, NoFileOfTheFolderKeepsTheWrappedKeyOrTheSealedDetails) {
  TempDir dir;
  const std::string vault_dir = dir.Sub("people");
  const std::string target = base::NewRandomUuid();
  std::vector<std::string> others;
  {
    auto vault = PersonVault::Open(vault_dir, Key());
    ASSERT_OK(vault);
    for (int i = 0; i < 10; ++i) {
      others.push_back(base::NewRandomUuid());
      ASSERT_OK((*vault)->Put(others.back(), Details(absl::StrCat("Other ", i))));
    }
    ASSERT_OK((*vault)->Put(target, Details("Target")));
    ASSERT_OK((*vault)->Flush());  // into an SST file
    (*vault)->Close();
  }
  const Stored before = ReadStored(vault_dir, target);
  const Stored other = ReadStored(vault_dir, others[3]);
  ASSERT_EQ(before.wrapped_key.size(), 1u + 12 + 32 + 16);
  ASSERT_FALSE(before.sealed_details.empty());
  std::string where;
  ASSERT_TRUE(AnyFileContains(vault_dir, before.wrapped_key, &where)) << "the scan finds it";
  {
    auto vault = PersonVault::Open(vault_dir, Key());
    ASSERT_OK(vault);
    for (int i = 0; i < 3; ++i) ASSERT_OK((*vault)->Put(base::NewRandomUuid(), Details("Later")));
    ASSERT_OK((*vault)->Erase(target, Erasure()));
    (*vault)->Close();
  }
  EXPECT_FALSE(AnyFileContains(vault_dir, before.wrapped_key, &where)) << where;
  EXPECT_FALSE(AnyFileContains(vault_dir, before.sealed_details, &where)) << where;
  // The other people are untouched: their keys are still in the files, and open.
  EXPECT_TRUE(AnyFileContains(vault_dir, other.wrapped_key, &where));
  auto vault = PersonVault::Open(vault_dir, Key());
  ASSERT_OK(vault);
  EXPECT_EQ((*vault)->Get(others[3])->full_name(), "Other 3");
}

TEST(PersonVaultErasureTest, AnErasureWhosePurgeDidNotFinishIsPurgedOnOpen) {
  TempDir dir;
  const std::string vault_dir = dir.Sub("people");
  const std::string target = base::NewRandomUuid();
  {
    auto vault = PersonVault::Open(vault_dir, Key());
    ASSERT_OK(vault);
    ASSERT_OK((*vault)->Put(target, Details("Target")));
    ASSERT_OK((*vault)->Flush());
  }
  const Stored before = ReadStored(vault_dir, target);
  ASSERT_FALSE(before.wrapped_key.empty());
  {
    // What a crash right after the erasure's batch leaves: the deletions and the mark, with
    // the old values still in an SST file.
    auto raw = RawVault::Open(vault_dir, /*read_only=*/false);
    ASSERT_NE(raw, nullptr);
    raw->Put(PersonVault::kErasuresFamily, target, Erasure().SerializeAsString());
  }
  {
    rocksdb::DBOptions options;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, vault_dir, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, vault_dir, families, &handles, &db).ok());
    const std::string key = base::UuidKey(*base::ParseUuid(target));
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == PersonVault::kKeysFamily || names[i] == PersonVault::kDetailsFamily) {
        ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), handles[i], key).ok());
      }
      if (names[i] == rocksdb::kDefaultColumnFamilyName) {
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handles[i], "purge_pending", key).ok());
      }
    }
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    ASSERT_TRUE(db->Close().ok());
    delete db;
  }
  std::string where;
  ASSERT_TRUE(AnyFileContains(vault_dir, before.wrapped_key, &where)) << "still in an SST file";
  {
    auto vault = PersonVault::Open(vault_dir, Key());  // finishes the purge
    ASSERT_OK(vault);
    EXPECT_FALSE(*(*vault)->Holds(target));
  }
  EXPECT_FALSE(AnyFileContains(vault_dir, before.wrapped_key, &where)) << where;
  EXPECT_FALSE(AnyFileContains(vault_dir, before.sealed_details, &where)) << where;
}

TEST(PersonVaultErasureTest, TheSavedCiphertextOpensOnlyWithTheErasedKey) {
  // What crypto-shredding rests on: the details are sealed under the person's data key, which
  // only the wrapped key (gone after the erasure) gives; the master key alone opens nothing.
  TempDir dir;
  const std::string vault_dir = dir.Sub("people");
  const std::string ref = base::NewRandomUuid();
  {
    auto vault = PersonVault::Open(vault_dir, Key());
    ASSERT_OK(vault);
    ASSERT_OK((*vault)->Put(ref, Details("Sealed")));
  }
  const Stored stored = ReadStored(vault_dir, ref);
  const std::string master(32, 'k');
  auto data_key = OpenSealed(master, kKeyLabel + ref, stored.wrapped_key);
  ASSERT_TRUE(data_key.has_value()) << "the test's own AES-GCM agrees with the vault's";
  auto plain = OpenSealed(*data_key, kDetailsLabel + ref, stored.sealed_details);
  ASSERT_TRUE(plain.has_value());
  coop::v1::PersonDetails details;
  ASSERT_TRUE(details.ParseFromString(*plain));
  EXPECT_EQ(details.full_name(), "Sealed");
  EXPECT_FALSE(OpenSealed(master, kDetailsLabel + ref, stored.sealed_details).has_value());
}

TEST(PersonVaultErasureTest, TheMarkOfAppliedErasuresRoundTrips) {
  TempDir dir;
  auto vault = PersonVault::Open(dir.Sub("people"), Key());
  ASSERT_OK(vault);
  auto none = (*vault)->ErasuresAppliedThrough();
  ASSERT_OK(none);
  EXPECT_EQ(none->position, 0u);
  ASSERT_OK((*vault)->SetErasuresAppliedThrough({1234, "0f0e0d0c-0000-4000-8000-000000000001"}));
  auto mark = (*vault)->ErasuresAppliedThrough();
  ASSERT_OK(mark);
  EXPECT_EQ(mark->position, 1234u);
  EXPECT_EQ(mark->event_id, "0f0e0d0c-0000-4000-8000-000000000001");
}

}  // namespace
}  // namespace coop::testing
