// Every statistic, and every plan indicator the reports name, reads in Vietnamese and in
// English; the per-kind statistics cover every value of their enums. Pure; no I/O.
#include "projections/statistics/statistic_catalog.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/plan_events.pb.h"
#include "domain/text/plan_words.h"
#include "projections/statistics/annual_statistics_projection.h"

namespace coop::projections::statistics {
namespace {

using domain::text::Language;

TEST(StatisticCatalogTest, EveryStatisticHasAVietnameseAndAnEnglishLabel) {
  std::set<std::string> names;
  for (const auto& def : Statistics()) {
    EXPECT_TRUE(names.insert(def.name).second) << "twice: " << def.name;
    EXPECT_FALSE(def.label_vi.empty()) << def.name;
    EXPECT_FALSE(def.label_en.empty()) << def.name;
    EXPECT_NE(def.label_vi, def.label_en) << def.name << ": the Vietnamese label is English";
    EXPECT_EQ(def.Label(Language::kVietnamese), def.label_vi);
    EXPECT_EQ(def.Label(Language::kEnglish), def.label_en);
  }
}

// Labels built from parts ("nguồn " + a funding source) must not stutter: "nguồn nguồn khác".
TEST(StatisticCatalogTest, NoLabelRepeatsAWord) {
  for (const auto& def : Statistics()) {
    for (const std::string& label : {def.label_vi, def.label_en}) {
      const std::vector<std::string> words = absl::StrSplit(label, ' ', absl::SkipEmpty());
      for (size_t i = 1; i < words.size(); ++i) {
        EXPECT_NE(words[i], words[i - 1]) << def.name << ": \"" << label << "\"";
      }
    }
  }
}

TEST(StatisticCatalogTest, EveryClassKindSupportTypeAndFundingSourceHasItsStatistics) {
  for (int kind = coop::v1::ClassKind_MIN + 1; kind <= coop::v1::ClassKind_MAX; ++kind) {
    EXPECT_NE(FindStatistic(ClassStatistic(kind, false)), nullptr) << kind;
    EXPECT_NE(FindStatistic(ClassStatistic(kind, true)), nullptr) << kind;
  }
  for (int type = coop::v1::SupportType_MIN + 1; type <= coop::v1::SupportType_MAX; ++type) {
    EXPECT_NE(FindStatistic(GrantTypeStatistic(type, false)), nullptr) << type;
    EXPECT_NE(FindStatistic(GrantTypeStatistic(type, true)), nullptr) << type;
  }
  for (int source = coop::v1::FundingSource_MIN + 1; source <= coop::v1::FundingSource_MAX;
       ++source) {
    EXPECT_NE(FindStatistic(GrantSourceStatistic(source, false)), nullptr) << source;
    EXPECT_NE(FindStatistic(GrantSourceStatistic(source, true)), nullptr) << source;
  }
}

TEST(StatisticCatalogTest, EveryPlanIndicatorReadsInBothLanguages) {
  const auto* indicators = coop::v1::PlanIndicator_descriptor();
  for (int i = 0; i < indicators->value_count(); ++i) {
    const auto value = static_cast<coop::v1::PlanIndicator>(indicators->value(i)->number());
    if (value == coop::v1::PLAN_INDICATOR_UNSPECIFIED) continue;
    const auto* words = domain::text::WordsOf(value);
    ASSERT_NE(words, nullptr) << indicators->value(i)->name();
    EXPECT_NE(std::string(words->label.vi), "") << indicators->value(i)->name();
    EXPECT_NE(std::string(words->label.en), "") << indicators->value(i)->name();
    EXPECT_NE(std::string(words->vi.unit), "") << indicators->value(i)->name();
    EXPECT_NE(std::string(words->en.unit), "") << indicators->value(i)->name();
  }
}

}  // namespace
}  // namespace coop::projections::statistics

namespace coop::projections::statistics {
namespace {

// FNV-1a over the catalogue's names in order, each followed by a newline.
uint64_t CatalogueFingerprint() {
  uint64_t hash = 14695981039346656037ull;
  for (const auto& def : Statistics()) {
    for (const char c : def.name + "\n") {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
  }
  return hash;
}

TEST(StatisticCatalogTest, TheTotalsRowFormatIsPinnedToTheCatalogueOrder) {
  // The annual_statistics projection stores totals by catalogue index (coop.v1.FigureVector).
  // If this fails, the catalogue changed: bump AnnualStatisticsProjection::version() (the rows
  // are rebuilt) and set kCatalogueFingerprint to the value printed here.
  EXPECT_EQ(CatalogueFingerprint(), AnnualStatisticsProjection::kCatalogueFingerprint)
      << "catalogue fingerprint " << CatalogueFingerprint();
}

TEST(StatisticCatalogTest, StatisticIndexIsThePlaceInTheCatalogue) {
  const auto& catalogue = Statistics();
  for (size_t i = 0; i < catalogue.size(); ++i) {
    EXPECT_EQ(StatisticIndex(catalogue[i].name), static_cast<int>(i)) << catalogue[i].name;
  }
  EXPECT_EQ(StatisticIndex("no.such.statistic"), -1);
}

}  // namespace
}  // namespace coop::projections::statistics
