#include "projections/statistics/annual_report_text.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "coop/v1/class_events.pb.h"
#include "domain/text/number_format.h"
#include "domain/text/plan_words.h"
#include "projections/statistics/statistic_catalog.h"

namespace coop::projections::statistics {
namespace {

using domain::text::Language;
using Segments = std::vector<coop::v1::ReportSegment>;

void AddText(Segments* out, const std::string& text) {
  if (text.empty()) return;
  if (!out->empty() && out->back().statistic().empty() && out->back().value() == 0) {
    out->back().mutable_text()->append(text);
    return;
  }
  out->emplace_back().set_text(text);
}

void AddNumber(Segments* out, const std::string& text, const std::string& statistic,
               int64_t value) {
  auto& segment = out->emplace_back();
  segment.set_text(text);
  segment.set_statistic(statistic);
  segment.set_value(value);
}

void Append(Segments* out, const Segments& more) {
  for (const auto& segment : more) {
    if (segment.statistic().empty() && segment.value() == 0) {
      AddText(out, segment.text());
    } else {
      out->push_back(segment);
    }
  }
}

// Joins items: "a, b và c" / "a, b and c" (`last` between the last two), or all with `glue`.
Segments Join(const std::vector<Segments>& items, const std::string& glue,
              const std::string& last) {
  Segments out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) AddText(&out, i + 1 == items.size() ? last : glue);
    Append(&out, items[i]);
  }
  return out;
}

Segments JoinAnd(const std::vector<Segments>& items, Language language) {
  return Join(items, ", ", language == Language::kEnglish ? " and " : " và ");
}

class Writer {
 public:
  explicit Writer(const AnnualReportFacts& facts) : facts_(facts), lang_(facts.language) {}

  bool en() const { return lang_ == Language::kEnglish; }
  int64_t Value(const std::string& statistic) const {
    auto it = facts_.figures.find(statistic);
    return it == facts_.figures.end() ? 0 : it->second;
  }

  // "25 HTX": the statistic's count and a unit; empty when the count is zero.
  Segments Count(const std::string& statistic, const std::string& unit,
                 const std::string& unit_one = "") const {
    const int64_t value = Value(statistic);
    Segments out;
    if (value == 0) return out;
    AddNumber(&out, domain::text::FormatReportCount(value, lang_), statistic, value);
    AddText(&out, absl::StrCat(" ", value == 1 && !unit_one.empty() ? unit_one : unit));
    return out;
  }
  Segments Money(const std::string& statistic) const {
    Segments out;
    const int64_t value = Value(statistic);
    AddNumber(&out, domain::text::FormatMoney(value, lang_), statistic, value);
    return out;
  }
  static void Keep(std::vector<Segments>* items, Segments item) {
    if (!item.empty()) items->push_back(std::move(item));
  }

  // "Năm 2023, trên địa bàn huyện U Minh" / "In 2023, U Minh District".
  std::string Opening() const {
    const std::string area = facts_.area_in_text;
    if (en()) {
      const std::string when =
          facts_.reporting_year
              ? absl::StrCat("In the ", facts_.year, " reporting year (",
                             domain::text::FormatDay(facts_.period_from, lang_), " to ",
                             domain::text::FormatDay(facts_.period_to, lang_), ")")
              : absl::StrCat("In ", facts_.year);
      return absl::StrCat(when, ", ", area.empty() ? "Vietnam" : area);
    }
    const std::string when =
        facts_.reporting_year
            ? absl::StrCat("Trong kỳ báo cáo năm ", facts_.year, " (từ ",
                           domain::text::FormatDay(facts_.period_from, lang_), " đến ",
                           domain::text::FormatDay(facts_.period_to, lang_), ")")
            : absl::StrCat("Năm ", facts_.year);
    return area.empty() ? absl::StrCat(when, ", cả nước")
                        : absl::StrCat(when, ", trên địa bàn ", area);
  }

  Segments Stocks() const {
    namespace n = names;
    std::vector<Segments> held;
    Keep(&held, Count(n::kCooperatives, "HTX"));
    Keep(&held, Count(n::kUnions, en() ? "unions (LHHTX)" : "LHHTX", en() ? "union (LHHTX)" : ""));
    Keep(&held, Count(n::kGroups, "THT"));
    Keep(&held, Count(n::kHalls, "hội quán"));
    std::vector<Segments> members;
    Keep(&members,
         Count(n::kMembers, en() ? "HTX members" : "thành viên HTX", en() ? "HTX member" : ""));
    Keep(&members,
         Count(n::kGroupMembers, en() ? "THT members" : "tổ viên THT", en() ? "THT member" : ""));
    Segments out;
    AddText(&out, Opening());
    if (held.empty()) {
      AddText(&out, en() ? " had no HTX or THT." : " chưa có HTX, THT.");
      return out;
    }
    AddText(&out, en() ? " had " : " có ");
    Append(&out, en() ? JoinAnd(held, lang_) : Join(held, ", ", ", "));
    if (!members.empty()) {
      AddText(&out, en() ? ", with " : ", với tổng số ");
      Append(&out, JoinAnd(members, lang_));
      if (en()) AddText(&out, " in total");
    }
    AddText(&out, ".");
    return out;
  }

  Segments WorkforceAndCapital() const {
    Segments workers = Count(names::kWorkersMembers,
                             en() ? "members worked regularly in the HTX"
                                  : "thành viên là lao động thường xuyên trong HTX",
                             en() ? "member worked regularly in the HTX" : "");
    const bool capital = Value(names::kCharterCapital) != 0;
    Segments out;
    if (workers.empty() && !capital) return out;
    if (!workers.empty()) {
      AddText(&out, en() ? " Of these, " : " Trong đó có ");
      Append(&out, workers);
      if (capital) {
        AddText(&out, en() ? ", and their charter capital was " : ", với số vốn điều lệ là ");
        Append(&out, Money(names::kCharterCapital));
      }
    } else {
      AddText(&out,
              en() ? " The HTX had charter capital of " : " Tổng số vốn điều lệ của các HTX là ");
      Append(&out, Money(names::kCharterCapital));
    }
    AddText(&out, ".");
    return out;
  }

  // What was done in the period, clause by clause; each only where its figure is not zero.
  std::vector<Segments> Done() const {
    namespace n = names;
    std::vector<Segments> clauses;
    {  // founded
      std::vector<Segments> founded;
      Keep(&founded, Count(n::kNewCooperatives, en() ? "new HTX" : "HTX"));
      Keep(&founded, Count(n::kNewUnions, en() ? "new unions (LHHTX)" : "LHHTX",
                           en() ? "new union (LHHTX)" : ""));
      Keep(&founded, Count(n::kNewGroups, en() ? "new THT" : "THT"));
      if (!founded.empty()) {
        Segments clause;
        if (!en()) AddText(&clause, "vận động thành lập mới ");
        Append(&clause, JoinAnd(founded, lang_));
        if (en()) AddText(&clause, Plural(founded) ? " were founded" : " was founded");
        clauses.push_back(std::move(clause));
      }
    }
    {  // classes
      struct ClassWords {
        int kind;
        const char* vi;
        const char* en;
        const char* en_one;
      };
      const ClassWords kinds[] = {
          {coop::v1::STATE_MANAGEMENT_TRAINING,
           "lớp tập huấn bồi dưỡng kiến thức quản lý nhà nước về kinh tế tập thể cho cán bộ "
           "chủ chốt cấp xã",
           "state-management training classes on the collective economy for key commune "
           "officials",
           "state-management training class on the collective economy for key commune "
           "officials"},
          {coop::v1::PROPAGANDA, "lớp tuyên truyền về kinh tế tập thể",
           "propaganda classes on the collective economy",
           "propaganda class on the collective economy"},
          {coop::v1::VOCATIONAL, "lớp truyền nghề cho thành viên THT, HTX",
           "vocational classes for THT and HTX members",
           "vocational class for THT and HTX members"},
          {coop::v1::MEMBER_MANAGER_TRAINING, "lớp bồi dưỡng cán bộ quản lý, thành viên HTX",
           "training classes for HTX managers and members",
           "training class for HTX managers and members"},
      };
      std::vector<Segments> held;
      for (const auto& kind : kinds) {
        Keep(&held, Count(ClassStatistic(kind.kind, false), en() ? kind.en : kind.vi,
                          en() ? kind.en_one : ""));
      }
      if (!held.empty()) {
        Segments clause;
        if (!en()) AddText(&clause, "mở ");
        Append(&clause, JoinAnd(held, lang_));
        if (en()) AddText(&clause, Plural(held) ? " were held" : " was held");
        clauses.push_back(std::move(clause));
      }
    }
    Passive(&clauses, Count(n::kInspectedCooperatives, "HTX"), "kiểm tra ", " were inspected",
            " was inspected");
    Passive(
        &clauses,
        Count(n::kTradeFairCooperatives, en() ? "HTX" : "HTX tham gia hội chợ xúc tiến thương mại"),
        "hỗ trợ ", " attended trade fairs", " attended trade fairs");
    {  // OCOP
      std::vector<Segments> ocop;
      Keep(&ocop, Count(n::kOcopEnrolled,
                        en() ? "products entered the OCOP programme"
                             : "sản phẩm đăng ký tham gia chương trình OCOP",
                        en() ? "product entered the OCOP programme" : ""));
      Keep(&ocop, Count(n::kOcopRecognised,
                        en() ? "products were rated 3★ or more"
                             : "sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao",
                        en() ? "product was rated 3★ or more" : ""));
      if (!ocop.empty()) {
        Segments clause;
        if (!en()) AddText(&clause, "có ");
        Append(&clause, JoinAnd(ocop, lang_));
        clauses.push_back(std::move(clause));
      }
    }
    {  // grants
      Segments grants =
          Count(n::kGrants, en() ? "support grants" : "lượt HTX, THT", en() ? "support grant" : "");
      if (!grants.empty()) {
        Segments clause;
        if (!en()) AddText(&clause, "hỗ trợ ");
        Append(&clause, grants);
        if (Value(n::kGrantsVnd) != 0) {
          AddText(&clause, en() ? " worth " : " với tổng kinh phí ");
          Append(&clause, Money(n::kGrantsVnd));
        }
        if (en()) AddText(&clause, Value(n::kGrants) == 1 ? " was given" : " were given");
        clauses.push_back(std::move(clause));
      }
    }
    Passive(&clauses,
            Count(n::kGraduatesStarted,
                  en() ? "young graduates"
                       : "cán bộ trẻ tốt nghiệp đại học, cao đẳng về làm "
                         "việc tại HTX",
                  en() ? "young graduate" : ""),
            "đưa ", " started work at HTX", " started work at HTX");
    Passive(&clauses, Count(n::kModelDesignated, en() ? "model HTX" : "mô hình HTX điểm"),
            "xây dựng ", " were designated", " was designated");
    {  // halls
      Segments halls = Count(n::kHallsFounded, en() ? "hội quán" : "mô hình hội quán");
      if (!halls.empty()) {
        Segments clause;
        if (!en()) AddText(&clause, "thành lập ");
        Append(&clause, halls);
        if (en()) AddText(&clause, Value(n::kHallsFounded) == 1 ? " was founded" : " were founded");
        std::vector<Segments> places;
        for (const auto& hall : facts_.halls) {
          Segments place;
          AddText(&place, hall.hamlet.empty()
                              ? hall.commune_in_text
                              : absl::StrCat(hall.hamlet, ", ", hall.commune_in_text));
          places.push_back(std::move(place));
        }
        if (!places.empty()) {
          AddText(&clause, en() ? " in " : " tại ");
          Append(&clause, JoinAnd(places, lang_));
        }
        clauses.push_back(std::move(clause));
      }
    }
    return clauses;
  }

  coop::v1::ReportParagraph YearParagraph() const {
    Segments out = Stocks();
    Append(&out, WorkforceAndCapital());
    const std::vector<Segments> done = Done();
    if (!done.empty()) {
      if (en()) {
        AddText(&out, facts_.reporting_year ? " During the period, " : " During the year, ");
      } else {
        AddText(&out, facts_.reporting_year ? " Trong kỳ đã " : " Trong năm đã ");
      }
      Append(&out, Join(done, "; ", "; "));
      AddText(&out, ".");
    }
    return Paragraph(std::move(out));
  }

  coop::v1::ReportParagraph TargetsParagraph() const {
    if (facts_.targets.empty()) return {};
    std::vector<Segments> targets;
    for (const auto& target : facts_.targets) {
      const auto* words = domain::text::WordsOf(target.indicator);
      if (words == nullptr || target.total <= 0) continue;  // "at least 0" sets no target
      const auto& w = words->In(lang_);
      Segments item;
      const bool at_least = target.comparison != coop::v1::EQUAL;
      std::string lead = w.verb;
      if (at_least) {
        if (en()) {
          absl::StrAppend(&lead, lead.empty() ? "" : " ", "at least");
        } else if (w.rest[0] != '\0') {
          absl::StrAppend(&lead, lead.empty() ? "" : " ", "ít nhất");
        } else {
          absl::StrAppend(&lead, lead.empty() ? "" : " ", "từ");
        }
      }
      if (!lead.empty()) AddText(&item, absl::StrCat(lead, " "));
      AddNumber(&item, domain::text::FormatReportCount(target.total, lang_), "", target.total);
      AddText(&item, absl::StrCat(" ", w.UnitFor(target.total)));
      if (at_least && !en() && w.rest[0] == '\0') AddText(&item, " trở lên");
      if (w.rest[0] != '\0') AddText(&item, absl::StrCat(" ", w.rest));
      if (target.per_commune) {
        AddText(&item, " (");
        AddNumber(&item, domain::text::FormatReportCount(target.value, lang_), "", target.value);
        AddText(&item, en() ? " per commune)"
                            : absl::StrCat(
                                  " ", w.UnitFor(target.value), "/",
                                  facts_.commune_kinds.empty() ? "xã" : facts_.commune_kinds, ")"));
      }
      targets.push_back(std::move(item));
    }
    if (targets.empty()) return {};
    Segments out;
    AddText(&out, en() ? absl::StrCat("Targets for ", facts_.year + 1, ": ")
                       : absl::StrCat("Mục tiêu năm ", facts_.year + 1, ": "));
    Append(&out, Join(targets, "; ", "; "));
    AddText(&out, ".");
    return Paragraph(std::move(out));
  }

 private:
  // Whether a list reads as plural in English: more than one item, or one item counting more
  // than one.
  static bool Plural(const std::vector<Segments>& items) {
    if (items.size() != 1) return true;
    for (const auto& segment : items.front()) {
      if (!segment.statistic().empty()) return segment.value() != 1;
    }
    return true;
  }
  // A clause "kiểm tra 04 HTX" / "4 HTX were inspected"; nothing when `counted` is empty.
  void Passive(std::vector<Segments>* clauses, Segments counted, const char* vi_verb,
               const char* en_many, const char* en_one) const {
    if (counted.empty()) return;
    Segments clause;
    if (!en()) AddText(&clause, vi_verb);
    const bool one = Plural({counted}) == false;
    Append(&clause, counted);
    if (en()) AddText(&clause, one ? en_one : en_many);
    clauses->push_back(std::move(clause));
  }
  static coop::v1::ReportParagraph Paragraph(Segments segments) {
    coop::v1::ReportParagraph paragraph;
    std::string text;
    for (auto& segment : segments) {
      absl::StrAppend(&text, segment.text());
      *paragraph.add_segments() = std::move(segment);
    }
    paragraph.set_text(std::move(text));
    return paragraph;
  }

  const AnnualReportFacts& facts_;
  const Language lang_;
};

}  // namespace

coop::v1::ReportParagraph YearParagraph(const AnnualReportFacts& facts) {
  return Writer(facts).YearParagraph();
}

coop::v1::ReportParagraph TargetsParagraph(const AnnualReportFacts& facts) {
  return Writer(facts).TargetsParagraph();
}

}  // namespace coop::projections::statistics
