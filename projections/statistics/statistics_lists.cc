// StatisticsReader's lists: compliance issues, criterion 13 by commune, plan progress.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/saturating_add.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/plan_events.pb.h"
#include "domain/areas/area_catalog.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/cooperative/cooperative_calendar.h"
#include "domain/cooperative/cooperative_state.h"
#include "domain/programs/plan_state.h"
#include "domain/text/language.h"
#include "domain/text/number_format.h"
#include "domain/text/place_names.h"
#include "domain/text/plan_words.h"
#include "projections/statistics/annual_statistics_projection.h"
#include "projections/statistics/figure_builder.h"
#include "projections/statistics/statistic_catalog.h"
#include "projections/statistics/statistics_reader.h"

namespace coop::projections::statistics {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::UnitSet;
using domain::areas::UnitSetName;

coop::v1::StatisticsScope ScopeOf(const coop::v1::Area& area, int year) {
  coop::v1::StatisticsScope scope;
  *scope.mutable_area() = area;
  scope.set_year(year);
  return scope;
}

// The statistics a plan indicator's actual is the sum of.
std::vector<std::string> IndicatorStatistics(coop::v1::PlanIndicator indicator) {
  switch (indicator) {
    case coop::v1::NEW_COOPERATIVES:
      return {names::kNewCooperatives};
    case coop::v1::NEW_GROUPS:
      return {names::kNewGroups};
    case coop::v1::COOPERATIVES_AT_TRADE_FAIRS:
      return {names::kTradeFairCooperatives};
    case coop::v1::COOPERATIVES_IN_OCOP:
      return {names::kOcopCooperatives};
    case coop::v1::TRAINING_CLASSES:
      return {names::kClasses};
    case coop::v1::TECHNOLOGY_GRANTS:
      return {GrantTypeStatistic(coop::v1::SUPPORT_SCIENCE_TECHNOLOGY, false)};
    case coop::v1::MODEL_COOPERATIVES:
      return {names::kModelDesignated};
    case coop::v1::GRADUATES_PLACED:
      return {names::kGraduatesStarted};
    case coop::v1::HALLS_KEPT:
      return {names::kHalls};
    case coop::v1::NEW_UNIONS:
      return {names::kNewUnions};
    case coop::v1::PROPAGANDA_CLASSES:
      return {ClassStatistic(coop::v1::PROPAGANDA, false)};
    case coop::v1::VOCATIONAL_CLASSES:
      return {ClassStatistic(coop::v1::VOCATIONAL, false)};
    case coop::v1::STATE_MANAGEMENT_CLASSES:
      return {ClassStatistic(coop::v1::STATE_MANAGEMENT_TRAINING, false)};
    case coop::v1::OCOP_PRODUCTS_RATED:
      return {names::kOcopRecognised};
    case coop::v1::SUPPORT_GRANTS:
      return {names::kGrants};
    case coop::v1::COOPERATIVES_RATED_GOOD_OR_FAIR:
      return {names::kRatingsGood, names::kRatingsFair};
    case coop::v1::NEW_HALLS:
      return {names::kHallsFounded};
    default:
      return {};
  }
}

// A ground for revocation in the language asked (COOP-22).
std::string GroundText(const domain::RevocationGroundShown& ground,
                       domain::text::Language language) {
  if (language == domain::text::Language::kEnglish) return domain::DescribeGround(ground);
  const std::string from = domain::text::FormatDay(ground.from, language);
  const std::string since = domain::text::FormatDay(ground.since, language);
  if (ground.ground == coop::v1::BELOW_MINIMUM_MEMBERS_12_MONTHS) {
    return absl::StrCat("không bảo đảm số lượng thành viên tối thiểu (COOP-01) từ ", from,
                        ": đủ căn cứ thu hồi giấy chứng nhận từ ", since, " (COOP-22)");
  }
  return absl::StrCat("không tổ chức đại hội thành viên thường niên từ ", from,
                      ": đủ căn cứ thu hồi giấy chứng nhận từ ", since, " (COOP-22)");
}

}  // namespace

absl::StatusOr<coop::v1::ComplianceIssuesReply> StatisticsReader::Compliance(
    const coop::v1::ComplianceIssuesRequest& request, absl::Time now) const {
  auto scope = ResolveScope(ScopeOf(request.area(), request.year()), "");
  if (!scope.ok()) return scope.status();
  auto language = domain::text::ParseLanguage("lang", request.lang());
  if (!language.ok()) return language.status();
  const bool en = *language == domain::text::Language::kEnglish;
  auto ids = Candidates(*scope, domain::CooperativeAggregate::kStreamPrefix);
  if (!ids.ok()) return ids.status();
  coop::v1::ComplianceIssuesReply reply;
  AreaMapper mapper;
  const Period period = PeriodOf(scope->year, PeriodKind::kCalendarYear);
  // A report or meeting whose deadline has not passed yet is not (yet) an issue.
  const absl::CivilDay today = domain::VietnamDay(now);
  const bool report_due = domain::AnnualReportDeadline(scope->year) < today;
  const bool meeting_due = domain::GeneralMeetingDeadline(scope->year) < today;
  // Grounds for revocation (COOP-22) as the record shows them at the year's end, or today.
  const absl::CivilDay grounds_day = std::min(period.last, today);
  for (const auto& id : *ids) {
    auto events = EntityEvents(id);
    if (!events.ok()) return events.status();
    const EntityFigures figures =
        ComputeEntityFigures(id, *events, {}, PeriodKind::kCalendarYear, scope->year);
    auto year = figures.by_year.find(scope->year);
    if (year == figures.by_year.end()) continue;
    bool in_area = false;
    struct Found {
      coop::v1::ComplianceIssueKind kind;
      uint64_t position = 0;
      std::string detail;  // empty: the kind's own
    };
    std::vector<Found> found;
    for (const auto& c : year->second) {
      const MappedArea& mapped = mapper.Map(c.area, scope->unit_set, figures.readdress);
      if (!CountsIn(mapped, scope->code)) continue;
      in_area = true;
      if (c.statistic == names::kNoAnnualReport && report_due) {
        found.push_back({coop::v1::NO_ANNUAL_REPORT, 0, ""});
      }
      if (c.statistic == names::kNoAnnualMeeting && meeting_due) {
        found.push_back({coop::v1::NO_ANNUAL_MEETING, 0, ""});
      }
      if (c.statistic == names::kRatingsWeak)
        found.push_back({coop::v1::RATED_WEAK, c.evidence, ""});
    }
    if (!in_area) continue;
    // The cooperative's identity, and inspections of the year that found it non-compliant
    // without a follow-up.
    const auto effective = domain::EffectiveEvents(*events);
    domain::CooperativeState state;
    domain::CooperativeState on_grounds_day;  // the events dated up to grounds_day
    for (const auto& recorded : effective) {
      coop::v1::CooperativeEvent event;
      if (!domain::CodecFor<coop::v1::CooperativeEvent>().Decode(recorded, &event)) continue;
      const auto on = domain::ParseDateOr(recorded.occurred_on(), absl::CivilDay());
      state = domain::Evolve(std::move(state), on, event);
      if (on <= grounds_day) {
        on_grounds_day =
            domain::Evolve(domain::AdvanceTo(std::move(on_grounds_day), on), on, event);
      }
      if (event.has_inspected() && period.first <= on && on <= period.last &&
          !event.inspected().compliant() && event.inspected().follow_up().empty()) {
        found.push_back({coop::v1::NON_COMPLIANT_NOT_FOLLOWED_UP, recorded.position(), ""});
      }
    }
    for (const auto& ground : domain::RevocationGroundsOn(on_grounds_day, grounds_day)) {
      found.push_back({coop::v1::REVOCATION_GROUNDS, 0, GroundText(ground, *language)});
    }
    if (state.kind == coop::v1::COOPERATIVE_UNION) continue;
    for (const auto& [kind, position, detail] : found) {
      auto* issue = reply.add_issues();
      issue->set_cooperative_id(state.cooperative_id);
      issue->set_code(state.code);
      issue->set_name(state.name);
      *issue->mutable_address() = state.address;
      issue->set_kind(kind);
      issue->set_position(position);
      if (!detail.empty()) {
        issue->set_detail(detail);
        continue;
      }
      switch (kind) {
        case coop::v1::NO_ANNUAL_REPORT:
          issue->set_detail(
              en ? absl::StrCat("no annual report for ", scope->year, " by the deadline")
                 : absl::StrCat("chưa nộp báo cáo năm ", scope->year, " đúng hạn"));
          break;
        case coop::v1::NO_ANNUAL_MEETING:
          issue->set_detail(en ? absl::StrCat("no annual meeting for fiscal year ", scope->year,
                                              " within the legal period")
                               : absl::StrCat("chưa tổ chức đại hội thành viên thường niên năm ",
                                              scope->year, " trong thời hạn luật định"));
          break;
        case coop::v1::RATED_WEAK:
          issue->set_detail(en ? absl::StrCat("rated Yếu for ", scope->year)
                               : absl::StrCat("xếp loại Yếu năm ", scope->year));
          break;
        default:
          issue->set_detail(en ? "inspection found it non-compliant; no follow-up recorded"
                               : "kiểm tra phát hiện sai phạm; chưa ghi nhận biện pháp khắc phục");
          break;
      }
    }
  }
  std::sort(reply.mutable_issues()->begin(), reply.mutable_issues()->end(),
            [](const auto& a, const auto& b) {
              if (a.code() != b.code()) return a.code() < b.code();
              if (a.kind() != b.kind()) return a.kind() < b.kind();
              return a.detail() < b.detail();
            });
  return reply;
}

absl::StatusOr<coop::v1::Criterion13Reply> StatisticsReader::Criterion13(
    const coop::v1::Criterion13Request& request) const {
  auto scope = ResolveScope(ScopeOf(request.area(), request.year()), "");
  if (!scope.ok()) return scope.status();
  auto language = domain::text::ParseLanguage("lang", request.lang());
  if (!language.ok()) return language.status();
  const bool en = *language == domain::text::Language::kEnglish;
  const bool good_only = request.min_grade() == coop::v1::GOOD;
  if (request.min_grade() != coop::v1::RATING_GRADE_UNSPECIFIED &&
      request.min_grade() != coop::v1::GOOD && request.min_grade() != coop::v1::FAIR) {
    return absl::InvalidArgumentError("min_grade must be GOOD or FAIR (or unset: FAIR)");
  }
  auto replayed = Replay(*scope, domain::CooperativeAggregate::kStreamPrefix,
                         {names::kRatingsGood, names::kRatingsFair});
  if (!replayed.ok()) return replayed.status();
  std::map<std::string, std::vector<std::string>> met;  // commune -> cooperative ids
  for (const auto& kept : replayed->contributions) {
    if (good_only && kept.contribution.statistic != names::kRatingsGood) continue;
    if (kept.commune.empty()) continue;
    met[kept.commune].push_back(
        kept.entity_id.substr(sizeof(domain::CooperativeAggregate::kStreamPrefix) - 1));
  }
  const AreaCatalog& catalog = AreaCatalog::Reference(scope->unit_set);
  std::vector<const domain::areas::AreaUnit*> communes;
  if (scope->nation()) {
    for (const auto& unit : catalog.units()) {
      if (unit.level == domain::areas::AreaLevel::kCommune) communes.push_back(&unit);
    }
  } else {
    auto of = catalog.CommunesOf(scope->code);
    if (!of.ok()) return of.status();
    communes = *of;
  }
  coop::v1::Criterion13Reply reply;
  if (en) {
    reply.set_rule(good_only ? "a HTX existing at the end of the year rated Tốt for it"
                             : "a HTX existing at the end of the year rated Khá or Tốt for it");
  } else {
    reply.set_rule(good_only
                       ? "có HTX hoạt động đến cuối năm được xếp loại Tốt trong năm"
                       : "có HTX hoạt động đến cuối năm được xếp loại Khá hoặc Tốt trong năm");
  }
  for (const auto* unit : communes) {
    auto* out = reply.add_communes();
    out->mutable_commune()->set_code(unit->code);
    out->mutable_commune()->set_unit_set(UnitSetName(scope->unit_set));
    out->set_name(domain::text::PlaceTitle(unit->name, *language));
    auto it = met.find(unit->code);
    out->set_met(it != met.end());
    if (it != met.end()) {
      for (const auto& id : it->second) out->add_cooperative_ids(id);
      reply.set_communes_met(reply.communes_met() + 1);
    }
  }
  reply.set_communes_total(static_cast<int32_t>(communes.size()));
  return reply;
}

absl::StatusOr<coop::v1::PlanProgressReply> StatisticsReader::PlanProgress(
    const coop::v1::PlanProgressRequest& request) const {
  if (request.area().code().empty()) return absl::InvalidArgumentError("area.code is required");
  auto scope = ResolveScope(ScopeOf(request.area(), request.year()), "");
  if (!scope.ok()) return scope.status();
  auto language = domain::text::ParseLanguage("lang", request.lang());
  if (!language.ok()) return language.status();
  coop::v1::Area area = request.area();  // unit set: as given, or the one in force at the end
  area.set_unit_set(UnitSetName(scope->unit_set));
  std::string decision;
  auto read = Plan(area, request.year(), Knowledge(), &decision);
  if (!read.ok()) return read.status();
  if (!read->has_value()) {
    return absl::NotFoundError(absl::StrCat("chưa có kế hoạch năm ", request.year(),
                                            " cho địa bàn ", area.code(), " (", area.unit_set(),
                                            ") / no plan for area ", area.code(), " (",
                                            area.unit_set(), ") and year ", request.year()));
  }
  const domain::PlanState& plan = **read;
  auto annual = Annual(ScopeOf(area, request.year()), 0);
  if (!annual.ok()) return annual.status();
  std::map<std::string, int64_t> actuals;
  for (const auto& figure : annual->figures()) actuals[figure.name()] = figure.value();
  const size_t commune_count = CommunesOfScope(*scope).size();
  coop::v1::PlanProgressReply reply;
  *reply.mutable_area() = area;
  reply.set_year(request.year());
  reply.set_decision(decision);
  for (const auto& [indicator, target] : plan.targets) {
    auto* out = reply.add_targets();
    out->set_indicator(indicator);
    out->set_comparison(target.comparison());
    out->set_per_commune(target.per_commune());
    out->set_target(AreaTarget(target.value(), target.per_commune(), commune_count));
    int64_t actual = 0;
    std::vector<std::string> statistics = IndicatorStatistics(indicator);
    for (const auto& name : statistics) base::AddTo(&actual, actuals[name]);
    out->set_actual(actual);
    out->set_statistic(absl::StrJoin(statistics, "+"));
    out->set_met(target.comparison() == coop::v1::EQUAL ? actual == out->target()
                                                        : actual >= out->target());
    if (const auto* words = domain::text::WordsOf(indicator); words != nullptr) {
      out->set_label(words->label.In(*language));
    }
  }
  return reply;
}

}  // namespace coop::projections::statistics
