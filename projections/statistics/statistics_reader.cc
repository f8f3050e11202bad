#include "projections/statistics/statistics_reader.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/saturating_add.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/successors.h"
#include "domain/common/dates.h"
#include "domain/programs/plan_aggregate.h"
#include "domain/text/event_titles.h"
#include "domain/text/place_names.h"
#include "projections/statistics/annual_statistics_projection.h"
#include "projections/statistics/statistic_catalog.h"
#include "projections/stream_rows.h"

namespace coop::projections::statistics {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::UnitSet;
using domain::areas::UnitSetName;
using Projection = AnnualStatisticsProjection;

constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2100;
constexpr size_t kScanPage = 4096;

// The 2025-03 units that went (wholly or partly) into each 2025-07 unit.
const absl::flat_hash_map<std::string, std::vector<std::string>>& Predecessors() {
  static const auto* map = [] {
    auto* out = new absl::flat_hash_map<std::string, std::vector<std::string>>();
    const auto& table = domain::areas::SuccessorTable::Reference();
    for (const auto& old_code : table.old_codes()) {
      for (const auto& s : table.SuccessorsOf(old_code)) (*out)[s.new_code].push_back(old_code);
    }
    return out;
  }();
  return *map;
}

std::string AreaName(UnitSet set, const std::string& code, domain::text::Language language) {
  if (code == kNation) return language == domain::text::Language::kEnglish ? "Vietnam" : "Việt Nam";
  const auto* unit = AreaCatalog::Reference(set).Find(code);
  return unit == nullptr ? code : domain::text::PlaceTitle(unit->name, language);
}

// One line for people of what an event added to a figure, in the language asked:
//   "Đăng ký thành lập HTX: +1 vào «Số HTX cuối kỳ (không gồm LHHTX)», xã Tắc Vân (32029)"
//   "Cooperative registered: +1 to «HTX at the end of the period (not unions)», Tắc Vân Commune
//   (32029)"
std::string ExplanationLine(const std::string& type, const Contribution& c,
                            domain::text::Language language) {
  const bool english = language == domain::text::Language::kEnglish;
  const auto* title = domain::text::EventTitle(type);
  const StatisticDef* figure = FindStatistic(c.statistic);
  std::string label = figure != nullptr ? figure->Label(language) : c.statistic;
  label.erase(0, label.find_first_not_of(' '));  // the table's indentation
  std::string place = c.area.code();
  auto set = domain::areas::ParseUnitSet(c.area.unit_set());
  if (set.ok()) {
    if (const auto* unit = AreaCatalog::Reference(*set).Find(c.area.code())) {
      place = absl::StrCat(domain::text::PlaceInText(unit->name, language), " (", unit->code, ")");
    }
  }
  return absl::StrFormat("%s: %+d %s «%s», %s", title != nullptr ? title->In(language) : type,
                         c.value, english ? "to" : "vào", label, place);
}

}  // namespace

absl::StatusOr<ResolvedScope> ResolveScope(const coop::v1::StatisticsScope& scope,
                                           const std::string& field) {
  ResolvedScope out;
  if (scope.year() < kFirstYear || scope.year() > kLastYear) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, "year: phải từ ", kFirstYear, " đến ", kLastYear, ", nhận ", scope.year(), " / ",
        field, "year must be between ", kFirstYear, " and ", kLastYear, ", got ", scope.year()));
  }
  out.year = scope.year();
  if (scope.period() != coop::v1::CALENDAR_YEAR && scope.period() != coop::v1::REPORTING_YEAR) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, "period: phải là CALENDAR_YEAR hoặc REPORTING_YEAR / ", field,
                     "period must be CALENDAR_YEAR or REPORTING_YEAR"));
  }
  out.period = scope.period() == coop::v1::REPORTING_YEAR ? PeriodKind::kReportingYear
                                                          : PeriodKind::kCalendarYear;
  if (scope.as_known_at_micros() < 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, "as_known_at_micros: không được âm / ",
                                                   field,
                                                   "as_known_at_micros must not be negative"));
  }
  out.knowledge = {scope.as_known_at_position(), scope.as_known_at_micros()};
  const UnitSet of_year = Projection::UnitSetOfYear(scope.year());
  out.unit_set = of_year;
  if (!scope.area().unit_set().empty()) {
    auto set = domain::areas::ParseUnitSetField(absl::StrCat(field, "area.unit_set"),
                                                scope.area().unit_set());
    if (!set.ok()) return set.status();
    out.unit_set = *set;
  }
  if (!scope.in_units().empty()) {
    auto set = domain::areas::ParseUnitSetField(absl::StrCat(field, "in_units"), scope.in_units());
    if (!set.ok()) return set.status();
    if (!scope.area().unit_set().empty() && *set != out.unit_set) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, "in_units và ", field,
          "area.unit_set khác nhau: hãy nêu địa bàn theo bộ đơn vị dùng để báo cáo / ", field,
          "in_units and ", field, "area.unit_set differ: give the area in the units to report in"));
    }
    out.unit_set = *set;
  }
  out.code = scope.area().code().empty() ? kNation : scope.area().code();
  if (!out.nation() && AreaCatalog::Reference(out.unit_set).Find(out.code) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, "area.code ", out.code, " không thuộc danh mục đơn vị ", UnitSetName(out.unit_set),
        " / is not a unit of set ", UnitSetName(out.unit_set)));
  }
  out.precomputed = out.knowledge.unlimited() && out.period == PeriodKind::kCalendarYear &&
                    out.unit_set == of_year;
  return out;
}

std::vector<const domain::areas::AreaUnit*> CommunesOfScope(const ResolvedScope& scope) {
  const AreaCatalog& catalog = AreaCatalog::Reference(scope.unit_set);
  std::vector<const domain::areas::AreaUnit*> communes;
  if (scope.nation()) {
    for (const auto& unit : catalog.units()) {
      if (unit.level == domain::areas::AreaLevel::kCommune) communes.push_back(&unit);
    }
  } else if (auto of = catalog.CommunesOf(scope.code); of.ok()) {
    communes = *std::move(of);
  }
  return communes;
}

int64_t AreaTarget(int64_t value, bool per_commune, size_t communes) {
  if (!per_commune) return value;
  int64_t total = 0;
  if (__builtin_mul_overflow(value, static_cast<int64_t>(std::max<size_t>(communes, 1)), &total)) {
    return value < 0 ? INT64_MIN : INT64_MAX;
  }
  return total;
}

void FillFigures(const std::map<std::string, int64_t>& figures,
                 google::protobuf::RepeatedPtrField<coop::v1::StatisticFigure>* out,
                 domain::text::Language language) {
  auto value_of = [&](const std::string& name) -> int64_t {
    auto it = figures.find(name);
    return it == figures.end() ? 0 : it->second;
  };
  for (const auto& def : Statistics()) {
    auto* figure = out->Add();
    figure->set_name(def.name);
    figure->set_label(def.Label(language));
    if (def.kind == StatisticKind::kPercent) {
      int64_t numerator = 0;
      for (const auto& name : def.numerators) base::AddTo(&numerator, value_of(name));
      const int64_t denominator = value_of(def.denominator);
      figure->set_value(numerator);
      figure->set_is_percent(true);
      figure->set_denominator(denominator);
      figure->set_percent(denominator == 0 ? 0.0
                                           : 100.0 * static_cast<double>(numerator) /
                                                 static_cast<double>(denominator));
    } else {
      figure->set_value(value_of(def.name));
    }
  }
}

absl::StatusOr<uint64_t> StatisticsReader::Position() const {
  auto meta = store_->ReadMeta(Projection::kName, snapshot_.get());
  if (!meta.ok()) return meta.status();
  return meta->has_value() ? (*meta)->checkpoint : 0;
}

absl::StatusOr<std::vector<std::string>> StatisticsReader::ScanKeys(
    const std::string& prefix) const {
  std::vector<std::string> keys;
  std::string start = prefix;
  std::string end = prefix;
  end.back() = static_cast<char>(end.back() + 1);
  while (true) {
    auto page = store_->ScanKeys(Projection::kName, start, end, kScanPage, snapshot_.get());
    if (!page.ok()) return page.status();
    keys.insert(keys.end(), page->begin(), page->end());
    if (page->size() < kScanPage) return keys;
    start = page->back() + std::string(1, '\0');
  }
}

absl::StatusOr<StatisticsReader::Figures> StatisticsReader::Precomputed(UnitSet set,
                                                                        const std::string& code,
                                                                        int year) const {
  const std::string& set_name = UnitSetName(set);
  Figures figures;
  std::string start = Projection::TotalsPrefix(set_name, code);
  const std::string end = Projection::TotalsKey(set_name, code, year + 1);
  const std::string this_year = Projection::TotalsKey(set_name, code, year);
  const std::vector<StatisticDef>& catalogue = Statistics();
  while (true) {
    auto rows = store_->ScanRows(Projection::kName, start, end, kScanPage, snapshot_.get());
    if (!rows.ok()) return rows.status();
    for (const auto& [key, value] : *rows) {
      coop::v1::FigureVector row;
      if (!row.ParseFromString(value) || row.values_size() > static_cast<int>(catalogue.size())) {
        return absl::DataLossError(absl::StrCat("annual_statistics: unreadable row ", key));
      }
      const bool current = key == this_year;
      for (int i = 0; i < row.values_size(); ++i) {
        const StatisticDef& def = catalogue[i];
        if (row.values(i) == 0 || !(current || def.kind == StatisticKind::kStock)) continue;
        base::AddTo(&figures[def.name], row.values(i));
      }
    }
    if (rows->size() < kScanPage) return figures;
    start = rows->back().first + std::string(1, '\0');
  }
}

absl::StatusOr<std::vector<std::string>> StatisticsReader::Candidates(
    const ResolvedScope& scope, const std::string& kind_prefix) const {
  std::set<std::string> ids;
  if (scope.nation()) {
    auto keys = ScanKeys("e/" + kind_prefix);
    if (!keys.ok()) return keys.status();
    for (const auto& key : *keys) {
      const std::string id = key.substr(2);
      if (!absl::StartsWith(id, domain::PlanAggregate::kStreamPrefix)) ids.insert(id);
    }
    return std::vector<std::string>(ids.begin(), ids.end());
  }
  std::vector<std::string> prefixes = {Projection::IndexPrefix(scope.unit_set, scope.code)};
  if (scope.unit_set == UnitSet::k2025_07) {
    auto it = Predecessors().find(scope.code);
    if (it != Predecessors().end()) {
      for (const auto& old_code : it->second) {
        const std::string prefix = Projection::IndexPrefix(UnitSet::k2025_03, old_code);
        if (!prefix.empty()) prefixes.push_back(prefix);
      }
    }
  }
  for (const auto& prefix : prefixes) {
    if (prefix.empty()) continue;
    auto keys = ScanKeys(prefix);
    if (!keys.ok()) return keys.status();
    for (const auto& key : *keys) {
      const size_t hash = key.rfind("/#");
      if (hash == std::string::npos) continue;
      std::string id = key.substr(hash + 2);
      if (absl::StartsWith(id, kind_prefix)) ids.insert(std::move(id));
    }
  }
  return std::vector<std::string>(ids.begin(), ids.end());
}

absl::StatusOr<coop::v1::CooperativeRegistryStream> StatisticsReader::EntityStream(
    const std::string& entity_id) const {
  auto row = store_->ReadRow(Projection::kName, Projection::EntityKey(entity_id), snapshot_.get());
  if (!row.ok()) return row.status();
  coop::v1::CooperativeRegistryStream stream;
  if (row->has_value() && !stream.ParseFromString(**row)) {
    return absl::DataLossError(absl::StrCat("annual_statistics: unreadable events of ", entity_id));
  }
  return stream;
}

absl::StatusOr<std::vector<coop::v1::RecordedEvent>> StatisticsReader::EntityEvents(
    const std::string& entity_id) const {
  auto stream = EntityStream(entity_id);
  if (!stream.ok()) return stream.status();
  return std::vector<coop::v1::RecordedEvent>(
      std::make_move_iterator(stream->mutable_events()->begin()),
      std::make_move_iterator(stream->mutable_events()->end()));
}

absl::StatusOr<StatisticsReader::Replayed> StatisticsReader::Replay(
    const ResolvedScope& scope, const std::string& kind_prefix,
    const std::vector<std::string>& keep) const {
  auto ids = Candidates(scope, kind_prefix);
  if (!ids.ok()) return ids.status();
  Replayed out;
  AreaMapper mapper;
  for (const auto& id : *ids) {
    auto stream = EntityStream(id);
    if (!stream.ok()) return stream.status();
    const EntityFigures figures = ComputeEntityFigures(id, RefsTo(stream->events()),
                                                       scope.knowledge, scope.period, scope.year);
    auto year = figures.by_year.find(scope.year);
    if (year == figures.by_year.end()) continue;
    for (const auto& c : year->second) {
      const MappedArea& mapped = mapper.Map(c.area, scope.unit_set, figures.readdress);
      if (!CountsIn(mapped, scope.code)) continue;
      if (mapped.unassigned) {
        base::AddTo(&out.buckets[mapped.chain[0]][c.statistic], c.value);
      }
      base::AddTo(&out.figures[c.statistic], c.value);
      if (mapped.commune &&
          (c.statistic == names::kRatingsGood || c.statistic == names::kRatingsFair)) {
        base::AddTo(&out.good_or_fair[mapped.chain[0]], c.value);
      }
      if (std::find(keep.begin(), keep.end(), c.statistic) != keep.end()) {
        out.contributions.push_back({id, c, mapped.commune ? mapped.chain[0] : ""});
      }
    }
  }
  int64_t communes = 0;
  for (const auto& [commune, count] : out.good_or_fair) communes += count > 0 ? 1 : 0;
  if (communes != 0) out.figures[names::kCriterion13] = communes;
  return out;
}

absl::StatusOr<coop::v1::AnnualStatisticsReply> StatisticsReader::Annual(
    const coop::v1::StatisticsScope& request, uint64_t position,
    domain::text::Language language) const {
  auto scope = ResolveScope(request);
  if (!scope.ok()) return scope.status();
  coop::v1::AnnualStatisticsReply reply;
  reply.mutable_area()->set_code(scope->code);
  reply.mutable_area()->set_unit_set(UnitSetName(scope->unit_set));
  reply.set_area_name(AreaName(scope->unit_set, scope->code, language));
  reply.set_year(scope->year);
  const Period period = PeriodOf(scope->year, scope->period);
  reply.set_period_from(domain::FormatDate(period.first));
  reply.set_period_to(domain::FormatDate(period.last));
  reply.set_position(scope->knowledge.max_position != 0
                         ? std::min(position, scope->knowledge.max_position)
                         : position);
  std::map<std::string, Figures> buckets;
  if (scope->precomputed) {
    auto figures = Precomputed(scope->unit_set, scope->code, scope->year);
    if (!figures.ok()) return figures.status();
    FillFigures(*figures, reply.mutable_figures(), language);
    const bool province_or_nation =
        scope->nation() || AreaCatalog::Reference(scope->unit_set).Find(scope->code)->level ==
                               domain::areas::AreaLevel::kProvince;
    if (province_or_nation) {
      auto keys = ScanKeys(
          scope->nation() ? absl::StrCat("b/", UnitSetName(scope->unit_set), "/")
                          : Projection::BucketPrefix(UnitSetName(scope->unit_set), scope->code));
      if (!keys.ok()) return keys.status();
      for (const auto& key : *keys) {
        const std::string bucket = key.substr(key.rfind('/') + 1);
        auto bucket_figures = Precomputed(scope->unit_set, bucket, scope->year);
        if (!bucket_figures.ok()) return bucket_figures.status();
        if (!bucket_figures->empty()) buckets[bucket] = std::move(*bucket_figures);
      }
    }
    reply.set_source("precomputed");
  } else {
    auto replayed = Replay(*scope, "", {});
    if (!replayed.ok()) return replayed.status();
    FillFigures(replayed->figures, reply.mutable_figures(), language);
    buckets = std::move(replayed->buckets);
    reply.set_source("replayed");
  }
  const auto& table = domain::areas::SuccessorTable::Reference();
  for (const auto& [bucket, figures] : buckets) {
    auto* out = reply.add_unassigned();
    out->set_old_code(bucket.substr(1));
    out->set_old_name(AreaName(UnitSet::k2025_03, out->old_code(), language));
    for (const auto& s : table.SuccessorsOf(out->old_code())) out->add_candidate_codes(s.new_code);
    FillFigures(figures, out->mutable_figures(), language);
    // Keep only what the bucket holds.
    auto* list = out->mutable_figures();
    list->erase(std::remove_if(list->begin(), list->end(),
                               [](const auto& f) { return f.value() == 0 && !f.is_percent(); }),
                list->end());
  }
  return reply;
}

absl::StatusOr<coop::v1::ExplainStatisticReply> StatisticsReader::Explain(
    const coop::v1::ExplainStatisticRequest& request) const {
  const StatisticDef* def = FindStatistic(request.statistic());
  if (def == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "statistic \"", request.statistic(),
        "\" không phải chỉ tiêu đã biết; tên là tên các chỉ tiêu của "
        "GetAnnualStatistics / statistic \"",
        request.statistic(), "\" is unknown; the names are those of GetAnnualStatistics' figures"));
  }
  if (request.limit() < 0) {
    return absl::InvalidArgumentError("limit: không được âm / limit must not be negative");
  }
  auto language = domain::text::ParseLanguage("lang", request.lang());
  if (!language.ok()) return language.status();
  auto scope = ResolveScope(request.scope());
  if (!scope.ok()) return scope.status();
  std::vector<std::string> keep = {def->name};
  if (def->kind == StatisticKind::kPercent) keep = def->numerators;
  if (def->kind == StatisticKind::kCommunes) keep = {names::kRatingsGood, names::kRatingsFair};
  auto replayed = Replay(*scope, "", keep);
  if (!replayed.ok()) return replayed.status();
  coop::v1::ExplainStatisticReply reply;
  google::protobuf::RepeatedPtrField<coop::v1::StatisticFigure> figures;
  FillFigures(replayed->figures, &figures, *language);
  for (const auto& figure : figures) {
    if (figure.name() == def->name) *reply.mutable_figure() = figure;
  }
  const size_t limit = request.limit() == 0 ? 1000 : static_cast<size_t>(request.limit());
  auto& contributions = replayed->contributions;
  std::sort(contributions.begin(), contributions.end(), [](const auto& a, const auto& b) {
    return a.contribution.evidence < b.contribution.evidence;
  });
  for (const auto& kept : contributions) {
    const std::string& entity_id = kept.entity_id;
    const Contribution& c = kept.contribution;
    if (static_cast<size_t>(reply.events_size()) == limit) {
      reply.set_truncated(true);
      break;
    }
    auto* out = reply.add_events();
    out->set_position(c.evidence);
    out->set_contribution(c.value);
    auto events = EntityEvents(entity_id);
    if (!events.ok()) return events.status();
    for (const auto& e : *events) {
      if (e.position() != c.evidence) continue;
      out->set_event_id(e.event_id());
      out->set_stream_id(e.stream_id());
      out->set_type(e.type());
      out->set_occurred_on(e.occurred_on());
    }
    out->set_line(ExplanationLine(out->type(), c, *language));
  }
  return reply;
}

}  // namespace coop::projections::statistics
