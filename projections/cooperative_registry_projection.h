// CooperativeRegistryProjection ("cooperative_registry", version 3): the current state of
// every cooperative and union, one CooperativeView row per cooperative id, with the facts
// other streams state about it (OCOP products, support grants, graduate placements).
//
// Rows:
//   "c/" + cooperative_id -> coop.v1.CooperativeView (served by coop.v1.Reporting)
//   "s/" + cooperative_id -> coop.v1.CooperativeRegistryStream: the stream's events so far
//                            (cooperative events and corrections, hashes stripped)
//   "e/" + stream_id      -> the same, for a linked stream (`ocop-`, `grant-`, `placement-`;
//                            see linked_streams.h)
//   "x/" + cooperative_id -> coop.v1.CooperativeView holding only ocop_products,
//                            support_received and placements, each in id order: what the
//                            linked streams say about the cooperative, merged into "c/"
//   "a/" + unit set + "/" + area code + "/" + cooperative_id -> "" (area_index.h): the
//                            cooperative's address and every unit above it, for area filters
// Corrections (EventVoided / EventAmended) can change any earlier event, so every event of a
// `coop-` stream re-folds that stream's effective events (voided ones dropped, amended ones
// with their replacement payload) with domain::Evolve from the stored "s/" row, and every
// event of a linked stream re-folds that stream from its "e/" row (an amendment may even move
// a grant to another recipient), instead of re-reading the log: Apply stays pure (no I/O but
// the writer), and a rebuild from position 1 yields the same rows. A cooperative's view is
// folded once per page in which it has events (FinishPage), not once per event, so a stream
// read whole in one page (a rebuild) is folded once; and the folds of recently touched
// cooperatives are kept in memory (kept_folds.h), so a cooperative with new events and no
// correction among them folds only those events, not its whole history again.
//
// Thread-safety: as Projection (one runner at a time).
#ifndef COOPLEDGER_PROJECTIONS_COOPERATIVE_REGISTRY_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_COOPERATIVE_REGISTRY_PROJECTION_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "coop/v1/reporting.pb.h"
#include "projections/cooperative_fold.h"
#include "projections/kept_folds.h"
#include "projections/projection.h"
#include "projections/stream_row_cache.h"

namespace coop::projections {

class CooperativeRegistryProjection final : public Projection {
 public:
  static constexpr const char* kName = "cooperative_registry";
  static std::string ViewKey(const std::string& cooperative_id) { return "c/" + cooperative_id; }
  static std::string StreamKey(const std::string& cooperative_id) { return "s/" + cooperative_id; }
  static std::string LinkedStreamKey(const std::string& stream_id) { return "e/" + stream_id; }
  static std::string FactsKey(const std::string& cooperative_id) { return "x/" + cooperative_id; }
  static constexpr const char* kViewPrefix = "c/";
  static constexpr const char* kViewEnd = "c0";  // '0' follows '/'

  std::string name() const override { return kName; }
  uint32_t version() const override { return 3; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override;
  // Keeps the event's stored bytes in its stream row (StreamRowCache::Append).
  absl::Status ApplyStored(const coop::v1::RecordedEvent& event, std::string_view stored_bytes,
                           ProjectionWriter& writer) override;
  void BeginPage(uint64_t first_position) override;
  absl::Status FinishPage(ProjectionWriter& writer, uint64_t last_position) override;

  // Folds a cooperative stream (corrections included, in stream order) into its view, without
  // the linked streams' facts. status "unregistered" if nothing counts.
  static coop::v1::CooperativeView Fold(const std::string& cooperative_id,
                                        const std::vector<coop::v1::RecordedEvent>& stream);
  // Folds events that already count (no corrections among them) in the order given; version
  // and position are the last event's. Used for a state on a business date (as of).
  static coop::v1::CooperativeView FoldEffective(
      const std::string& cooperative_id, const std::vector<coop::v1::RecordedEvent>& effective);
  // The same over references (no copies).
  static coop::v1::CooperativeView FoldRefs(
      const std::string& cooperative_id, const std::vector<const coop::v1::RecordedEvent*>& stream);
  static coop::v1::CooperativeView FoldEffectiveRefs(
      const std::string& cooperative_id,
      const std::vector<const coop::v1::RecordedEvent*>& effective);

  // A stored view (status as its latest event left it) as on `day`: the transition the
  // calendar made due by then (domain/cooperative/cooperative_calendar.h) sets status,
  // status_rule and ended_on and joins status_history. Every read of a view goes through it, so
  // a view, the rules and the statistics agree on any day. `day` is on or after the view's
  // latest event (today, or the on_date its events were cut at).
  static void AsOn(absl::CivilDay day, coop::v1::CooperativeView* view);
  // The status AsOn would give, without changing the view.
  static std::string StatusOn(absl::CivilDay day, const coop::v1::CooperativeView& view);

  // Events fed to cooperative folds so far: with kept folds it grows by a cooperative's new
  // events, not by its whole history, each time the cooperative is touched. Read it from the
  // runner's thread, or after the runner stopped.
  uint64_t events_folded() const { return events_folded_; }

 private:
  absl::Status ApplyCooperativeEvent(const coop::v1::RecordedEvent& event,
                                     std::string_view stored_bytes, ProjectionWriter& writer);
  absl::Status ApplyLinkedEvent(const coop::v1::RecordedEvent& event, ProjectionWriter& writer);
  // Re-folds the cooperative's view from its "s/" and "x/" rows and updates its index rows.
  absl::Status Refresh(const std::string& cooperative_id, ProjectionWriter& writer);
  // FoldRefs of the cooperative's stream (its "s/" row), from the kept fold when it has folded
  // every stored event and the page brought no correction: then only the page's events are
  // folded, and the stored ones are not even parsed.
  absl::StatusOr<coop::v1::CooperativeView> FoldKept(const std::string& cooperative_id,
                                                     const StreamRowCache::Tail& tail,
                                                     ProjectionWriter& writer);

  // "s/" rows (stream_row_cache.h: the page's events are kept without copies), kept across
  // pages while each page follows the last. Hashes are left out (fields 12-14).
  static constexpr size_t kMaxCachedStreams = 1'024;
  StreamRowCache streams_{{12, 13, 14}, kMaxCachedStreams};
  // The cooperatives whose view the page being applied changes (FinishPage folds them).
  std::set<std::string> touched_;
  // Folds of recently touched cooperatives (kept_folds.h). About 2 KB each.
  static constexpr size_t kMaxKeptFolds = 32'768;
  KeptFolds<CooperativeFold> folds_{kMaxKeptFolds};
  uint64_t events_folded_ = 0;
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_COOPERATIVE_REGISTRY_PROJECTION_H_
