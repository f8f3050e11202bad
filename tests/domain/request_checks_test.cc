// Given a command request, when its fields are checked, then malformed values are refused
// naming the request's own field and the rule (COMMON-01, 04, 05, 06), and text is stored in
// canonical form.
#include "domain/common/request_checks.h"

#include <gtest/gtest.h>

#include <limits>

#include "coop/v1/registry.pb.h"
#include "domain/common/dates.h"
#include "domain/common/text_rules.h"
#include "domain/common/value_bounds.h"

namespace coop::domain {
namespace {

coop::v1::RegisterCooperativeRequest Registration() {
  coop::v1::RegisterCooperativeRequest request;
  request.mutable_header()->set_command_id("6F9619FF-8B86-D011-B42D-00C04FC964FF");
  request.mutable_header()->set_occurred_on("2024-09-01");
  auto* r = request.mutable_registration();
  r->set_code("abc-1");
  r->set_kind(coop::v1::COOPERATIVE);
  r->set_name("HTX Khánh An");
  r->set_charter_capital_vnd(500'000'000);
  r->mutable_members()->set_official(9);
  return request;
}

void ExpectRefused(coop::v1::RegisterCooperativeRequest request, const std::string& message) {
  const absl::Status st = CheckRequestFields(&request);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
  EXPECT_EQ(std::string(st.message()).substr(0, message.size()), message) << st;
}

TEST(RequestChecksTest, GivenACleanRequestWhenCheckedThenIdsAreLowerCaseAndCodesUpperCase) {
  auto request = Registration();
  ASSERT_TRUE(CheckRequestFields(&request).ok());
  EXPECT_EQ(request.header().command_id(), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  EXPECT_EQ(request.registration().code(), "ABC-1");
  EXPECT_EQ(request.registration().name(), "HTX Khánh An");
}

TEST(RequestChecksTest, GivenCountsOrAmountsAboveTheirBoundThenCOMMON04NamesTheField) {
  auto request = Registration();
  request.mutable_registration()->mutable_members()->set_official(
      std::numeric_limits<int64_t>::max());
  ExpectRefused(request, "[COMMON-04] registration.members.official: 9223372036854775807 is above");
  request = Registration();
  request.mutable_registration()->mutable_members()->set_official(kMaxCount);
  EXPECT_TRUE(CheckRequestFields(&request).ok());
  request = Registration();
  request.mutable_registration()->set_charter_capital_vnd(kMaxVnd + 1);
  ExpectRefused(request, "[COMMON-04] registration.charter_capital_vnd:");
  request.mutable_registration()->set_charter_capital_vnd(kMaxVnd);
  EXPECT_TRUE(CheckRequestFields(&request).ok());
}

TEST(RequestChecksTest, GivenAnUnknownEnumNumberThenCOMMON06NamesTheField) {
  auto request = Registration();
  request.mutable_registration()->set_kind(static_cast<coop::v1::CooperativeKind>(99));
  ExpectRefused(request, "[COMMON-06] registration.kind: 99 is not a value of CooperativeKind");
}

TEST(RequestChecksTest, GivenControlCharactersBidiOverridesOrOnlySpacesThenCOMMON05) {
  auto with_name = [](const std::string& name) {
    auto request = Registration();
    request.mutable_registration()->set_name(name);
    return request;
  };
  ExpectRefused(with_name(std::string("HTX\x00\x01\n\x1b[31mRED", 14)),
                "[COMMON-05] registration.name: control character U+0000 at character 4");
  ExpectRefused(with_name("HTX\n2"), "[COMMON-05] registration.name: control character U+000A");
  ExpectRefused(with_name("HTX \u202Ecba"),
                "[COMMON-05] registration.name: bidirectional control U+202E");
  ExpectRefused(with_name(" \u3000 "), "[COMMON-05] registration.name: is only whitespace");
  ExpectRefused(with_name("HTX \xC3"), "[COMMON-05] registration.name: is not valid UTF-8");
  ExpectRefused(with_name(std::string(kMaxSingleLineBytes + 1, 'a')),
                "[COMMON-05] registration.name: is 1001 bytes long");
}

TEST(RequestChecksTest, GivenTextInNfdThenItIsStoredInNfc) {
  auto request = Registration();
  // "Khánh" with the accent as a combining mark (NFD), as some keyboards send it.
  request.mutable_registration()->set_name("HTX Kha\u0301nh An");
  request.mutable_registration()->set_sector("Nông nghie\u0302\u0323p");
  ASSERT_TRUE(CheckRequestFields(&request).ok());
  EXPECT_EQ(request.registration().name(), "HTX Khánh An");
  EXPECT_EQ(request.registration().sector(), "Nông nghiệp");
}

TEST(RequestChecksTest, GivenMultiLineFreeTextThenANewlineIsAllowedThere) {
  coop::v1::RecordInspectionRequest request;
  request.mutable_inspected()->set_findings("Sổ sách đầy đủ.\nChưa họp đại hội.");
  EXPECT_TRUE(CheckRequestFields(&request).ok());
  request.mutable_inspected()->set_body("Phòng Kinh tế\nhuyện");
  const absl::Status st = CheckRequestFields(&request);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("[COMMON-05] inspected.body"), absl::string_view::npos) << st;
}

TEST(RequestChecksTest, GivenWindowsLineEndsOrTabsInMultiLineTextThenTheyAreKept) {
  coop::v1::RecordInspectionRequest request;
  request.mutable_inspected()->set_findings("Sổ sách:\tđủ.\r\nĐại hội: chưa.");
  ASSERT_TRUE(CheckRequestFields(&request).ok());
  EXPECT_EQ(request.inspected().findings(), "Sổ sách:\tđủ.\nĐại hội: chưa.");
  request.mutable_inspected()->set_body("Phòng\u2028Kinh tế");  // a line separator
  const absl::Status st = CheckRequestFields(&request);
  EXPECT_NE(st.message().find("[COMMON-05] inspected.body: line separator U+2028"),
            absl::string_view::npos)
      << st;
}

TEST(RequestChecksTest, GivenABusinessDateBefore1955ThenCOMMON01) {
  auto day = ParseDate("header.occurred_on", "1900-01-01");
  EXPECT_EQ(day.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(day.status().message(),
            "[COMMON-01] header.occurred_on: 1900-01-01 is before the earliest business date "
            "1955-01-01");
  EXPECT_TRUE(ParseDate("occurred_on", "1955-01-01").ok());
}

TEST(RequestChecksTest, GivenAListPastItsBoundWhenCheckedThenCOMMON04NamesTheList) {
  auto request = Registration();
  for (int i = 0; i <= kMaxListItems; ++i) request.mutable_registration()->add_business_lines("x");
  ExpectRefused(request, "[COMMON-04] registration.business_lines: has 1001 items; at most 1000");
}

TEST(RequestChecksTest, GivenARequestPastItsSizeWhenCheckedThenCOMMON04NamesItsLargestField) {
  auto request = Registration();
  request.mutable_registration()->set_sector(std::string(500, 's'));
  for (int i = 0; i < 300; ++i) {
    request.mutable_registration()->add_business_lines(std::string(999, 'a'));
  }
  ASSERT_GT(request.ByteSizeLong(), kMaxRequestBytes);
  ExpectRefused(request, "[COMMON-04] registration.business_lines: holds about 299700 of the");
  request.mutable_registration()->mutable_business_lines()->DeleteSubrange(0, 100);
  ASSERT_LT(request.ByteSizeLong(), kMaxRequestBytes);
  auto checked = request;
  EXPECT_TRUE(CheckRequestFields(&checked).ok());
}

}  // namespace
}  // namespace coop::domain
