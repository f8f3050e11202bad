// The statistics of an annual report (docs/domain.md#annual-statistics): each one's stable
// name, its label in Vietnamese and English, and how it adds up.
//
//   kStock   a state at the end of the period ("HTX at end of Y"): an entity gives a value for
//            every year from its first to the end of time (the last value stands)
//   kFlow    something that happened in the period ("HTX founded in Y")
//   kPercent a share computed from other figures at each level, never summed
//   kCommunes a count of communes meeting a condition, computed again at each level
//
// Stocks and flows are additive: every entity gives its share to exactly one area per year
// (see entity_figures.h), so sums over communes equal the district's figure, and distinct
// counts ("cooperatives inspected") stay distinct when summed.
//
// Immutable tables; thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_STATISTIC_CATALOG_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_STATISTIC_CATALOG_H_

#include <string>
#include <string_view>
#include <vector>

#include "domain/text/language.h"

namespace coop::projections::statistics {

enum class StatisticKind { kStock, kFlow, kPercent, kCommunes };

struct StatisticDef {
  std::string name;
  std::string label_vi;  // for people, in Vietnamese
  std::string label_en;  // and in English
  const std::string& Label(domain::text::Language language) const {
    return language == domain::text::Language::kEnglish ? label_en : label_vi;
  }
  StatisticKind kind = StatisticKind::kFlow;
  // kPercent: value = sum of `numerators`, denominator = `denominator`.
  std::vector<std::string> numerators;
  std::string denominator;
};

// Every statistic, in report order.
const std::vector<StatisticDef>& Statistics();
// nullptr for an unknown name.
const StatisticDef* FindStatistic(std::string_view name);
// A statistic's place in Statistics() (-1 for an unknown name). The annual_statistics
// projection stores totals in this order (coop.v1.FigureVector).
int StatisticIndex(std::string_view name);
bool IsStock(std::string_view name);

// Names used by the figure functions (the catalogue has the rest: per kind, type, source).
namespace names {
inline constexpr char kCooperatives[] = "cooperatives";
inline constexpr char kCooperativesSuspended[] = "cooperatives.suspended";
inline constexpr char kCooperativesDissolving[] = "cooperatives.dissolving";
inline constexpr char kUnions[] = "unions";
inline constexpr char kGroups[] = "groups";
inline constexpr char kMembers[] = "members";
inline constexpr char kMembersOfficial[] = "members.official";
inline constexpr char kGroupMembers[] = "group_members";
inline constexpr char kWorkers[] = "workers.regular";
inline constexpr char kWorkersMembers[] = "workers.members";
inline constexpr char kCharterCapital[] = "charter_capital_vnd";
inline constexpr char kNewCooperatives[] = "new.cooperatives";
inline constexpr char kNewCooperativesNew[] = "new.cooperatives.new";
inline constexpr char kNewCooperativesConverted[] = "new.cooperatives.converted";
inline constexpr char kNewCooperativesReorganised[] = "new.cooperatives.reorganisation";
inline constexpr char kNewUnions[] = "new.unions";
inline constexpr char kNewGroups[] = "new.groups";
inline constexpr char kNewGroupsFromHalls[] = "new.groups.from_hall";
inline constexpr char kEndedDissolved[] = "ended.cooperatives.dissolved";
inline constexpr char kEndedCeased[] = "ended.cooperatives.ceased";
inline constexpr char kEndedBankrupt[] = "ended.cooperatives.bankrupt";
inline constexpr char kEndedUnions[] = "ended.unions";
inline constexpr char kEndedGroupsTerminated[] = "ended.groups.terminated";
inline constexpr char kEndedGroupsConverted[] = "ended.groups.converted";
inline constexpr char kInspections[] = "inspections";
inline constexpr char kInspectedCooperatives[] = "inspections.cooperatives";
inline constexpr char kOcopEnrolled[] = "ocop.enrolled";
inline constexpr char kOcopNotRecognised[] = "ocop.rated.not_recognised";
inline constexpr char kOcopCooperatives[] = "ocop.cooperatives";
inline constexpr char kTradeFairAttendances[] = "trade_fairs.attendances";
inline constexpr char kTradeFairCooperatives[] = "trade_fairs.cooperatives";
inline constexpr char kGrants[] = "grants.count";
inline constexpr char kGrantsVnd[] = "grants.vnd";
inline constexpr char kGraduatesStarted[] = "graduates.started";
inline constexpr char kGraduatesActive[] = "graduates.active";
inline constexpr char kModelDesignated[] = "model_cooperatives.designated";
inline constexpr char kModelTotal[] = "model_cooperatives.total";
inline constexpr char kHallsFounded[] = "halls.founded";
inline constexpr char kHalls[] = "halls";
inline constexpr char kRatingsGood[] = "ratings.good";
inline constexpr char kRatingsFair[] = "ratings.fair";
inline constexpr char kRatingsAverage[] = "ratings.average";
inline constexpr char kRatingsWeak[] = "ratings.weak";
inline constexpr char kRated[] = "ratings.rated";
inline constexpr char kNotRated[] = "ratings.not_rated";
inline constexpr char kGoodOrFairShare[] = "ratings.good_or_fair_share";
inline constexpr char kNoAnnualReport[] = "compliance.no_annual_report";
inline constexpr char kNoAnnualMeeting[] = "compliance.no_annual_meeting";
inline constexpr char kCriterion13[] = "criterion13.communes";
inline constexpr char kClasses[] = "classes.count";
inline constexpr char kClassParticipants[] = "classes.participants";
inline constexpr char kOcopRecognised[] = "ocop.rated.recognised";
}  // namespace names

// "classes.<kind>.count" / ".participants"; kind as ClassKindKey.
std::string ClassStatistic(int class_kind, bool participants);
// "ocop.rated.<stars>" (stars 3–5), "ocop.valid.<stars>".
std::string OcopRatedStatistic(int stars);
std::string OcopValidStatistic(int stars);
// "grants.type.<type>.count|vnd", "grants.source.<source>.count|vnd".
std::string GrantTypeStatistic(int support_type, bool vnd);
std::string GrantSourceStatistic(int funding_source, bool vnd);

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_STATISTIC_CATALOG_H_
