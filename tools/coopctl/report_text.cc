#include "tools/coopctl/report_text.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command_catalog.h"
#include "tools/coopctl/statistics_sheet.h"
#include "tools/coopctl/text_table.h"

namespace coop::coopctl {
namespace {

using coop::v1::StatisticFigure;

std::string Label(const StatisticFigure& figure) {
  return figure.label().empty() ? figure.name() : figure.label();
}

// The value cell and the note after it.
std::pair<std::string, std::string> ValueCells(const StatisticFigure& figure, Language language) {
  if (!figure.is_percent()) return {CountText(figure.value(), language), ""};
  return {PercentText(figure.percent(), language),
          absl::StrCat("(", CountText(figure.value(), language), Say(language, " trên ", " of "),
                       CountText(figure.denominator(), language), ")")};
}

// Where the figures come from: the projection's rows or a replay of the events.
std::string SourceWords(const std::string& source, Language language) {
  if (language == Language::kEnglish) return source;
  if (source == "precomputed") return "số liệu tính sẵn";
  if (source == "replayed") return "tính lại từ các sự kiện";
  return source;
}

const char* MetWords(bool met, Language language) {
  return met ? Say(language, "đạt", "met") : Say(language, "chưa đạt", "not met");
}

// Which level rated an OCOP product, in words.
std::string OcopLevelText(int level, Language language) {
  switch (level) {
    case coop::v1::OCOP_LEVEL_DISTRICT:
      return Say(language, "cấp huyện", "district");
    case coop::v1::OCOP_LEVEL_PROVINCE:
      return Say(language, "cấp tỉnh", "province");
    case coop::v1::OCOP_LEVEL_CENTRAL:
      return Say(language, "cấp trung ương", "central");
    default:
      return EnumText(coop::v1::OcopLevel_descriptor()->FindValueByNumber(level));
  }
}

// What a compliance issue is, in words.
std::string IssueKindText(coop::v1::ComplianceIssueKind kind, Language language) {
  switch (kind) {
    case coop::v1::NO_ANNUAL_REPORT:
      return Say(language, "chưa nộp báo cáo năm", "no annual report");
    case coop::v1::NO_ANNUAL_MEETING:
      return Say(language, "chưa tổ chức đại hội thường niên", "no annual meeting");
    case coop::v1::RATED_WEAK:
      return Say(language, "xếp loại yếu", "rated weak");
    case coop::v1::NON_COMPLIANT_NOT_FOLLOWED_UP:
      return Say(language, "vi phạm qua kiểm tra chưa khắc phục", "non compliant not followed up");
    case coop::v1::REVOCATION_GROUNDS:
      return Say(language, "có căn cứ thu hồi giấy chứng nhận", "revocation grounds");
    default:
      return EnumText(coop::v1::ComplianceIssueKind_descriptor()->FindValueByNumber(kind));
  }
}

// Formula-safe and quoted (statistics_sheet.h).
std::string CsvField(const std::string& text) { return CsvCell(text); }

std::string CsvLine(const std::string& name, const std::string& label,
                    const StatisticFigure& figure) {  // numbers as machines read them
  return absl::StrCat(CsvField(name), ",", CsvField(label), ",", figure.value(), ",",
                      figure.is_percent() ? absl::StrFormat("%.1f", figure.percent()) : "", "\n");
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string Position(uint64_t position, Language language) {
  return absl::StrCat(Say(language, "vị trí nhật ký ", "log position "), position);
}

}  // namespace

std::string AreaText(const coop::v1::Area& area, Language language) {
  if (area.code().empty()) return Say(language, "cả nước", "the nation");
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

std::string FormatStatisticsTable(const coop::v1::AnnualStatisticsReply& reply, Language language) {
  const std::string code = AreaText(reply.area(), language);
  const std::string area =
      reply.area_name().empty() ? code : absl::StrCat(reply.area_name(), ", ", code);
  std::string out = absl::StrCat(Say(language, "Thống kê năm ", "Annual statistics "), reply.year(),
                                 ": ", area, "\n");
  absl::StrAppend(&out, Say(language, "kỳ từ ", "period "), DateText(reply.period_from(), language),
                  Say(language, " đến ", " to "), DateText(reply.period_to(), language), ", ",
                  Position(reply.position(), language), ", ", SourceWords(reply.source(), language),
                  "\n\n");
  TextTable table({TextTable::kLeft, TextTable::kRight, TextTable::kLeft});
  for (const auto& figure : reply.figures()) {
    auto [value, note] = ValueCells(figure, language);
    table.AddRow({Label(figure), value, note});
  }
  for (const auto& bucket : reply.unassigned()) {
    table.AddLine("");
    table.AddLine(absl::StrCat(Say(language, "Chưa phân bổ: ", "Unassigned: "), bucket.old_code(),
                               bucket.old_name().empty() ? "" : " ", bucket.old_name(),
                               Say(language, ", chia cho ", ", split between "),
                               absl::StrJoin(bucket.candidate_codes(), ", ")));
    for (const auto& figure : bucket.figures()) {
      auto [value, note] = ValueCells(figure, language);
      table.AddRow({absl::StrCat("  ", Label(figure)), value, note});
    }
  }
  if (table.empty()) {
    return absl::StrCat(out, Say(language, "(không có số liệu)\n", "(no figures)\n"));
  }
  return absl::StrCat(out, table.Render());
}

std::string FormatStatisticsCsv(const coop::v1::AnnualStatisticsReply& reply, Language language) {
  std::string out = Say(language, "mã,chỉ tiêu,giá trị,tỷ lệ (%)\n", "name,label,value,percent\n");
  for (const auto& figure : reply.figures()) {
    absl::StrAppend(&out, CsvLine(figure.name(), Label(figure), figure));
  }
  for (const auto& bucket : reply.unassigned()) {
    for (const auto& figure : bucket.figures()) {
      std::string where = bucket.old_code();
      if (!bucket.old_name().empty()) absl::StrAppend(&where, " ", bucket.old_name());
      absl::StrAppend(
          &out,
          CsvLine(absl::StrCat("unassigned.", bucket.old_code(), ".", figure.name()),
                  absl::StrCat(Label(figure), Say(language, " (chưa phân bổ: ", " (unassigned: "),
                               where, ")"),
                  figure));
    }
  }
  return out;
}

std::string FormatExplanation(const coop::v1::ExplainStatisticReply& reply, Language language) {
  const auto& figure = reply.figure();
  auto [value, note] = ValueCells(figure, language);
  std::string out = absl::StrCat(Label(figure), " (", figure.name(), ") = ", value,
                                 note.empty() ? "" : "  ", note, "\n");
  if (reply.events().empty()) {
    return absl::StrCat(out, Say(language, "không có sự kiện nào\n", "no events\n"));
  }
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
    absl::StrAppend(&out, Say(language, "... chỉ liệt kê ", "... truncated after "),
                    reply.events_size(),
                    Say(language, " sự kiện đầu (tăng --limit để xem thêm)\n",
                        " events (raise --limit to see more)\n"));
  }
  return out;
}

std::string FormatPlanProgress(const coop::v1::PlanProgressReply& reply, Language language) {
  std::string out = absl::StrCat(Say(language, "Kế hoạch năm ", "Plan "), reply.year(), ": ",
                                 AreaText(reply.area(), language));
  if (!reply.decision().empty()) {
    absl::StrAppend(&out, Say(language, ", quyết định ", ", decision "), reply.decision());
  }
  absl::StrAppend(&out, ", ", Position(reply.position(), language), "\n\n");
  if (reply.targets().empty()) {
    return absl::StrCat(out, Say(language, "không có chỉ tiêu\n", "no targets\n"));
  }
  TextTable table({TextTable::kLeft, TextTable::kRight, TextTable::kRight, TextTable::kLeft});
  table.AddRow({Say(language, "chỉ tiêu", "indicator"), Say(language, "mục tiêu", "target"),
                Say(language, "thực hiện", "actual"), ""});
  int met = 0;
  for (const auto& target : reply.targets()) {
    const std::string comparison = target.comparison() == coop::v1::EQUAL ? "= " : "≥ ";
    std::string indicator =
        !target.label().empty()
            ? target.label()
            : Capitalised(EnumText(
                  coop::v1::PlanIndicator_descriptor()->FindValueByNumber(target.indicator())));
    if (target.per_commune()) {
      absl::StrAppend(&indicator, Say(language, " (mỗi xã)", " (per commune)"));
    }
    table.AddRow({indicator, comparison + CountText(target.target(), language),
                  CountText(target.actual(), language), MetWords(target.met(), language)});
    if (target.met()) ++met;
  }
  absl::StrAppend(&out, table.Render(), "\n");
  if (language == Language::kEnglish) {
    absl::StrAppend(&out, met, " of ", reply.targets_size(),
                    reply.targets_size() == 1 ? " target met\n" : " targets met\n");
  } else {
    absl::StrAppend(&out, "Đạt ", met, "/", reply.targets_size(), " chỉ tiêu\n");
  }
  return out;
}

std::string FormatComplianceIssues(const coop::v1::ComplianceIssuesReply& reply,
                                   Language language) {
  TextTable table;
  for (const auto& issue : reply.issues()) {
    table.AddRow({issue.code(), issue.name(), AreaText(issue.address(), language),
                  IssueKindText(issue.kind(), language),
                  issue.position() == 0 ? "-" : absl::StrCat("#", issue.position()),
                  issue.detail()});
  }
  std::string out = table.Render();
  const bool one = reply.issues_size() == 1;
  absl::StrAppend(&out, reply.issues_size(), Say(language, " vấn đề", one ? " issue" : " issues"),
                  ", ", Position(reply.position(), language), "\n");
  return out;
}

std::string FormatOcopProducts(const coop::v1::ListOcopProductsReply& reply, Language language) {
  TextTable table({TextTable::kLeft, TextTable::kRight});
  for (const auto& product : reply.products()) {
    std::string score = absl::StrFormat("%.1f", product.score());
    if (language == Language::kVietnamese) std::replace(score.begin(), score.end(), '.', ',');
    table.AddRow(
        {absl::StrCat(product.stars(), "★"), score, product.product_name(),
         absl::StrCat(Say(language, "sản phẩm ", "product "), product.product_id()),
         absl::StrCat(Say(language, "HTX ", "cooperative "), product.cooperative_id()),
         AreaText(product.area(), language),
         absl::StrCat(
             Say(language, "đánh giá ngày ", "rated "), DateText(product.rated_on(), language),
             " (", OcopLevelText(product.level(), language),
             product.decision().empty() ? "" : absl::StrCat(", ", product.decision()), ")"),
         absl::StrCat(Say(language, "hết hạn ", "expires "),
                      DateText(product.expires_on(), language))});
  }
  const bool one = reply.products_size() == 1;
  return absl::StrCat(table.Render(), "3★: ", reply.three_stars(), "  4★: ", reply.four_stars(),
                      "  5★: ", reply.five_stars(), "  (", reply.products_size(),
                      Say(language, " sản phẩm, ", one ? " product, " : " products, "),
                      Position(reply.position(), language), ")\n");
}

std::string FormatCriterion13(const coop::v1::Criterion13Reply& reply, Language language) {
  TextTable table;
  for (const auto& commune : reply.communes()) {
    table.AddRow({commune.commune().code(), commune.name(), MetWords(commune.met(), language),
                  absl::StrJoin(commune.cooperative_ids(), ", ")});
  }
  std::string out = table.Render();
  const std::string rule = reply.rule().empty() ? "" : absl::StrCat(" (", reply.rule(), ")");
  if (language == Language::kEnglish) {
    absl::StrAppend(&out, reply.communes_met(), " of ", reply.communes_total(),
                    reply.communes_total() == 1 ? " commune meets" : " communes meet",
                    " criterion 13", rule, ", ", Position(reply.position(), language), "\n");
  } else {
    absl::StrAppend(&out, reply.communes_met(), "/", reply.communes_total(),
                    " xã đạt tiêu chí số 13", rule, ", ", Position(reply.position(), language),
                    "\n");
  }
  return out;
}

}  // namespace coop::coopctl
