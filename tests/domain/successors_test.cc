#include "domain/areas/successors.h"

#include <gtest/gtest.h>

#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "domain/areas/area_catalog.h"
#include "tests/support/test_support.h"

namespace coop::domain::areas {
namespace {

const SuccessorTable& Table() { return SuccessorTable::Reference(); }

std::vector<std::pair<std::string, SuccessorPart>> Rows(std::span<const Successor> successors) {
  std::vector<std::pair<std::string, SuccessorPart>> rows;
  for (const Successor& s : successors) rows.emplace_back(s.new_code, s.part);
  return rows;
}

constexpr SuccessorPart kFull = SuccessorPart::kFull;
constexpr SuccessorPart kPartial = SuccessorPart::kPartial;

TEST(SuccessorsTest, GivenUMinhTownWhenReaggregatingThenItHasOneFullSuccessor) {
  // 32044 Thị trấn U Minh went wholly into 32044 Xã Nguyễn Phích.
  EXPECT_EQ(Rows(Table().SuccessorsOf("32044")),
            (std::vector<std::pair<std::string, SuccessorPart>>{{"32044", kFull}}));
  const Successor* single = Table().SingleSuccessor("32044");
  ASSERT_NE(single, nullptr);
  EXPECT_EQ(single->new_code, "32044");
  EXPECT_EQ(single->new_level, AreaLevel::kCommune);
  ASSERT_NE(AreaCatalog::Reference(UnitSet::k2025_07).Find(single->new_code), nullptr);
  EXPECT_EQ(AreaCatalog::Reference(UnitSet::k2025_07).Find(single->new_code)->name,
            "Xã Nguyễn Phích");
}

TEST(SuccessorsTest, GivenASplitCommuneWhenReaggregatingThenThereIsNoSingleSuccessor) {
  // 32053 Xã Nguyễn Phích (old) was split between three new communes.
  EXPECT_EQ(Rows(Table().SuccessorsOf("32053")),
            (std::vector<std::pair<std::string, SuccessorPart>>{
                {"32044", kPartial}, {"32062", kPartial}, {"32059", kPartial}}));
  EXPECT_EQ(Table().SingleSuccessor("32053"), nullptr);
  // 32048 Xã Khánh Thuận: two partial successors.
  EXPECT_EQ(Rows(Table().SuccessorsOf("32048")),
            (std::vector<std::pair<std::string, SuccessorPart>>{{"32047", kPartial},
                                                                {"32044", kPartial}}));
  EXPECT_EQ(Table().SingleSuccessor("32048"), nullptr);
}

TEST(SuccessorsTest, GivenMergedProvincesWhenReaggregatingThenEachGoesWhollyIntoTheNewOne) {
  for (const std::string old_code : {"74", "77", "79"}) {  // Bình Dương, Bà Rịa - Vũng Tàu, HCMC
    const Successor* single = Table().SingleSuccessor(old_code);
    ASSERT_NE(single, nullptr) << old_code;
    EXPECT_EQ(single->new_code, "79");
    EXPECT_EQ(single->new_level, AreaLevel::kProvince);
  }
}

TEST(SuccessorsTest, GivenCodesWithoutRowsWhenReaggregatingThenThereIsNothing) {
  for (const std::string code : {"966", "755", "99999", ""}) {  // districts have no rows
    EXPECT_TRUE(Table().SuccessorsOf(code).empty()) << code;
    EXPECT_EQ(Table().SingleSuccessor(code), nullptr) << code;
  }
}

TEST(SuccessorsTest, GivenTheRuleWhenSeveralSuccessorsIncludeOneFullThenThatOneIsChosen) {
  // The reference data has no such case (every split is all "partial"), so a small table.
  absl::StatusOr<SuccessorTable> table = SuccessorTable::Parse(
      "old_code,old_level,new_code,new_level,part\n"
      "00001,commune,00010,commune,partial\n"
      "00001,commune,00020,commune,full\n"
      "00002,commune,00010,commune,full\n"
      "00002,commune,00020,commune,full\n"
      "00003,commune,00030,commune,partial\n");
  ASSERT_OK(table);
  EXPECT_EQ(table->old_codes(), (std::vector<std::string>{"00001", "00002", "00003"}));
  const Successor* one_full = table->SingleSuccessor("00001");
  ASSERT_NE(one_full, nullptr);
  EXPECT_EQ(one_full->new_code, "00020");
  EXPECT_EQ(table->SingleSuccessor("00002"), nullptr);      // two full ones: ambiguous
  const Successor* only = table->SingleSuccessor("00003");  // the only one, though partial
  ASSERT_NE(only, nullptr);
  EXPECT_EQ(only->new_code, "00030");
}

TEST(SuccessorsTest, GivenTheReferenceTableWhenCountedThenSplitsAreAllPartial) {
  size_t rows = 0, single = 0, split = 0;
  for (const std::string& old_code : Table().old_codes()) {
    std::span<const Successor> successors = Table().SuccessorsOf(old_code);
    rows += successors.size();
    if (successors.size() == 1) {
      ++single;
      EXPECT_EQ(successors[0].part, kFull) << old_code;
    } else {
      ++split;
      for (const Successor& s : successors) EXPECT_EQ(s.part, kPartial) << old_code;
      EXPECT_EQ(Table().SingleSuccessor(old_code), nullptr) << old_code;
    }
  }
  EXPECT_EQ(rows, 10662u);
  EXPECT_EQ(Table().old_codes().size(), 10110u);
  EXPECT_EQ(single, 9650u);
  EXPECT_EQ(split, 460u);
}

TEST(SuccessorsTest, GivenTheCataloguesWhenCheckedAgainstTheTableThenOnlyTheKnownGapsRemain) {
  const AreaCatalog& before = AreaCatalog::Reference(UnitSet::k2025_03);
  const AreaCatalog& after = AreaCatalog::Reference(UnitSet::k2025_07);

  // Every successor is a unit of 2025-07 at the stated level.
  std::vector<std::string> missing_old;
  for (const std::string& old_code : Table().old_codes()) {
    if (before.Find(old_code) == nullptr) missing_old.push_back(old_code);
    for (const Successor& s : Table().SuccessorsOf(old_code)) {
      const AreaUnit* unit = after.Find(s.new_code);
      ASSERT_NE(unit, nullptr) << old_code << " → " << s.new_code;
      EXPECT_EQ(unit->level, s.new_level) << s.new_code;
    }
  }
  // The source had 10,047 communes, the pre-reform list 10,035.
  EXPECT_EQ(missing_old,
            (std::vector<std::string>{"07693", "07732", "07744", "16387", "16411", "18448", "20176",
                                      "20674", "25102", "25174", "25177", "25186"}));

  // Every old province and commune has a successor; districts have none.
  for (const AreaUnit& unit : before.units()) {
    EXPECT_EQ(Table().SuccessorsOf(unit.code).empty(), unit.level == AreaLevel::kDistrict)
        << unit.code;
  }

  // The new units without a predecessor are the island special zones, whose predecessors
  // are districts (docs/domain.md#successor-table: five, after the two corrected codes).
  std::vector<std::string> orphans;
  std::set<std::string> successors;
  for (const std::string& old_code : Table().old_codes()) {
    for (const Successor& s : Table().SuccessorsOf(old_code)) successors.insert(s.new_code);
  }
  for (const AreaUnit& unit : after.units()) {
    if (!successors.contains(unit.code)) orphans.push_back(unit.code + " " + unit.name);
  }
  EXPECT_EQ(orphans, (std::vector<std::string>{"11948 Đặc khu Bạch Long Vĩ", "19742 Đặc khu Cồn Cỏ",
                                               "20333 Đặc khu Hoàng Sa", "21548 Đặc khu Lý Sơn",
                                               "26732 Đặc khu Côn Đảo"}));
}

TEST(SuccessorsTest, GivenMalformedTablesWhenParsedThenTheErrorNamesTheLine) {
  const std::string header = "old_code,old_level,new_code,new_level,part\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"old,new\n",
       "successor table, line 1: the header must be "
       "old_code,old_level,new_code,new_level,part"},
      {header + "00001,commune,00002,commune\n",
       "successor table, line 2: expected 5 fields, got 4"},
      {header + "00001,commune,x,commune,full\n", "successor table, line 2: codes must be digits"},
      {header + "00001,commune,00002,commune,most\n",
       "successor table, line 2: part \"most\" must be full or partial"},
      {header + "00001,commune,002,district,full\n",
       "successor table, line 2: a successor cannot be a district: 2025-07 has none"},
      {header + "00001,village,00002,commune,full\n",
       "successor table, line 2: level \"village\" must be province, district or commune"},
      {header + "00001,commune,00002,commune,full\n00001,province,00003,commune,full\n",
       "successor table, line 3: old code 00001 appears with two levels"},
      {header + "00001,commune,00002,commune,full\n00001,commune,00002,commune,partial\n",
       "successor table, line 3: 00001 → 00002 appears twice"},
  };
  for (const auto& [csv, message] : cases) {
    absl::StatusOr<SuccessorTable> table = SuccessorTable::Parse(csv);
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument) << csv;
    EXPECT_EQ(table.status().message(), message);
  }
}

}  // namespace
}  // namespace coop::domain::areas
