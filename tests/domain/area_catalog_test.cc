#include "domain/areas/area_catalog.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "tests/support/test_support.h"

namespace coop::domain::areas {
namespace {

const AreaCatalog& Before() { return AreaCatalog::Reference(UnitSet::k2025_03); }
const AreaCatalog& After() { return AreaCatalog::Reference(UnitSet::k2025_07); }

std::vector<std::string> Codes(const std::vector<const AreaUnit*>& units) {
  std::vector<std::string> codes;
  for (const AreaUnit* unit : units) codes.push_back(unit->code);
  return codes;
}

void ExpectNotAUnit(const absl::Status& status, const std::string& message) {
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  EXPECT_EQ(status.message(), message);
}

TEST(AreaCatalogTest, GivenTheReferenceDataWhenCountedThenTheLevelsMatchThePublishedTotals) {
  EXPECT_EQ(Before().unit_set(), UnitSet::k2025_03);
  EXPECT_EQ(Before().CountAtLevel(AreaLevel::kProvince), 63u);
  EXPECT_EQ(Before().CountAtLevel(AreaLevel::kDistrict), 696u);
  EXPECT_EQ(Before().CountAtLevel(AreaLevel::kCommune), 10035u);
  EXPECT_EQ(Before().units().size(), 63u + 696u + 10035u);
  EXPECT_EQ(Before().Provinces().size(), 63u);

  EXPECT_EQ(After().unit_set(), UnitSet::k2025_07);
  EXPECT_EQ(After().CountAtLevel(AreaLevel::kProvince), 34u);
  EXPECT_EQ(After().CountAtLevel(AreaLevel::kDistrict), 0u);
  EXPECT_EQ(After().CountAtLevel(AreaLevel::kCommune), 3321u);
}

TEST(AreaCatalogTest, GivenDistrict966WhenAskedForItsCommunesThenTheyAreTheEightOfUMinh) {
  const AreaUnit* district = Before().Find("966");
  ASSERT_NE(district, nullptr);
  EXPECT_EQ(district->name, "Huyện U Minh");
  EXPECT_EQ(district->level, AreaLevel::kDistrict);
  EXPECT_EQ(district->parent_code, "96");
  ASSERT_NE(Before().Find("96"), nullptr);
  EXPECT_EQ(Before().Find("96")->name, "Tỉnh Cà Mau");

  absl::StatusOr<std::vector<const AreaUnit*>> children = Before().ChildrenOf("966");
  ASSERT_OK(children);
  std::vector<std::pair<std::string, std::string>> named;
  for (const AreaUnit* unit : *children) {
    EXPECT_EQ(unit->level, AreaLevel::kCommune);
    named.emplace_back(unit->code, unit->name);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"32044", "Thị trấn U Minh"}, {"32047", "Xã Khánh Hòa"},    {"32048", "Xã Khánh Thuận"},
      {"32050", "Xã Khánh Tiến"},   {"32053", "Xã Nguyễn Phích"}, {"32056", "Xã Khánh Lâm"},
      {"32059", "Xã Khánh An"},     {"32062", "Xã Khánh Hội"}};
  EXPECT_EQ(named, expected);

  absl::StatusOr<std::vector<const AreaUnit*>> communes = Before().CommunesOf("966");
  ASSERT_OK(communes);
  EXPECT_EQ(Codes(*communes), Codes(*children));
}

TEST(AreaCatalogTest, GivenCode32044WhenLookedUpInEachSetThenItNamesTwoDifferentCommunes) {
  absl::StatusOr<const AreaUnit*> before = Before().Lookup("32044");
  ASSERT_OK(before);
  EXPECT_EQ((*before)->name, "Thị trấn U Minh");
  EXPECT_EQ((*before)->level, AreaLevel::kCommune);
  EXPECT_EQ((*before)->parent_code, "966");

  absl::StatusOr<const AreaUnit*> after = After().Lookup("32044");
  ASSERT_OK(after);
  EXPECT_EQ((*after)->name, "Xã Nguyễn Phích");
  EXPECT_EQ((*after)->level, AreaLevel::kCommune);
  EXPECT_EQ((*after)->parent_code, "96");
}

TEST(AreaCatalogTest, GivenCommune32044WhenWalkingUpThenTheChainFollowsTheSetsLevels) {
  absl::StatusOr<std::vector<const AreaUnit*>> before = Before().ChainToProvince("32044");
  ASSERT_OK(before);
  EXPECT_EQ(Codes(*before), (std::vector<std::string>{"32044", "966", "96"}));

  absl::StatusOr<std::vector<const AreaUnit*>> after = After().ChainToProvince("32044");
  ASSERT_OK(after);
  EXPECT_EQ(Codes(*after), (std::vector<std::string>{"32044", "96"}));
  EXPECT_EQ(after->back()->name, "Tỉnh Cà Mau");

  absl::StatusOr<std::vector<const AreaUnit*>> province = After().ChainToProvince("96");
  ASSERT_OK(province);
  EXPECT_EQ(Codes(*province), (std::vector<std::string>{"96"}));
}

TEST(AreaCatalogTest, GivenAncestorsAndOthersWhenCheckingContainmentThenOnlyAncestorsContain) {
  for (const auto& [ancestor, code, expected] :
       std::vector<std::tuple<std::string, std::string, bool>>{
           {"96", "32044", true},
           {"966", "32044", true},
           {"32044", "32044", true},
           {"966", "966", true},
           {"96", "966", true},
           {"32044", "966", false},  // a commune does not contain its district
           {"01", "32044", false},
           {"967", "32044", false},  // another district of Cà Mau
       }) {
    absl::StatusOr<bool> contains = Before().ContainsOrEquals(ancestor, code);
    ASSERT_OK(contains);
    EXPECT_EQ(*contains, expected) << ancestor << " ⊇ " << code;
  }
  absl::StatusOr<bool> after = After().ContainsOrEquals("96", "32044");
  ASSERT_OK(after);
  EXPECT_TRUE(*after);
  ExpectNotAUnit(After().ContainsOrEquals("966", "32044").status(),
                 "area 966 is not a unit of set 2025-07");
  ExpectNotAUnit(Before().ContainsOrEquals("96", "99999").status(),
                 "area 99999 is not a unit of set 2025-03");
}

TEST(AreaCatalogTest, GivenACodeOutsideTheSetWhenLookedUpThenTheErrorNamesCodeAndSet) {
  EXPECT_EQ(Before().Find("99999"), nullptr);
  ExpectNotAUnit(Before().Lookup("99999").status(), "area 99999 is not a unit of set 2025-03");
  ExpectNotAUnit(Before().ChainToProvince("99999").status(),
                 "area 99999 is not a unit of set 2025-03");
  ExpectNotAUnit(Before().ChildrenOf("99999").status(), "area 99999 is not a unit of set 2025-03");
  ExpectNotAUnit(Before().CommunesOf("99999").status(), "area 99999 is not a unit of set 2025-03");
  // A commune merged away in the reform is no unit of the new set.
  ExpectNotAUnit(After().Lookup("32048").status(), "area 32048 is not a unit of set 2025-07");
  EXPECT_EQ(After().Find(""), nullptr);
}

TEST(AreaCatalogTest, GivenEveryProvinceWhenCollectingCommunesThenEachCommuneIsFoundOnce) {
  for (const AreaCatalog* catalog : {&Before(), &After()}) {
    size_t total = 0;
    for (const AreaUnit* province : catalog->Provinces()) {
      absl::StatusOr<std::vector<const AreaUnit*>> communes = catalog->CommunesOf(province->code);
      ASSERT_OK(communes);
      for (const AreaUnit* commune : *communes) {
        absl::StatusOr<bool> inside = catalog->ContainsOrEquals(province->code, commune->code);
        ASSERT_OK(inside);
        EXPECT_TRUE(*inside);
      }
      total += communes->size();
    }
    EXPECT_EQ(total, catalog->CountAtLevel(AreaLevel::kCommune));
  }
  absl::StatusOr<std::vector<const AreaUnit*>> ca_mau_before = Before().CommunesOf("96");
  absl::StatusOr<std::vector<const AreaUnit*>> ca_mau_after = After().CommunesOf("96");
  ASSERT_OK(ca_mau_before);
  ASSERT_OK(ca_mau_after);
  EXPECT_EQ(ca_mau_before->size(), 100u);
  EXPECT_EQ(ca_mau_after->size(), 64u);  // Cà Mau absorbed Bạc Liêu
  absl::StatusOr<std::vector<const AreaUnit*>> districts = Before().ChildrenOf("96");
  ASSERT_OK(districts);
  EXPECT_EQ(districts->size(), 9u);
}

TEST(AreaCatalogTest, GivenTheThreeLevelSetWhenLookingForEmptyDistrictsThenOnlyTheFiveIslands) {
  std::vector<std::string> empty;
  for (const AreaUnit& unit : Before().units()) {
    if (unit.level != AreaLevel::kDistrict) continue;
    absl::StatusOr<std::vector<const AreaUnit*>> communes = Before().CommunesOf(unit.code);
    ASSERT_OK(communes);
    if (communes->empty()) empty.push_back(unit.code);
  }
  // Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo: an area there is the district itself.
  EXPECT_EQ(empty, (std::vector<std::string>{"318", "471", "498", "536", "755"}));
  ASSERT_NE(Before().Find("755"), nullptr);
  EXPECT_EQ(Before().Find("755")->name, "Huyện Côn Đảo");
}

TEST(AreaCatalogTest, GivenManyThreadsWhenAskingForTheReferenceThenAllGetTheSameCatalogue) {
  std::vector<const AreaCatalog*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&seen, t] {
      const UnitSet set = t % 2 == 0 ? UnitSet::k2025_03 : UnitSet::k2025_07;
      seen[t] = &AreaCatalog::Reference(set);
      EXPECT_NE(seen[t]->Find("32044"), nullptr);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < seen.size(); ++t) EXPECT_EQ(seen[t], seen[t % 2]);
  EXPECT_NE(seen[0], seen[1]);
}

TEST(AreaCatalogTest, GivenASmallListWhenParsedThenItsLookupsWork) {
  absl::StatusOr<AreaCatalog> catalog = AreaCatalog::Parse(
      UnitSet::k2025_07,
      "code,level,name,parent_code\r\n00001,commune,Phường A,01\r\n01,province,Tỉnh X,\r\n");
  ASSERT_OK(catalog);  // a parent may come after its child
  absl::StatusOr<std::vector<const AreaUnit*>> chain = catalog->ChainToProvince("00001");
  ASSERT_OK(chain);
  EXPECT_EQ(Codes(*chain), (std::vector<std::string>{"00001", "01"}));
  EXPECT_EQ((*chain)[0]->name, "Phường A");
  ExpectNotAUnit(catalog->Lookup("02").status(), "area 02 is not a unit of set 2025-07");
}

TEST(AreaCatalogTest, GivenMalformedListsWhenParsedThenTheErrorNamesSetAndLine) {
  const std::string header = "code,level,name,parent_code\n";
  const std::vector<std::tuple<UnitSet, std::string, std::string>> cases = {
      {UnitSet::k2025_03, "code,name\n01,province,A,\n",
       "unit list 2025-03, line 1: the header must be code,level,name,parent_code"},
      {UnitSet::k2025_03, header + "01,province,A\n",
       "unit list 2025-03, line 2: expected 4 fields, got 3"},
      {UnitSet::k2025_03, header + "0A,province,A,\n",
       "unit list 2025-03, line 2: code \"0A\" must be digits"},
      {UnitSet::k2025_03, header + "01,town,A,\n",
       "unit list 2025-03, line 2: level \"town\" must be province, district or commune"},
      {UnitSet::k2025_07, header + "01,province,A,\n001,district,B,01\n",
       "unit list 2025-07, line 3: district 001: set 2025-07 has no district level"},
      {UnitSet::k2025_03, header + "01,province,A,02\n",
       "unit list 2025-03, line 2: province 01 has a parent"},
      {UnitSet::k2025_03, header + "01,province,A,\n001,district,B,\n",
       "unit list 2025-03, line 3: 001 has no parent"},
      {UnitSet::k2025_03, header + "01,province,A,\n01,province,B,\n",
       "unit list 2025-03, line 3: code 01 appears twice"},
      {UnitSet::k2025_03, header + "01,province,A,\n00001,commune,C,01\n",
       "unit list 2025-03, line 3: the parent of commune 00001 must be a district of the list, "
       "got 01"},
      {UnitSet::k2025_07, header + "01,province,A,\n00001,commune,C,02\n",
       "unit list 2025-07, line 3: the parent of commune 00001 must be a province of the list, "
       "got 02"},
      {UnitSet::k2025_03, header + "01,province,,\n", "unit list 2025-03, line 2: 01 has no name"},
      {UnitSet::k2025_03, header + "01,province,\"A,\n",
       "unit list 2025-03, line 2: a quote that is never closed"},
  };
  for (const auto& [set, csv, message] : cases) {
    absl::StatusOr<AreaCatalog> catalog = AreaCatalog::Parse(set, csv);
    EXPECT_EQ(catalog.status().code(), absl::StatusCode::kInvalidArgument) << csv;
    EXPECT_EQ(catalog.status().message(), message);
  }
}

}  // namespace
}  // namespace coop::domain::areas
