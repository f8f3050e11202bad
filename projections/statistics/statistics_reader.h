// StatisticsReader: answers coop.v1.Reporting's statistics queries from the rows of the
// annual_statistics projection (annual_statistics_projection.h).
//
// Two ways to an answer, from the same figure functions (entity_figures.h):
// - precomputed: the calendar year in the unit set in force at its end, as known now — a
//   range read of one area's total rows (stocks summed up to the year, flows of the year);
// - replayed: anything else (as_known_at, in_units, the reporting year) and ExplainStatistic —
//   the figures of every entity the area index names for the area (and for its predecessors
//   in the old units) are recomputed under the options and summed.
// Lists (compliance issues, criterion 13, plan progress) are computed per entity the same way.
//
// Errors: INVALID_ARGUMENT naming the field (year out of range, unknown unit set, a code
// that is not a unit of its set, an unknown statistic); NOT_FOUND for a plan that was never
// set; DATA_LOSS for an unreadable row.
//
// Thread-safety: const methods are thread-safe (each call uses its own area mapper). Make
// one reader per query: it reads one snapshot.
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_STATISTICS_READER_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_STATISTICS_READER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/reporting.pb.h"
#include "domain/areas/area_unit.h"
#include "domain/areas/unit_set.h"
#include "domain/programs/plan_state.h"
#include "domain/text/language.h"
#include "projections/projection_store.h"
#include "projections/statistics/area_mapper.h"
#include "projections/statistics/entity_figures.h"

namespace coop::projections::statistics {

// A validated StatisticsScope.
struct ResolvedScope {
  domain::areas::UnitSet unit_set = domain::areas::UnitSet::k2025_03;  // of the code
  std::string code;                                                    // kNation for the nation
  int year = 0;
  PeriodKind period = PeriodKind::kCalendarYear;
  Knowledge knowledge;
  bool precomputed = false;  // the precomputed totals can answer
  bool nation() const { return code == kNation; }
};
// `field`: how errors name the request's fields ("scope." in a StatisticsScope, "" where
// area and year are fields of the request itself).
absl::StatusOr<ResolvedScope> ResolveScope(const coop::v1::StatisticsScope& scope,
                                           const std::string& field = "scope.");

class StatisticsReader {
 public:
  // Reads the rows as committed when the reader is made (one snapshot for all its reads).
  explicit StatisticsReader(ProjectionStore* store)
      : store_(store), snapshot_(store->NewSnapshot()) {}

  // The log position the rows it reads reflect (the projection's checkpoint in its snapshot).
  absl::StatusOr<uint64_t> Position() const;

  // `position`: the projection's checkpoint, reported in the reply. Labels and the area's
  // name in `language`.
  absl::StatusOr<coop::v1::AnnualStatisticsReply> Annual(
      const coop::v1::StatisticsScope& scope, uint64_t position,
      domain::text::Language language = domain::text::Language::kVietnamese) const;
  // The annual report's paragraphs (statistics_report.cc, annual_report_text.h).
  absl::StatusOr<coop::v1::AnnualReportReply> AnnualReport(
      const coop::v1::AnnualReportRequest& request, uint64_t position) const;
  absl::StatusOr<coop::v1::ExplainStatisticReply> Explain(
      const coop::v1::ExplainStatisticRequest& request) const;
  // `now`: reports and meetings whose deadline is not past on this day (Vietnam time) are
  // not listed yet.
  absl::StatusOr<coop::v1::ComplianceIssuesReply> Compliance(
      const coop::v1::ComplianceIssuesRequest& request, absl::Time now = absl::Now()) const;
  absl::StatusOr<coop::v1::Criterion13Reply> Criterion13(
      const coop::v1::Criterion13Request& request) const;
  absl::StatusOr<coop::v1::PlanProgressReply> PlanProgress(
      const coop::v1::PlanProgressRequest& request) const;

 private:
  using Figures = std::map<std::string, int64_t>;
  struct Replayed {
    Figures figures;
    std::map<std::string, Figures> buckets;       // bucket code -> figures
    std::map<std::string, int64_t> good_or_fair;  // commune -> HTX rated Khá or better
    struct Kept {
      std::string entity_id;
      Contribution contribution;
      std::string commune;  // where it counts, if in a commune of the scope's unit set
    };
    std::vector<Kept> contributions;  // those to the statistics asked for
  };

  absl::StatusOr<Figures> Precomputed(domain::areas::UnitSet set, const std::string& code,
                                      int year) const;
  // Entity ids the area index names for the area (and its predecessors); `kind_prefix`
  // ("coop-", …) keeps only entities of that kind; every entity for the nation.
  absl::StatusOr<std::vector<std::string>> Candidates(const ResolvedScope& scope,
                                                      const std::string& kind_prefix) const;
  // An entity's events as the projection keeps them (hashes and metadata left out).
  absl::StatusOr<coop::v1::CooperativeRegistryStream> EntityStream(
      const std::string& entity_id) const;
  absl::StatusOr<std::vector<coop::v1::RecordedEvent>> EntityEvents(
      const std::string& entity_id) const;
  // The figures of the scope by replay; keep_statistic: also keep the contributions to it.
  absl::StatusOr<Replayed> Replay(const ResolvedScope& scope, const std::string& kind_prefix,
                                  const std::vector<std::string>& keep) const;
  absl::StatusOr<std::vector<std::string>> ScanKeys(const std::string& prefix) const;
  // The plan of `area` (its unit set given) for `year`, as its effective events leave it, from
  // the events `knowledge` admits (a report as known at a position reads the plan as known
  // then); nullopt when none was set. `decision`, if given, gets the latest decision's number.
  absl::StatusOr<std::optional<domain::PlanState>> Plan(const coop::v1::Area& area, int year,
                                                        const Knowledge& knowledge,
                                                        std::string* decision) const;

  ProjectionStore* const store_;
  const std::unique_ptr<ProjectionStore::Snapshot> snapshot_;
};

// The communes of a scope's area (every commune of the unit set for the nation).
std::vector<const domain::areas::AreaUnit*> CommunesOfScope(const ResolvedScope& scope);

// A plan target's value for the whole area: `value` times `communes` for a per-commune target
// (at least one commune), saturating; `value` otherwise.
int64_t AreaTarget(int64_t value, bool per_commune, size_t communes);

// Fills reply figures in catalogue order (percentages and criterion 13 computed here), labelled
// in `language`.
void FillFigures(const std::map<std::string, int64_t>& figures,
                 google::protobuf::RepeatedPtrField<coop::v1::StatisticFigure>* out,
                 domain::text::Language language = domain::text::Language::kVietnamese);

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_STATISTICS_READER_H_
