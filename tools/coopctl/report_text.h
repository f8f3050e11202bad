// The human-readable (and CSV) text of the reporting replies: annual statistics, the events
// behind a figure, plan progress, compliance issues, OCOP products and criterion 13, in the
// language of --lang: the server's labels and names framed by coopctl's own words
// and numbers and dates written the language's way (cli_words.h).
// Pure functions of the reply, so tests compare their exact text; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_REPORT_TEXT_H_
#define COOPLEDGER_TOOLS_COOPCTL_REPORT_TEXT_H_

#include <string>

#include "coop/v1/reporting.pb.h"
#include "tools/coopctl/cli_words.h"

namespace coop::coopctl {

// A header (area name and code, year, period, log position, source), then one aligned line
// per figure: label, value (digits grouped), and for a percentage "62,5%  (5 trên 8)" /
// "62.5%  (5 of 8)". Unassigned buckets follow, each with its old commune, candidates and
// figures.
std::string FormatStatisticsTable(const coop::v1::AnnualStatisticsReply& reply, Language language);
// A header ("mã,chỉ tiêu,giá trị,tỷ lệ (%)" / "name,label,value,percent") and one line per
// figure (RFC 4180 quoting; numbers as machines read them: no grouping, percent empty unless a
// percentage, else one decimal after "."). Unassigned figures are named
// "unassigned.<old code>.<name>" and labelled "<label> (chưa phân bổ: <old code> <old name>)".
std::string FormatStatisticsCsv(const coop::v1::AnnualStatisticsReply& reply, Language language);
// The figure, then one line per event: position, date, stream, contribution, line.
std::string FormatExplanation(const coop::v1::ExplainStatisticReply& reply, Language language);
// Target against actual per indicator, "đạt" / "chưa đạt", and how many were met.
std::string FormatPlanProgress(const coop::v1::PlanProgressReply& reply, Language language);
std::string FormatComplianceIssues(const coop::v1::ComplianceIssuesReply& reply, Language language);
std::string FormatOcopProducts(const coop::v1::ListOcopProductsReply& reply, Language language);
std::string FormatCriterion13(const coop::v1::Criterion13Reply& reply, Language language);

// "32059 (2025-03)", "32059", or "cả nước" / "the nation" for an empty code.
std::string AreaText(const coop::v1::Area& area, Language language);
// PlanIndicator NEW_COOPERATIVES -> "new cooperatives" (enum names in words).
std::string EnumText(const google::protobuf::EnumValueDescriptor* value);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_REPORT_TEXT_H_
