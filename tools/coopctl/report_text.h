// The human-readable (and CSV) text of the reporting replies: annual statistics, the events
// behind a figure, plan progress, compliance issues, OCOP products and criterion 13. Pure
// functions of the reply, so tests compare their exact text; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_REPORT_TEXT_H_
#define COOPLEDGER_TOOLS_COOPCTL_REPORT_TEXT_H_

#include <string>

#include "coop/v1/reporting.pb.h"

namespace coop::coopctl {

// A header (area name and code, year, period, log position, source), then one aligned line
// per figure: label, value (thousands separated), and for a percentage "62.5%  (5 of 8)".
// Unassigned buckets follow, each with its old commune, candidates and figures.
std::string FormatStatisticsTable(const coop::v1::AnnualStatisticsReply& reply);
// "name,label,value,percent" and one line per figure (RFC 4180 quoting; percent empty unless
// a percentage, else one decimal). Unassigned figures are named
// "unassigned.<old code>.<name>" and labelled "<label> (unassigned: <old code> <old name>)".
std::string FormatStatisticsCsv(const coop::v1::AnnualStatisticsReply& reply);
// The figure, then one line per event: position, date, stream, contribution, line.
std::string FormatExplanation(const coop::v1::ExplainStatisticReply& reply);
// Target against actual per indicator, "met" / "not met", and how many were met.
std::string FormatPlanProgress(const coop::v1::PlanProgressReply& reply);
std::string FormatComplianceIssues(const coop::v1::ComplianceIssuesReply& reply);
std::string FormatOcopProducts(const coop::v1::ListOcopProductsReply& reply);
std::string FormatCriterion13(const coop::v1::Criterion13Reply& reply);

// "32059 (2025-03)", "32059", or "the nation" for an empty code.
std::string AreaText(const coop::v1::Area& area);
// PlanIndicator NEW_COOPERATIVES -> "new cooperatives" (enum names in words).
std::string EnumText(const google::protobuf::EnumValueDescriptor* value);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_REPORT_TEXT_H_
