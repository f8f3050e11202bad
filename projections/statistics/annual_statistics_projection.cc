#include "projections/statistics/annual_statistics_projection.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/saturating_add.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "coop/v1/reporting.pb.h"
#include "domain/areas/area_catalog.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/placement_aggregate.h"
#include "domain/programs/plan_aggregate.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "projections/statistics/entity_figures.h"
#include "projections/statistics/statistic_catalog.h"

namespace coop::projections::statistics {
namespace {

using domain::areas::AreaCatalog;
using domain::areas::UnitSet;
using domain::areas::UnitSetName;

// A share key: "<unit set>|<chain, comma-separated>|<year>".
std::string ShareEntryKey(const std::string& unit_set, const std::vector<std::string>& chain,
                          int year) {
  return absl::StrCat(unit_set, "|", absl::StrJoin(chain, ","), "|", year);
}

// The year of a share key; the largest int if it has none, so that a malformed key is always
// diffed (and ApplyDiff reports it), never kept as it is.
int ShareEntryYear(const std::string& key) {
  int year = 0;
  const size_t bar = key.rfind('|');
  if (bar == std::string::npos || !absl::SimpleAtoi(key.substr(bar + 1), &year)) {
    return std::numeric_limits<int>::max();
  }
  return year;
}

// Figures in the catalogue's order (Statistics()), as a FigureVector holds them.
using Figures = std::vector<int64_t>;
// An entity's share of the totals: share key -> its figures.
using Shares = std::map<std::string, Figures>;

Shares SharesOf(const coop::v1::EntityContributionRow& row) {
  Shares out;
  for (const auto& [key, figures] : row.shares()) {
    out[key].assign(figures.values().begin(), figures.values().end());
  }
  return out;
}

// The figure at `index`, a missing one 0.
int64_t At(const Figures& figures, size_t index) {
  return index < figures.size() ? figures[index] : 0;
}

// Adds `delta` to the figure at `index` of a totals row.
void AddAt(TotalsRow& row, int index, int64_t delta) {
  if (row.size() <= static_cast<size_t>(index)) row.resize(index + 1, 0);
  row[index] = base::SaturatingAdd(row[index], delta);
}

// Trailing zeros are left out of a totals row (an all-zero row is deleted); so is the room
// they took.
void TrimZeros(TotalsRow& row) {
  size_t size = row.size();
  while (size > 0 && row[size - 1] == 0) --size;
  row.resize(size);
  if (row.capacity() > size) row.shrink_to_fit();
}

int64_t ValueAt(const TotalsRow& row, int index) {
  return static_cast<size_t>(index) < row.size() ? row[index] : 0;
}

int64_t GoodOrFair(const TotalsRow& row) {
  static const int good = StatisticIndex(names::kRatingsGood);
  static const int fair = StatisticIndex(names::kRatingsFair);
  int64_t total = ValueAt(row, good);
  base::AddTo(&total, ValueAt(row, fair));
  return total;
}

bool IsCommune(absl::string_view unit_set, absl::string_view code) {
  auto set = domain::areas::ParseUnitSet(std::string_view(unit_set.data(), unit_set.size()));
  if (!set.ok()) return false;
  const auto* unit = AreaCatalog::Reference(*set).Find(std::string_view(code.data(), code.size()));
  return unit != nullptr && unit->level == domain::areas::AreaLevel::kCommune;
}

// Applies `changes` (catalogue index -> change) of one share key to the totals of every level
// of its chain, and keeps the criterion-13 count of communes in step.
absl::Status ApplyDiff(ProjectionWriter& writer, PageRows<TotalsRow, TotalsRowCodec>& totals_rows,
                       const std::string& share_key,
                       const std::vector<std::pair<int, int64_t>>& changes) {
  const std::vector<absl::string_view> parts = absl::StrSplit(share_key, '|');
  if (parts.size() != 3) return absl::DataLossError("annual_statistics: bad share key");
  const absl::string_view unit_set = parts[0];
  const std::vector<absl::string_view> chain = absl::StrSplit(parts[1], ',');
  int year = 0;
  if (!absl::SimpleAtoi(parts[2], &year)) {
    return absl::DataLossError("annual_statistics: bad share year");
  }
  static const int criterion13 = StatisticIndex(names::kCriterion13);
  int64_t criterion13_change = 0;
  for (size_t level = 0; level < chain.size(); ++level) {
    const std::string key = AnnualStatisticsProjection::TotalsKey(unit_set, chain[level], year);
    auto totals = totals_rows.Get(writer, key);
    if (!totals.ok()) return totals.status();
    TotalsRow& row = **totals;
    const int64_t before = GoodOrFair(row);
    for (const auto& [index, delta] : changes) AddAt(row, index, delta);
    if (level == 0 && IsCommune(unit_set, chain[0])) {
      const int64_t after = GoodOrFair(row);
      criterion13_change = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    }
    if (criterion13_change != 0) AddAt(row, criterion13, criterion13_change);
    TrimZeros(row);
    totals_rows.Changed(key, row.empty());
  }
  if (chain.size() >= 2 && !chain[0].empty() && (chain[0][0] == 'u' || chain[0][0] == '?')) {
    writer.Put(absl::StrCat(AnnualStatisticsProjection::BucketPrefix(unit_set, chain[1]), chain[0]),
               "");
  }
  return absl::OkStatus();
}

}  // namespace

bool TotalsRowCodec::Parse(const std::string& bytes, TotalsRow* row) {
  coop::v1::FigureVector stored;
  if (!stored.ParseFromString(bytes)) return false;
  row->assign(stored.values().begin(), stored.values().end());
  return true;
}

std::string TotalsRowCodec::Serialize(const TotalsRow& row) {
  // The bytes protobuf writes for a FigureVector holding `row` (field 1, packed sint64), without
  // building one: a rebuild writes the nation's totals rows again page after page
  // (TotalsRowCodecTest compares them with protobuf's own).
  using google::protobuf::internal::WireFormatLite;
  using google::protobuf::io::CodedOutputStream;
  if (row.empty()) return std::string();
  size_t payload = 0;
  for (const int64_t value : row) {
    payload += CodedOutputStream::VarintSize64(WireFormatLite::ZigZagEncode64(value));
  }
  const uint32_t tag = WireFormatLite::MakeTag(1, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
  std::string out(CodedOutputStream::VarintSize32(tag) +
                      CodedOutputStream::VarintSize32(static_cast<uint32_t>(payload)) + payload,
                  '\0');
  uint8_t* at = reinterpret_cast<uint8_t*>(out.data());
  at = CodedOutputStream::WriteVarint32ToArray(tag, at);
  at = CodedOutputStream::WriteVarint32ToArray(static_cast<uint32_t>(payload), at);
  for (const int64_t value : row) {
    at = CodedOutputStream::WriteVarint64ToArray(WireFormatLite::ZigZagEncode64(value), at);
  }
  return out;
}

std::string AnnualStatisticsProjection::TotalsKey(absl::string_view unit_set,
                                                  absl::string_view code, int year) {
  std::string key = absl::StrCat("t/", unit_set, "/", code, "/");
  if (year >= 0 && year <= 9999) {
    absl::StrAppend(&key, absl::Dec(year, absl::kZeroPad4));
  } else {
    absl::StrAppendFormat(&key, "%04d", year);  // as before: a sign, and no padding past four
  }
  return key;
}

UnitSet AnnualStatisticsProjection::UnitSetOfYear(int year) {
  return domain::areas::UnitSetInForceOn(absl::CivilDay(year, 12, 31));
}

std::string AnnualStatisticsProjection::IndexPrefix(UnitSet set, const std::string& code) {
  auto chain = AreaCatalog::Reference(set).ChainToProvince(code);
  if (!chain.ok()) return "";
  std::vector<std::string> path;
  for (auto it = chain->rbegin(); it != chain->rend(); ++it) path.push_back((*it)->code);
  return absl::StrCat("x/", UnitSetName(set), "/", absl::StrJoin(path, "/"), "/");
}

absl::Status AnnualStatisticsProjection::Apply(const coop::v1::RecordedEvent& event,
                                               ProjectionWriter& writer) {
  return ApplyStored(event, {}, writer);
}

absl::Status AnnualStatisticsProjection::ApplyStored(const coop::v1::RecordedEvent& event,
                                                     std::string_view stored_bytes,
                                                     ProjectionWriter& writer) {
  const std::string& stream = event.stream_id();
  if (absl::StartsWith(stream, domain::PlanAggregate::kStreamPrefix)) {
    // Plans add no figures; their events are kept for GetPlanProgress.
    return streams_.Append(writer, EntityKey(stream), event, stored_bytes);
  }
  const bool grant = absl::StartsWith(stream, domain::GrantAggregate::kStreamPrefix);
  if (grant || absl::StartsWith(stream, domain::OcopAggregate::kStreamPrefix) ||
      absl::StartsWith(stream, domain::PlacementAggregate::kStreamPrefix)) {
    // Linked to a cooperative, named by the first event (enrolment, placement, and a grant
    // filed under no area); a grant with its own area, or for a group, is its own entity.
    const std::string owner_key = "m/" + stream;
    auto owner = writer.Get(owner_key);
    if (!owner.ok()) return owner.status();
    std::string cooperative_id = owner->value_or("");
    if (!owner->has_value()) {
      coop::v1::OcopProductEnrolled enrolled;
      coop::v1::GraduatePlaced placed;
      coop::v1::SupportGranted granted;
      if (event.type() == enrolled.GetDescriptor()->full_name() &&
          enrolled.ParseFromString(event.payload())) {
        cooperative_id = enrolled.cooperative_id();
      } else if (event.type() == placed.GetDescriptor()->full_name() &&
                 placed.ParseFromString(event.payload())) {
        cooperative_id = placed.cooperative_id();
      } else if (event.type() == granted.GetDescriptor()->full_name() &&
                 granted.ParseFromString(event.payload()) && granted.area().code().empty()) {
        cooperative_id = granted.cooperative_id();
      }
      // A grant's owner is decided once, by its first event: "" for its own entity.
      if (!cooperative_id.empty() || grant) writer.Put(owner_key, cooperative_id);
    }
    if (!cooperative_id.empty()) {
      return ApplyToEntity(CooperativeEntityId(cooperative_id), event, stored_bytes, writer);
    }
    if (!grant) return absl::OkStatus();  // nothing before its first event
  }
  const std::string entity_id = EntityIdOfStream(stream);
  if (entity_id.empty()) return absl::OkStatus();
  return ApplyToEntity(entity_id, event, stored_bytes, writer);
}

absl::Status AnnualStatisticsProjection::ApplyToEntity(const std::string& entity_id,
                                                       const coop::v1::RecordedEvent& event,
                                                       std::string_view stored_bytes,
                                                       ProjectionWriter& writer) {
  // The entity's events; its figures are recomputed once for the page (RefreshEntity).
  if (auto st = streams_.Append(writer, EntityKey(entity_id), event, stored_bytes); !st.ok()) {
    return st;
  }
  const int first_year = FirstYearChangedBy(event, PeriodKind::kCalendarYear);
  auto [it, inserted] = touched_.try_emplace(entity_id);
  Touched& touched = it->second;
  touched.first_year = inserted ? first_year : std::min(touched.first_year, first_year);
  if (!event.area().code().empty())
    touched.areas.insert(event.area().unit_set() + "|" + event.area().code());
  return absl::OkStatus();
}

absl::Status AnnualStatisticsProjection::RefreshEntity(const std::string& entity_id,
                                                       const Touched& touched,
                                                       ProjectionWriter& writer) {
  // 1. The entity's events.
  auto stored = streams_.Events(writer, EntityKey(entity_id));
  if (!stored.ok()) return stored.status();
  const EventRefs& events = *stored;

  // 2. Its figures, mapped onto each year's unit set; stocks as year-on-year changes. Only the
  // years from `from` on are recomputed (0: all), and the year before them, whose stocks the
  // changes of `from` are taken against; the share's earlier years stand as stored.
  // Past the entity's last year its stocks stand (EntityFigures), so the years between the
  // last one before and an event dated later hold no changes, in the whole computation too.
  int from = touched.first_year;
  EntityFigures figures =
      ComputeEntityFigures(entity_id, events, Knowledge{}, PeriodKind::kCalendarYear,
                           /*only_year=*/0, from == 0 ? 0 : from - 1);
  // A cooperative's linked figures of the years before its first count at its address at the
  // end of that year, which an event of that year may change: then every year is recomputed.
  if (from != 0 && figures.owner_first_year != 0 && from <= figures.owner_first_year &&
      figures.first_year < figures.owner_first_year) {
    from = 0;
    figures = ComputeEntityFigures(entity_id, events, Knowledge{}, PeriodKind::kCalendarYear);
  }
  const int fold_from = from == 0 ? 0 : from - 1;
  ++refresh_counts_.entities;
  if (figures.first_year != 0) {
    refresh_counts_.years +=
        std::max(0, figures.last_year - std::max(figures.first_year, from) + 1);
  }
  const size_t catalogue_size = Statistics().size();
  Shares fresh;
  const auto fresh_at = [&](const std::string& key) -> Figures& {
    Figures& figures = fresh[key];
    if (figures.empty()) figures.resize(catalogue_size, 0);
    return figures;
  };
  std::set<std::string> indexed;
  // (unit set, chain key, catalogue index) -> year -> value
  std::map<std::tuple<std::string, std::string, int>, std::map<int, int64_t>> stocks;
  std::map<std::string, std::vector<std::string>> chains;  // chain key -> chain
  for (const auto& [year, contributions] : figures.by_year) {
    const UnitSet set = UnitSetOfYear(year);
    const std::string& set_name = UnitSetName(set);
    for (const auto& c : contributions) {
      const StatisticDef* def = FindStatistic(c.statistic);
      if (def == nullptr) {
        return absl::InternalError(absl::StrCat("annual_statistics: statistic \"", c.statistic,
                                                "\" is not in the catalogue"));
      }
      const int index = static_cast<int>(def - Statistics().data());
      if (!c.area.code().empty()) indexed.insert(c.area.unit_set() + "|" + c.area.code());
      const MappedArea& mapped = mapper_.Map(c.area, set, figures.readdress);
      const std::string chain_key = absl::StrJoin(mapped.chain, ",");
      chains.emplace(chain_key, mapped.chain);
      if (def->kind == StatisticKind::kStock) {
        base::AddTo(&stocks[{set_name, chain_key, index}][year], c.value);
      } else if (year >= from) {
        base::AddTo(&fresh_at(ShareEntryKey(set_name, mapped.chain, year))[index], c.value);
      }
    }
  }
  for (const auto& [series, values] : stocks) {
    const auto& [set_name, chain_key, index] = series;
    const bool two_level = set_name == UnitSetName(UnitSet::k2025_07);
    const int series_from = two_level ? std::max(figures.first_year, 2025) : figures.first_year;
    const int to = two_level ? figures.last_year : std::min(figures.last_year, 2024);
    int64_t previous = 0;
    for (int year = std::max(series_from, fold_from); year <= to; ++year) {
      auto it = values.find(year);
      const int64_t value = it == values.end() ? 0 : it->second;
      if (value != previous && year >= from) {
        fresh_at(ShareEntryKey(set_name, chains[chain_key], year))[index] += value - previous;
      }
      previous = value;
    }
  }

  // 3. The area index (never shrinks: an entity stays a candidate of every area it was in,
  // and every area it had is the area of one of its events; those of the years not
  // recomputed were indexed when they were).
  indexed.insert(touched.areas.begin(), touched.areas.end());
  for (const auto& area : indexed) {
    const std::vector<std::string> parts = absl::StrSplit(area, '|');
    auto set = domain::areas::ParseUnitSet(parts[0]);
    if (!set.ok()) continue;
    std::string prefix = IndexPrefix(*set, parts[1]);
    if (prefix.empty()) prefix = absl::StrCat("x/", parts[0], "/?", parts[1], "/");
    index_rows_.Put(writer, absl::StrCat(prefix, "#", entity_id));
  }

  // 4. Retract the old share, add the new one: only what changed touches the totals. Of the
  // old share, the years before `from` stay.
  auto share_row = shares_.Get(writer, ShareKey(entity_id));
  if (!share_row.ok()) return share_row.status();
  Shares old_shares = SharesOf(**share_row);
  Shares kept;  // the years before `from`, not recomputed (no key of `fresh` is among them)
  for (auto it = old_shares.begin(); it != old_shares.end();) {
    if (ShareEntryYear(it->first) < from) {
      kept.insert(std::move(*it));
      it = old_shares.erase(it);
    } else {
      ++it;
    }
  }
  std::set<std::string> keys;
  for (const auto& [key, unused] : old_shares) keys.insert(key);
  for (const auto& [key, unused] : fresh) keys.insert(key);
  static const Figures kNone;
  std::vector<std::pair<int, int64_t>> changes;  // catalogue index -> change
  for (const auto& key : keys) {
    auto now = fresh.find(key);
    auto before = old_shares.find(key);
    const Figures& after_figures = now == fresh.end() ? kNone : now->second;
    const Figures& before_figures = before == old_shares.end() ? kNone : before->second;
    changes.clear();
    for (size_t i = 0; i < std::max(after_figures.size(), before_figures.size()); ++i) {
      const int64_t delta = At(after_figures, i) - At(before_figures, i);
      if (delta != 0) changes.emplace_back(static_cast<int>(i), delta);
    }
    if (changes.empty()) continue;
    if (auto st = ApplyDiff(writer, totals_, key, changes); !st.ok()) return st;
  }
  coop::v1::EntityContributionRow& new_row = **share_row;
  new_row.Clear();
  fresh.merge(kept);
  for (auto& [key, figures] : fresh) {
    size_t size = figures.size();
    while (size > 0 && figures[size - 1] == 0) --size;
    if (size == 0) continue;
    auto& values = *(*new_row.mutable_shares())[key].mutable_values();
    values.Add(figures.begin(), figures.begin() + size);
  }
  shares_.Changed(ShareKey(entity_id), new_row.shares().empty());
  return absl::OkStatus();
}

void AnnualStatisticsProjection::BeginPage(uint64_t first_position) {
  touched_.clear();
  streams_.BeginPage(first_position);
  shares_.BeginPage(first_position, kMaxCachedEntities);
  totals_.BeginPage(first_position, kMaxCachedTotals);
  index_rows_.BeginPage(first_position, kMaxWrittenIndexKeys);
}

absl::Status AnnualStatisticsProjection::FinishPage(ProjectionWriter& writer,
                                                    uint64_t last_position) {
  // Each entity's share is recomputed once for the page, after all its events of the page:
  // the totals move by (share after the page) - (share before it), which is what recomputing
  // after each event would have summed to.
  for (const auto& [entity_id, touched] : touched_) {
    if (auto st = RefreshEntity(entity_id, touched, writer); !st.ok()) return st;
  }
  touched_.clear();
  if (auto st = streams_.FinishPage(writer, last_position); !st.ok()) return st;
  shares_.FinishPage(writer, last_position);
  totals_.FinishPage(writer, last_position);
  index_rows_.FinishPage(last_position);
  return absl::OkStatus();
}

}  // namespace coop::projections::statistics
