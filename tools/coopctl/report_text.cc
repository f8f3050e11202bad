#include "tools/coopctl/report_text.h"

#include <cctype>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/coopctl/command_catalog.h"
#include "tools/coopctl/statistics_sheet.h"
#include "tools/coopctl/text_table.h"

namespace coop::coopctl {
namespace {

using coop::v1::StatisticFigure;

std::string Label(const StatisticFigure& figure) {
  return figure.label().empty() ? figure.name() : figure.label();
}

std::string Percent(double percent) { return absl::StrFormat("%.1f%%", percent); }

// The value cell and the note after it.
std::pair<std::string, std::string> ValueCells(const StatisticFigure& figure) {
  if (!figure.is_percent()) return {Thousands(figure.value()), ""};
  return {Percent(figure.percent()), absl::StrCat("(", Thousands(figure.value()), " of ",
                                                  Thousands(figure.denominator()), ")")};
}

// Formula-safe and quoted (statistics_sheet.h).
std::string CsvField(const std::string& text) { return CsvCell(text); }

std::string CsvLine(const std::string& name, const std::string& label,
                    const StatisticFigure& figure) {
  return absl::StrCat(CsvField(name), ",", CsvField(label), ",", figure.value(), ",",
                      figure.is_percent() ? absl::StrFormat("%.1f", figure.percent()) : "", "\n");
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string Position(uint64_t position) { return absl::StrCat("log position ", position); }

}  // namespace

std::string AreaText(const coop::v1::Area& area) {
  if (area.code().empty()) return "the nation";
  if (area.unit_set().empty()) return area.code();
  return absl::StrCat(area.code(), " (", area.unit_set(), ")");
}

std::string EnumText(const google::protobuf::EnumValueDescriptor* value) {
  if (value == nullptr) return "unknown";
  std::string name = value->name();
  const std::string prefix = UpperSnakeCase(value->type()->name()) + "_";
  if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size()) name = name.substr(prefix.size());
  for (char& c : name) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string FormatStatisticsTable(const coop::v1::AnnualStatisticsReply& reply) {
  const std::string area = reply.area_name().empty()
                               ? AreaText(reply.area())
                               : absl::StrCat(reply.area_name(), ", ", AreaText(reply.area()));
  std::string out = absl::StrCat("Annual statistics ", reply.year(), ": ", area, "\n");
  absl::StrAppend(&out, "period ", reply.period_from(), " to ", reply.period_to(), ", ",
                  Position(reply.position()), ", ", reply.source(), "\n\n");
  TextTable table({TextTable::kLeft, TextTable::kRight, TextTable::kLeft});
  for (const auto& figure : reply.figures()) {
    auto [value, note] = ValueCells(figure);
    table.AddRow({Label(figure), value, note});
  }
  for (const auto& bucket : reply.unassigned()) {
    table.AddLine("");
    table.AddLine(absl::StrCat("Unassigned: ", bucket.old_code(),
                               bucket.old_name().empty() ? "" : " ", bucket.old_name(),
                               ", split between ", absl::StrJoin(bucket.candidate_codes(), ", ")));
    for (const auto& figure : bucket.figures()) {
      auto [value, note] = ValueCells(figure);
      table.AddRow({absl::StrCat("  ", Label(figure)), value, note});
    }
  }
  if (table.empty()) return absl::StrCat(out, "(no figures)\n");
  return absl::StrCat(out, table.Render());
}

std::string FormatStatisticsCsv(const coop::v1::AnnualStatisticsReply& reply) {
  std::string out = "name,label,value,percent\n";
  for (const auto& figure : reply.figures()) {
    absl::StrAppend(&out, CsvLine(figure.name(), Label(figure), figure));
  }
  for (const auto& bucket : reply.unassigned()) {
    for (const auto& figure : bucket.figures()) {
      std::string where = bucket.old_code();
      if (!bucket.old_name().empty()) absl::StrAppend(&where, " ", bucket.old_name());
      absl::StrAppend(&out,
                      CsvLine(absl::StrCat("unassigned.", bucket.old_code(), ".", figure.name()),
                              absl::StrCat(Label(figure), " (unassigned: ", where, ")"), figure));
    }
  }
  return out;
}

std::string FormatExplanation(const coop::v1::ExplainStatisticReply& reply) {
  const auto& figure = reply.figure();
  auto [value, note] = ValueCells(figure);
  std::string out = absl::StrCat(Label(figure), " (", figure.name(), ") = ", value,
                                 note.empty() ? "" : "  ", note, "\n");
  if (reply.events().empty()) return absl::StrCat(out, "no events\n");
  TextTable table(
      {TextTable::kRight, TextTable::kLeft, TextTable::kLeft, TextTable::kRight, TextTable::kLeft});
  for (const auto& event : reply.events()) {
    table.AddRow({absl::StrCat("#", event.position()),
                  event.occurred_on().empty() ? "-" : event.occurred_on(), event.stream_id(),
                  absl::StrCat(event.contribution() > 0 ? "+" : "", event.contribution()),
                  event.line().empty() ? event.type() : event.line()});
  }
  absl::StrAppend(&out, table.Render());
  if (reply.truncated()) {
    absl::StrAppend(&out, "... truncated after ", reply.events_size(),
                    " events (raise --limit to see more)\n");
  }
  return out;
}

std::string FormatPlanProgress(const coop::v1::PlanProgressReply& reply) {
  std::string out = absl::StrCat("Plan ", reply.year(), ": ", AreaText(reply.area()));
  if (!reply.decision().empty()) absl::StrAppend(&out, ", decision ", reply.decision());
  absl::StrAppend(&out, ", ", Position(reply.position()), "\n\n");
  if (reply.targets().empty()) return absl::StrCat(out, "no targets\n");
  TextTable table({TextTable::kLeft, TextTable::kRight, TextTable::kRight, TextTable::kLeft});
  table.AddRow({"indicator", "target", "actual", ""});
  int met = 0;
  for (const auto& target : reply.targets()) {
    const std::string comparison = target.comparison() == coop::v1::EQUAL ? "= " : "≥ ";
    std::string indicator =
        !target.label().empty()
            ? target.label()
            : Capitalised(EnumText(
                  coop::v1::PlanIndicator_descriptor()->FindValueByNumber(target.indicator())));
    if (target.per_commune()) absl::StrAppend(&indicator, " (per commune)");
    table.AddRow({indicator, comparison + Thousands(target.target()), Thousands(target.actual()),
                  target.met() ? "met" : "not met"});
    if (target.met()) ++met;
  }
  absl::StrAppend(&out, table.Render(), "\n", met, " of ", reply.targets_size(),
                  reply.targets_size() == 1 ? " target met\n" : " targets met\n");
  return out;
}

std::string FormatComplianceIssues(const coop::v1::ComplianceIssuesReply& reply) {
  TextTable table;
  for (const auto& issue : reply.issues()) {
    table.AddRow(
        {issue.code(), issue.name(), AreaText(issue.address()),
         EnumText(coop::v1::ComplianceIssueKind_descriptor()->FindValueByNumber(issue.kind())),
         issue.position() == 0 ? "-" : absl::StrCat("#", issue.position()), issue.detail()});
  }
  std::string out = table.Render();
  absl::StrAppend(&out, reply.issues_size(), reply.issues_size() == 1 ? " issue" : " issues", ", ",
                  Position(reply.position()), "\n");
  return out;
}

std::string FormatOcopProducts(const coop::v1::ListOcopProductsReply& reply) {
  TextTable table({TextTable::kLeft, TextTable::kRight});
  for (const auto& product : reply.products()) {
    table.AddRow(
        {absl::StrCat(product.stars(), "★"), absl::StrFormat("%.1f", product.score()),
         product.product_name(), absl::StrCat("product ", product.product_id()),
         absl::StrCat("cooperative ", product.cooperative_id()), AreaText(product.area()),
         absl::StrCat(
             "rated ", product.rated_on(), " (",
             EnumText(coop::v1::OcopLevel_descriptor()->FindValueByNumber(product.level())),
             product.decision().empty() ? "" : absl::StrCat(", ", product.decision()), ")"),
         absl::StrCat("expires ", product.expires_on())});
  }
  return absl::StrCat(table.Render(), "3★: ", reply.three_stars(), "  4★: ", reply.four_stars(),
                      "  5★: ", reply.five_stars(), "  (", reply.products_size(),
                      reply.products_size() == 1 ? " product, " : " products, ",
                      Position(reply.position()), ")\n");
}

std::string FormatCriterion13(const coop::v1::Criterion13Reply& reply) {
  TextTable table;
  for (const auto& commune : reply.communes()) {
    table.AddRow({commune.commune().code(), commune.name(), commune.met() ? "met" : "not met",
                  absl::StrJoin(commune.cooperative_ids(), ", ")});
  }
  std::string out = table.Render();
  absl::StrAppend(&out, reply.communes_met(), " of ", reply.communes_total(),
                  reply.communes_total() == 1 ? " commune meets" : " communes meet",
                  " criterion 13",
                  reply.rule().empty() ? "" : absl::StrCat(" (", reply.rule(), ")"), ", ",
                  Position(reply.position()), "\n");
  return out;
}

}  // namespace coop::coopctl
