// The annual report's paragraphs, written from an area's figures, the hội quán founded in the
// period and next year's plan, in Vietnamese or English (docs/reports.md: each clause, the
// figures it takes, and when it is left out). Numbers are written by domain/text's rules and
// each is a segment that names its statistic, so a client can link it to ExplainStatistic.
//
// Pure; thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_ANNUAL_REPORT_TEXT_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_ANNUAL_REPORT_TEXT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/plan_events.pb.h"
#include "coop/v1/reporting.pb.h"
#include "domain/text/language.h"

namespace coop::projections::statistics {

struct AnnualReportFacts {
  domain::text::Language language = domain::text::Language::kVietnamese;
  int year = 0;
  bool reporting_year = false;  // the official reporting year, not the calendar year
  absl::CivilDay period_from;   // the period's first and last days
  absl::CivilDay period_to;
  std::string area_in_text;                // "huyện U Minh"; empty for the nation
  std::map<std::string, int64_t> figures;  // statistic name → value
  // The hội quán founded in the period and counted in the area: hamlet and commune (in text).
  struct Hall {
    std::string hamlet;
    std::string commune_in_text;
  };
  std::vector<Hall> halls;
  // Next year's plan for the area; none when it has no plan.
  struct Target {
    coop::v1::PlanIndicator indicator = coop::v1::PLAN_INDICATOR_UNSPECIFIED;
    coop::v1::TargetComparison comparison = coop::v1::AT_LEAST;
    int64_t value = 0;  // as set: per commune when per_commune
    bool per_commune = false;
    int64_t total = 0;  // for the area: value × its communes when per_commune
  };
  std::vector<Target> targets;
  std::string commune_kinds;  // "xã, thị trấn" / "commune": the area's kinds of commune
};

// What the area had at the period's end and did during it.
coop::v1::ReportParagraph YearParagraph(const AnnualReportFacts& facts);

// Next year's targets; an empty paragraph when there are none.
coop::v1::ReportParagraph TargetsParagraph(const AnnualReportFacts& facts);

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_ANNUAL_REPORT_TEXT_H_
