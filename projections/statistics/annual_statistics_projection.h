// AnnualStatisticsProjection ("annual_statistics"): the totals behind coop.v1.Reporting's
// GetAnnualStatistics, per unit set, area (every level) and year, kept exactly in step with
// the log — also through corrections and events recorded late about earlier years.
//
// For every entity (entity_figures.h) it keeps its events and its current share of the
// totals. Once per page, for each entity with events in the page, it recomputes the entity's
// figures of the years those events can change (FirstYearChangedBy: an event dated this year
// changes this year on, a correction every year), maps their areas to the unit set in force in
// each year (area_mapper.h), and applies the difference between the new share of those years
// and the stored one to the total rows of every level the area rolls up into; the share of
// the earlier years stands. (A cooperative's linked figures of years before its first year count
// at its address at the end of that year: an event of that year recomputes every year.)
// Stocks are stored as year-on-year changes, so a stock at the end of Y is the sum of an
// area's rows up to Y (an entity's last value stands for every later year without rows for
// them); flows are stored in their year.
//
// Rows (keys):
//   e/<entity id>                   CooperativeRegistryStream: the entity's events so far,
//                                   without their hashes and metadata
//   m/<stream id>                   the cooperative an OCOP product, a placement or a grant
//                                   filed under no area belongs to ("" for a grant that is
//                                   its own entity); decided by the stream's first event
//   x/<unit set>/<path>/#<entity>   area index: every area an entity was recorded at;
//                                   path = province/district/commune codes ("?<code>" if
//                                   not a unit)
//   k/<entity id>                   EntityContributionRow: its share of the totals, per unit
//                                   set, area chain and year, in the catalogue's order
//   t/<unit set>/<code>/<yyyy>      FigureVector: totals of an area ("VN" the nation, "u<old>"
//                                   a bucket of a split commune) for a year
//   b/<unit set>/<parent>/<bucket>  the buckets under a province (or "VN")
//
// Thread-safety: as Projection (one runner at a time); the static helpers are thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_STATISTICS_ANNUAL_STATISTICS_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_STATISTICS_ANNUAL_STATISTICS_PROJECTION_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "coop/v1/reporting.pb.h"
#include "domain/areas/unit_set.h"
#include "projections/page_rows.h"
#include "projections/projection.h"
#include "projections/statistics/area_mapper.h"
#include "projections/stream_row_cache.h"

namespace coop::projections::statistics {

// A totals row (t/…) as the projection holds it: the figures in the catalogue's order without
// trailing zeros, stored as a coop.v1.FigureVector (the same bytes as when it was held parsed).
// The nation's 163,371 rows held parsed raised a rebuild's peak memory by about 200 MiB, held
// as plain integers by about 100 MiB (docs/PERFORMANCE.md, "The national rebuild").
using TotalsRow = std::vector<int64_t>;
struct TotalsRowCodec {
  static bool Parse(const std::string& bytes, TotalsRow* row);
  static std::string Serialize(const TotalsRow& row);
};

class AnnualStatisticsProjection final : public Projection {
 public:
  static constexpr const char* kName = "annual_statistics";

  std::string name() const override { return kName; }
  // 4: totals rows are FigureVectors in the catalogue's order (kCatalogueFingerprint).
  // 5: entity events are kept without metadata.
  // 6: shares (k/ rows) are FigureVectors in the catalogue's order, not figures by name.
  uint32_t version() const override { return 6; }
  // A fingerprint of the statistic catalogue's names in order, which the totals rows' format
  // depends on: a test fails when the catalogue changes without this and version() changing.
  static constexpr uint64_t kCatalogueFingerprint = 6328632516747343571ull;
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override;
  // Keeps the event's stored bytes in its stream row (StreamRowCache::Append).
  absl::Status ApplyStored(const coop::v1::RecordedEvent& event, std::string_view stored_bytes,
                           ProjectionWriter& writer) override;
  void BeginPage(uint64_t first_position) override;
  absl::Status FinishPage(ProjectionWriter& writer, uint64_t last_position) override;

  // What the refreshes since construction recomputed (for tests and benchmarks): entities, and
  // the years of their shares, summed.
  struct RefreshCounts {
    uint64_t entities = 0;
    uint64_t years = 0;
  };
  RefreshCounts refresh_counts() const { return refresh_counts_; }

  static std::string EntityKey(const std::string& entity_id) { return "e/" + entity_id; }
  static std::string ShareKey(const std::string& entity_id) { return "k/" + entity_id; }
  // "t/<unit set>/<code>/<year>", the year zero-padded to four characters as by "%04d".
  static std::string TotalsKey(absl::string_view unit_set, absl::string_view code, int year);
  static std::string TotalsPrefix(const std::string& unit_set, const std::string& code) {
    return absl::StrFormat("t/%s/%s/", unit_set, code);
  }
  static std::string BucketPrefix(absl::string_view unit_set, absl::string_view parent) {
    return absl::StrCat("b/", unit_set, "/", parent, "/");
  }
  // The index prefix of an area of `set` ("x/<set>/<path>/"); "" if it is not a unit.
  static std::string IndexPrefix(domain::areas::UnitSet set, const std::string& code);
  // The default unit set of a year's totals: the one in force on 31 December.
  static domain::areas::UnitSet UnitSetOfYear(int year);

 private:
  // Keeps the event with its entity's events and marks the entity touched in this page.
  absl::Status ApplyToEntity(const std::string& entity_id, const coop::v1::RecordedEvent& event,
                             std::string_view stored_bytes, ProjectionWriter& writer);
  // An entity with events in the page being applied.
  struct Touched {
    std::set<std::string> areas;  // "<unit set>|<code>" of those events' areas
    int first_year = 0;           // the earliest FirstYearChangedBy of them (0: every year)
  };
  // Recomputes a touched entity's figures from all its events, for the years its events of
  // the page can change, and moves the totals, the area index and its share to them.
  absl::Status RefreshEntity(const std::string& entity_id, const Touched& touched,
                             ProjectionWriter& writer);
  AreaMapper mapper_;
  std::map<std::string, Touched> touched_;  // by entity id
  RefreshCounts refresh_counts_;
  // Rows kept across pages while each page follows the last one finished: entity events
  // (stream_row_cache.h), entity shares and totals (parsed, page_rows.h).
  static constexpr size_t kMaxCachedEntities = 1'024;
  // Every total row of the nation: 163,371 rows after the national rebuild. When they were
  // held parsed (FigureVector), 30,000 were: reading the others back was a sixth of the
  // statistics' CPU in a rebuild. They stay cached while the server runs (about 100 MiB at
  // national scale); once a history has more, all are dropped at the first page over the bound.
  static constexpr size_t kMaxCachedTotals = 250'000;
  // Entity events (stream_row_cache.h: the page's events are kept without copies). What the
  // statistics keep of an event is all but its metadata and hashes (fields 8, 12-14), which no
  // figure, explanation or plan reads: a smaller row is quicker to read back and re-fold.
  StreamRowCache streams_{{8, 12, 13, 14}, kMaxCachedEntities};
  PageRows<coop::v1::EntityContributionRow> shares_;
  PageRows<TotalsRow, TotalsRowCodec> totals_;
  // The area index rows (x/…) written: an entity's rows are put again at every refresh
  // otherwise, a quarter of the rows it commits while following commands live.
  static constexpr size_t kMaxWrittenIndexKeys = 131'072;
  WrittenKeys index_rows_;
};

}  // namespace coop::projections::statistics

#endif  // COOPLEDGER_PROJECTIONS_STATISTICS_ANNUAL_STATISTICS_PROJECTION_H_
