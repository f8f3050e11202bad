// The text of one Reporting.GetAnnualStatistics reply in a golden dump, kept short without
// losing a field. A reply lists every statistic of the catalogue (about a hundred) in the
// same order with the same labels, and most of them are zero. So the catalogue — each
// figure's name, label and kind, as the first reply gives them — is written once, in the
// header, and a reply's line gives only the figures that are not zero:
//   <reply but its figures> | cooperatives=287 members=13393 ratings.good_or_fair_share=30/40(75%)
// A list that holds some of the catalogue's figures, in its order (an unassigned bucket lists
// those it has), is written "|= name=value …" with every figure it has, zeros too; any other
// list "| !catalogue {<figure>} …" in full, so that a changed label or order shows.
// Thread-compatible.
#ifndef COOPLEDGER_TOOLS_GOLDEN_STATISTICS_TEXT_H_
#define COOPLEDGER_TOOLS_GOLDEN_STATISTICS_TEXT_H_

#include <string>
#include <vector>

#include "coop/v1/reporting.pb.h"

namespace coop::golden {

using Figures = google::protobuf::RepeatedPtrField<coop::v1::StatisticFigure>;

class FigureCatalogue {
 public:
  bool empty() const { return entries_.empty(); }
  // Takes the catalogue from a reply's figures (their values left out).
  void Set(const Figures& figures);
  // The header's lines, one per figure: "# chỉ tiêu / figure: name: "…" label: "…"".
  std::vector<std::string> HeaderLines() const;

  // "| name=value …" for the figures that are not zero ("| (0)" when none is) of a whole
  // catalogue; "|= name=value …" with every figure of part of it; "| !catalogue {…} …".
  std::string Text(const Figures& figures) const;
  // The text after the reply's own fields: its figures, then " || unassigned <bucket> | …"
  // for each bucket of a split commune.
  std::string ReplyText(const coop::v1::AnnualStatisticsReply& reply) const;

 private:
  enum class Fit { kWhole, kSome, kNone };  // the catalogue, part of it in order, neither
  Fit FitOf(const Figures& figures) const;

  std::vector<coop::v1::StatisticFigure> entries_;  // values cleared
};

// Whether any figure of the reply (its buckets' too) is not zero.
bool AnyFigure(const coop::v1::AnnualStatisticsReply& reply);

// The whole text of a reply after "stats YEAR AREA@SET ": its fields other than the figures
// (excluded fields cleared), then the catalogue's ReplyText.
std::string StatisticsLine(const coop::v1::AnnualStatisticsReply& reply,
                           const FigureCatalogue& catalogue);

}  // namespace coop::golden

#endif  // COOPLEDGER_TOOLS_GOLDEN_STATISTICS_TEXT_H_
