#include "tools/golden/statistics_text.h"

#include <google/protobuf/util/message_differencer.h>

#include "absl/strings/str_cat.h"
#include "tools/golden/canonical_text.h"

namespace coop::golden {
namespace {

using google::protobuf::util::MessageDifferencer;

coop::v1::StatisticFigure WithoutValues(const coop::v1::StatisticFigure& figure) {
  coop::v1::StatisticFigure entry = figure;
  entry.clear_value();
  entry.clear_percent();
  entry.clear_denominator();
  return entry;
}

bool IsZero(const coop::v1::StatisticFigure& figure) {
  return figure.value() == 0 && figure.percent() == 0 && figure.denominator() == 0;
}

// "name=value", or "name=value/denominator(percent%)" when a denominator or percent is set.
std::string Compact(const coop::v1::StatisticFigure& figure) {
  std::string text = absl::StrCat(figure.name(), "=", figure.value());
  if (figure.denominator() != 0 || figure.percent() != 0) {
    const auto* percent =
        figure.GetDescriptor()->FindFieldByNumber(coop::v1::StatisticFigure::kPercentFieldNumber);
    absl::StrAppend(&text, "/", figure.denominator(), "(", FieldValueText(figure, percent), "%)");
  }
  return text;
}

}  // namespace

void FigureCatalogue::Set(const Figures& figures) {
  entries_.clear();
  for (const auto& figure : figures) entries_.push_back(WithoutValues(figure));
}

std::vector<std::string> FigureCatalogue::HeaderLines() const {
  std::vector<std::string> lines;
  for (const auto& entry : entries_) {
    lines.push_back(absl::StrCat("# chỉ tiêu / figure: ", SingleLine(entry)));
  }
  return lines;
}

FigureCatalogue::Fit FigureCatalogue::FitOf(const Figures& figures) const {
  const auto same = [&](int i, size_t entry) {
    return MessageDifferencer::Equals(WithoutValues(figures[i]), entries_[entry]);
  };
  if (static_cast<size_t>(figures.size()) == entries_.size()) {
    bool whole = true;
    for (size_t i = 0; whole && i < entries_.size(); ++i) whole = same(static_cast<int>(i), i);
    if (whole) return Fit::kWhole;
  }
  size_t next = 0;  // the catalogue entry to look from
  for (int i = 0; i < figures.size(); ++i) {
    while (next < entries_.size() && !same(i, next)) ++next;
    if (next == entries_.size()) return Fit::kNone;
    ++next;
  }
  return Fit::kSome;
}

std::string FigureCatalogue::Text(const Figures& figures) const {
  const Fit fit = FitOf(figures);
  if (fit == Fit::kNone) {
    std::string text = "| !catalogue";
    for (const auto& figure : figures) absl::StrAppend(&text, " {", SingleLine(figure), "}");
    return text;
  }
  std::string text = fit == Fit::kWhole ? "|" : "|=";
  bool any = false;
  for (const auto& figure : figures) {
    if (fit == Fit::kWhole && IsZero(figure)) continue;
    absl::StrAppend(&text, " ", Compact(figure));
    any = true;
  }
  if (!any) absl::StrAppend(&text, " (0)");
  return text;
}

std::string FigureCatalogue::ReplyText(const coop::v1::AnnualStatisticsReply& reply) const {
  std::string text = Text(reply.figures());
  for (const auto& bucket : reply.unassigned()) {
    coop::v1::UnassignedBucket fields = bucket;
    ClearExcluded(&fields);
    fields.clear_figures();
    absl::StrAppend(&text, " || unassigned ", SingleLine(fields), " ", Text(bucket.figures()));
  }
  return text;
}

bool AnyFigure(const coop::v1::AnnualStatisticsReply& reply) {
  for (const auto& figure : reply.figures()) {
    if (!IsZero(figure)) return true;
  }
  for (const auto& bucket : reply.unassigned()) {
    for (const auto& figure : bucket.figures()) {
      if (!IsZero(figure)) return true;
    }
  }
  return false;
}

std::string StatisticsLine(const coop::v1::AnnualStatisticsReply& reply,
                           const FigureCatalogue& catalogue) {
  coop::v1::AnnualStatisticsReply fields = reply;
  ClearExcluded(&fields);
  fields.clear_figures();
  fields.clear_unassigned();
  return absl::StrCat(SingleLine(fields), " ", catalogue.ReplyText(reply));
}

}  // namespace coop::golden
