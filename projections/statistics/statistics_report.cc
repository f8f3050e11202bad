// StatisticsReader's annual report: the figures of GetAnnualStatistics, the hội quán founded in
// the period and next year's plan, written as paragraphs (annual_report_text.h).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/plan_events.pb.h"
#include "domain/areas/area_catalog.h"
#include "domain/common/dates.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/stream_corrections.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/programs/plan_aggregate.h"
#include "domain/programs/plan_state.h"
#include "domain/text/place_names.h"
#include "projections/statistics/annual_report_text.h"
#include "projections/statistics/figure_builder.h"
#include "projections/statistics/statistic_catalog.h"
#include "projections/statistics/statistics_reader.h"

namespace coop::projections::statistics {
namespace {

using domain::areas::AreaCatalog;
using domain::text::Language;

// The commune's name in running text, from the catalogue of its own unit set.
std::string CommuneInText(const coop::v1::Area& area, Language language) {
  auto set = domain::areas::ParseUnitSet(area.unit_set());
  if (!set.ok()) return area.code();
  const auto* unit = AreaCatalog::Reference(*set).Find(area.code());
  return unit == nullptr ? area.code() : domain::text::PlaceInText(unit->name, language);
}

// The kinds of commune of the area, in the words of a per-commune target: "xã, thị trấn".
std::string CommuneKinds(const std::vector<const domain::areas::AreaUnit*>& communes,
                         Language language) {
  if (language == Language::kEnglish) return "commune";
  std::vector<std::string> kinds;
  for (const char* kind : {"xã", "phường", "thị trấn", "đặc khu"}) {
    for (const auto* unit : communes) {
      const std::string word = domain::text::PlaceInText(unit->name, language);
      if (word.rfind(absl::StrCat(kind, " "), 0) == 0) {
        kinds.push_back(kind);
        break;
      }
    }
  }
  return absl::StrJoin(kinds, ", ");
}

}  // namespace

absl::StatusOr<std::optional<domain::PlanState>> StatisticsReader::Plan(
    const coop::v1::Area& area, int year, const Knowledge& knowledge, std::string* decision) const {
  auto events = EntityEvents(domain::PlanStreamId(area, year));
  if (!events.ok()) return events.status();
  EventRefs stream;
  for (const auto& recorded : *events) stream.push_back(&recorded);
  const Effective effective = AdmittedEffective(stream, knowledge);
  domain::PlanState plan;
  for (const coop::v1::RecordedEvent* recorded : effective.events) {
    coop::v1::PlanEvent event;
    if (!domain::CodecFor<coop::v1::PlanEvent>().Decode(*recorded, &event)) continue;
    if (event.has_targets_set() && decision != nullptr) *decision = event.targets_set().decision();
    plan = domain::Evolve(std::move(plan),
                          domain::ParseDateOr(recorded->occurred_on(), absl::CivilDay()), event);
  }
  if (!plan.set) return std::nullopt;
  return plan;
}

absl::StatusOr<coop::v1::AnnualReportReply> StatisticsReader::AnnualReport(
    const coop::v1::AnnualReportRequest& request, uint64_t position) const {
  auto language = domain::text::ParseLanguage("lang", request.lang());
  if (!language.ok()) return language.status();
  auto annual = Annual(request.scope(), position, *language);
  if (!annual.ok()) return annual.status();
  auto scope = ResolveScope(request.scope());
  if (!scope.ok()) return scope.status();

  AnnualReportFacts facts;
  facts.language = *language;
  facts.year = scope->year;
  facts.reporting_year = scope->period == PeriodKind::kReportingYear;
  facts.period_from = domain::ParseDateOr(annual->period_from(), absl::CivilDay());
  facts.period_to = domain::ParseDateOr(annual->period_to(), absl::CivilDay());
  const AreaCatalog& catalog = AreaCatalog::Reference(scope->unit_set);
  if (!scope->nation()) {
    const auto* unit = catalog.Find(scope->code);
    facts.area_in_text =
        unit != nullptr ? domain::text::PlaceInText(unit->name, *language) : annual->area_name();
  }
  for (const auto& figure : annual->figures()) facts.figures[figure.name()] = figure.value();

  // The hội quán founded in the period and counted in the area, in the order they were founded.
  if (facts.figures[names::kHallsFounded] != 0) {
    auto replayed = Replay(*scope, domain::HallAggregate::kStreamPrefix, {names::kHallsFounded});
    if (!replayed.ok()) return replayed.status();
    // (founded on, position) → the hall.
    std::vector<std::pair<std::pair<std::string, uint64_t>, AnnualReportFacts::Hall>> halls;
    for (const auto& kept : replayed->contributions) {
      auto events = EntityEvents(kept.entity_id);
      if (!events.ok()) return events.status();
      for (const auto& recorded : domain::EffectiveEvents(*events)) {
        coop::v1::HallEvent event;
        if (!domain::CodecFor<coop::v1::HallEvent>().Decode(recorded, &event) ||
            !event.has_founded()) {
          continue;
        }
        halls.push_back(
            {{recorded.occurred_on(), recorded.position()},
             {event.founded().hamlet(), CommuneInText(event.founded().address(), *language)}});
        break;
      }
    }
    std::sort(halls.begin(), halls.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, hall] : halls) facts.halls.push_back(std::move(hall));
  }

  // Next year's plan for the area, in the report's unit set.
  const std::vector<const domain::areas::AreaUnit*> communes = CommunesOfScope(*scope);
  facts.commune_kinds = CommuneKinds(communes, *language);
  auto plan = Plan(annual->area(), scope->year + 1, scope->knowledge, nullptr);
  if (!plan.ok()) return plan.status();
  if (plan->has_value()) {
    for (const auto& [indicator, target] : (*plan)->targets) {
      AnnualReportFacts::Target out;
      out.indicator = indicator;
      out.comparison = target.comparison();
      out.value = target.value();
      out.per_commune = target.per_commune();
      out.total = AreaTarget(target.value(), target.per_commune(), communes.size());
      facts.targets.push_back(out);
    }
  }

  coop::v1::AnnualReportReply reply;
  *reply.mutable_area() = annual->area();
  reply.set_area_name(annual->area_name());
  reply.set_year(annual->year());
  reply.set_period_from(annual->period_from());
  reply.set_period_to(annual->period_to());
  reply.set_position(annual->position());
  reply.set_source(annual->source());
  reply.set_lang(domain::text::LanguageCode(*language));
  *reply.mutable_year_paragraph() = YearParagraph(facts);
  *reply.mutable_targets_paragraph() = TargetsParagraph(facts);
  return reply;
}

}  // namespace coop::projections::statistics
