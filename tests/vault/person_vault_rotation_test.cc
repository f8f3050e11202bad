// Rotating the person vault's master key (PersonVault::RotateMasterKey): every person readable
// under the new key and no longer under the old, the old wrapped keys gone from the folder's
// files, and a rerun after success doing nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/uuid.h"
#include "tests/support/test_support.h"
#include "tests/vault/raw_vault.h"
#include "vault/master_key.h"
#include "vault/person_vault.h"

namespace coop::testing {
namespace {

using vault::MasterKey;
using vault::PersonVault;

MasterKey Key(char fill) { return *MasterKey::FromBytes(std::string(32, fill)); }

coop::v1::PersonDetails Named(const std::string& name) {
  coop::v1::PersonDetails details;
  details.set_full_name(name);
  details.set_phone("0912 000 111");
  return details;
}

TEST(PersonVaultRotationTest, EveryPersonReadsUnderTheNewKeyAndTheOldWrappedKeysLeaveTheFiles) {
  TempDir dir;
  const std::string folder = dir.Sub("people");
  std::vector<std::string> refs;
  {
    auto vault = PersonVault::Open(folder, Key('a'));
    ASSERT_OK(vault);
    for (int i = 0; i < 20; ++i) {
      refs.push_back(base::NewRandomUuid());
      ASSERT_OK((*vault)->Put(refs.back(), Named("Người số " + std::to_string(i))));
    }
    ASSERT_OK((*vault)->Flush());
  }
  std::string old_wrapped;
  {
    auto raw = RawVault::Open(folder);
    ASSERT_NE(raw, nullptr);
    old_wrapped = raw->Get(PersonVault::kKeysFamily, refs[3]).value_or("");
  }
  ASSERT_FALSE(old_wrapped.empty());
  std::string where;
  ASSERT_TRUE(AnyFileContains(folder, old_wrapped, &where)) << "the scan finds it before";

  auto rotation = PersonVault::RotateMasterKey(folder, Key('a'), Key('b'));
  ASSERT_OK(rotation);
  EXPECT_EQ(rotation->keys_rewrapped, 20u);
  EXPECT_FALSE(rotation->already_rotated);
  EXPECT_FALSE(AnyFileContains(folder, old_wrapped, &where)) << "still in " << where;

  EXPECT_TRUE(absl::IsDataLoss(PersonVault::Open(folder, Key('a')).status()));
  {
    auto vault = PersonVault::Open(folder, Key('b'));
    ASSERT_OK(vault);
    for (size_t i = 0; i < refs.size(); ++i) {
      auto details = (*vault)->Get(refs[i]);
      ASSERT_OK(details);
      EXPECT_EQ(details->full_name(), "Người số " + std::to_string(i));
    }
  }
  auto again = PersonVault::RotateMasterKey(folder, Key('a'), Key('b'));
  ASSERT_OK(again);
  EXPECT_TRUE(again->already_rotated);
  EXPECT_EQ(again->keys_rewrapped, 0u);
  EXPECT_TRUE(absl::IsDataLoss(PersonVault::RotateMasterKey(folder, Key('c'), Key('d')).status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(PersonVault::RotateMasterKey(folder, Key('b'), Key('b')).status()));
}

}  // namespace
}  // namespace coop::testing
