#include "projections/statistics/statistic_catalog.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/grant_events.pb.h"

namespace coop::projections::statistics {
namespace {

std::string Lower(const std::string& text) { return absl::AsciiStrToLower(text); }

std::string ClassKey(int kind) {
  return Lower(coop::v1::ClassKind_Name(static_cast<coop::v1::ClassKind>(kind)));
}
std::string TypeKey(int type) {
  std::string name = coop::v1::SupportType_Name(static_cast<coop::v1::SupportType>(type));
  if (name.rfind("SUPPORT_", 0) == 0) name = name.substr(8);
  return Lower(name);
}
std::string SourceKey(int source) {
  std::string name = coop::v1::FundingSource_Name(static_cast<coop::v1::FundingSource>(source));
  if (name.rfind("FUNDING_", 0) == 0) name = name.substr(8);
  return Lower(name);
}

StatisticDef Def(std::string name, std::string label, StatisticKind kind) {
  StatisticDef def;
  def.name = std::move(name);
  def.label = std::move(label);
  def.kind = kind;
  return def;
}

std::vector<StatisticDef> Build() {
  using K = StatisticKind;
  namespace n = names;
  std::vector<StatisticDef> defs = {
      Def(n::kCooperatives, "HTX at the end of the period (not unions)", K::kStock),
      Def(n::kCooperativesSuspended, "  of which suspended", K::kStock),
      Def(n::kCooperativesDissolving, "  of which dissolving", K::kStock),
      Def(n::kUnions, "Unions (LHHTX) at the end of the period", K::kStock),
      Def(n::kGroups, "THT at the end of the period", K::kStock),
      Def(n::kHalls, "Hội quán at the end of the period", K::kStock),
      Def(n::kMembers, "HTX members", K::kStock),
      Def(n::kMembersOfficial, "  of which official members", K::kStock),
      Def(n::kGroupMembers, "THT members", K::kStock),
      Def(n::kWorkers, "Regular workers in HTX", K::kStock),
      Def(n::kWorkersMembers, "  of which members working regularly in the HTX", K::kStock),
      Def(n::kCharterCapital, "Charter capital of HTX, VND", K::kStock),
      Def(n::kNewCooperatives, "HTX founded in the period", K::kFlow),
      Def(n::kNewCooperativesNew, "  newly founded", K::kFlow),
      Def(n::kNewCooperativesConverted, "  converted from a THT", K::kFlow),
      Def(n::kNewCooperativesReorganised, "  from a reorganisation", K::kFlow),
      Def(n::kNewUnions, "Unions founded in the period", K::kFlow),
      Def(n::kNewGroups, "THT formed in the period", K::kFlow),
      Def(n::kNewGroupsFromHalls, "  of which formalised hội quán", K::kFlow),
      Def(n::kEndedDissolved, "HTX dissolved in the period", K::kFlow),
      Def(n::kEndedCeased, "HTX ceased by reorganisation in the period", K::kFlow),
      Def(n::kEndedBankrupt, "HTX declared bankrupt in the period", K::kFlow),
      Def(n::kEndedUnions, "Unions ended in the period", K::kFlow),
      Def(n::kEndedGroupsTerminated, "THT terminated in the period", K::kFlow),
      Def(n::kEndedGroupsConverted, "THT converted to HTX in the period", K::kFlow),
  };
  const std::vector<std::pair<int, std::string>> classes = {
      {coop::v1::STATE_MANAGEMENT_TRAINING, "State-management training classes"},
      {coop::v1::PROPAGANDA, "Propaganda classes"},
      {coop::v1::VOCATIONAL, "Vocational classes"},
      {coop::v1::MEMBER_MANAGER_TRAINING, "Manager and member training classes"}};
  defs.push_back(Def(n::kClasses, "Classes held (every kind)", K::kFlow));
  defs.push_back(Def(n::kClassParticipants, "  participants", K::kFlow));
  for (const auto& [kind, label] : classes) {
    defs.push_back(Def(ClassStatistic(kind, false), label, K::kFlow));
    defs.push_back(Def(ClassStatistic(kind, true), "  participants", K::kFlow));
  }
  defs.push_back(Def(n::kInspections, "Inspections held", K::kFlow));
  defs.push_back(Def(n::kInspectedCooperatives, "  distinct HTX inspected", K::kFlow));
  defs.push_back(Def(n::kOcopEnrolled, "OCOP products enrolled", K::kFlow));
  defs.push_back(
      Def(n::kOcopCooperatives, "  distinct HTX with OCOP products enrolled or rated", K::kFlow));
  for (int stars = 3; stars <= 5; ++stars) {
    defs.push_back(
        Def(OcopRatedStatistic(stars), absl::StrCat("OCOP products rated ", stars, "★"), K::kFlow));
  }
  defs.push_back(Def(n::kOcopRecognised, "OCOP products rated 3★ or more", K::kFlow));
  defs.push_back(Def(n::kOcopNotRecognised, "OCOP products rated below 50 points", K::kFlow));
  for (int stars = 3; stars <= 5; ++stars) {
    defs.push_back(Def(OcopValidStatistic(stars),
                       absl::StrCat("OCOP products valid at the end of the period, ", stars, "★"),
                       K::kStock));
  }
  defs.push_back(Def(n::kTradeFairAttendances, "Trade-fair attendances by HTX", K::kFlow));
  defs.push_back(Def(n::kTradeFairCooperatives, "  distinct HTX at trade fairs", K::kFlow));
  defs.push_back(Def(n::kGrants, "Support grants", K::kFlow));
  defs.push_back(Def(n::kGrantsVnd, "  amount, VND", K::kFlow));
  for (int type = coop::v1::SupportType_MIN + 1; type <= coop::v1::SupportType_MAX; ++type) {
    const std::string label = absl::StrCat("  ", TypeKey(type), " grants");
    defs.push_back(Def(GrantTypeStatistic(type, false), label, K::kFlow));
    defs.push_back(Def(GrantTypeStatistic(type, true), absl::StrCat(label, ", VND"), K::kFlow));
  }
  for (int source = coop::v1::FundingSource_MIN + 1; source <= coop::v1::FundingSource_MAX;
       ++source) {
    const std::string label = absl::StrCat("  funded by ", SourceKey(source));
    defs.push_back(Def(GrantSourceStatistic(source, false), label, K::kFlow));
    defs.push_back(Def(GrantSourceStatistic(source, true), absl::StrCat(label, ", VND"), K::kFlow));
  }
  defs.push_back(Def(n::kGraduatesStarted, "Young graduates placed in the period", K::kFlow));
  defs.push_back(
      Def(n::kGraduatesActive, "Young graduates working at the end of the period", K::kStock));
  defs.push_back(Def(n::kModelDesignated, "Model HTX designated in the period", K::kFlow));
  defs.push_back(Def(n::kModelTotal, "Model HTX at the end of the period", K::kStock));
  defs.push_back(Def(n::kHallsFounded, "Hội quán founded in the period", K::kFlow));
  defs.push_back(Def(n::kRatingsGood, "HTX rated Tốt for the year", K::kFlow));
  defs.push_back(Def(n::kRatingsFair, "HTX rated Khá for the year", K::kFlow));
  defs.push_back(Def(n::kRatingsAverage, "HTX rated Trung bình for the year", K::kFlow));
  defs.push_back(Def(n::kRatingsWeak, "HTX rated Yếu for the year", K::kFlow));
  defs.push_back(Def(n::kRated, "HTX rated for the year", K::kFlow));
  defs.push_back(Def(n::kNotRated, "HTX not rated (at least 12 months old)", K::kStock));
  StatisticDef share =
      Def(n::kGoodOrFairShare, "Share rated Khá or better, of those rated", K::kPercent);
  share.numerators = {n::kRatingsGood, n::kRatingsFair};
  share.denominator = n::kRated;
  defs.push_back(share);
  defs.push_back(
      Def(n::kNoAnnualReport, "HTX without an annual report by the deadline", K::kStock));
  defs.push_back(
      Def(n::kNoAnnualMeeting, "HTX without an annual meeting in the legal period", K::kStock));
  defs.push_back(Def(n::kCriterion13, "Communes meeting criterion 13 (an HTX rated Khá or better)",
                     K::kCommunes));
  return defs;
}

}  // namespace

const std::vector<StatisticDef>& Statistics() {
  static const auto* defs = new std::vector<StatisticDef>(Build());
  return *defs;
}

const StatisticDef* FindStatistic(std::string_view name) {
  static const auto* index = [] {
    auto* map = new absl::flat_hash_map<std::string, const StatisticDef*>();
    for (const auto& def : Statistics()) (*map)[def.name] = &def;
    return map;
  }();
  auto it = index->find(std::string(name));
  return it == index->end() ? nullptr : it->second;
}

bool IsStock(std::string_view name) {
  const StatisticDef* def = FindStatistic(name);
  return def != nullptr && def->kind == StatisticKind::kStock;
}

std::string ClassStatistic(int class_kind, bool participants) {
  return absl::StrCat("classes.", ClassKey(class_kind), participants ? ".participants" : ".count");
}
std::string OcopRatedStatistic(int stars) { return absl::StrCat("ocop.rated.", stars); }
std::string OcopValidStatistic(int stars) { return absl::StrCat("ocop.valid.", stars); }
std::string GrantTypeStatistic(int support_type, bool vnd) {
  return absl::StrCat("grants.type.", TypeKey(support_type), vnd ? ".vnd" : ".count");
}
std::string GrantSourceStatistic(int funding_source, bool vnd) {
  return absl::StrCat("grants.source.", SourceKey(funding_source), vnd ? ".vnd" : ".count");
}

}  // namespace coop::projections::statistics
