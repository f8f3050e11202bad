#include "commands/command_digest.h"

#include <gtest/gtest.h>

#include "coop/v1/registry.pb.h"

namespace coop::commands {
namespace {

coop::v1::AdmitCooperativeMembersRequest Admission(int64_t official) {
  coop::v1::AdmitCooperativeMembersRequest request;
  request.mutable_header()->set_command_id("6f9619ff-8b86-d011-b42d-00c04fc964ff");
  request.mutable_header()->set_occurred_on("2024-10-01");
  request.set_cooperative_id("4205cf79-3182-45a7-8405-e08e74754b30");
  request.mutable_members_admitted()->mutable_members()->set_official(official);
  return request;
}

// The digest is stored in the hashed log: it must not depend on whether sizes were cached.
TEST(CommandDigestTest, TheSameRequestHasTheSameDigestWhateverWasDoneWithItBefore) {
  const auto fresh = Admission(2);
  auto serialised = Admission(2);
  (void)serialised.SerializeAsString();  // caches the nested sizes
  EXPECT_EQ(CommandDigest(fresh), CommandDigest(serialised));
  EXPECT_EQ(CommandDigest(fresh).size(), 64u);
}

TEST(CommandDigestTest, AnotherFigureOrAnotherCommandIsAnotherDigest) {
  EXPECT_NE(CommandDigest(Admission(2)), CommandDigest(Admission(3)));
  coop::v1::RecordCooperativeMembersLeftRequest left;
  *left.mutable_header() = Admission(2).header();
  left.set_cooperative_id(Admission(2).cooperative_id());
  *left.mutable_members_left()->mutable_members() = Admission(2).members_admitted().members();
  EXPECT_NE(CommandDigest(Admission(2)), CommandDigest(left));
}

// A client that lost the reply may retry with the stream's version read again.
TEST(CommandDigestTest, TheExpectedVersionIsNotPartOfTheCommand) {
  auto with_version = Admission(2);
  with_version.mutable_header()->set_expected_version(7);
  EXPECT_EQ(CommandDigest(with_version), CommandDigest(Admission(2)));
}

}  // namespace
}  // namespace coop::commands
