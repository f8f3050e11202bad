// GroupRegistryProjection ("group_registry", version 2): the current state of every
// cooperative group (tổ hợp tác, THT), one GroupView row per group id, with the support
// grants given to it (grants whose recipient is the group).
//
// Rows:
//   "g/" + group_id  -> coop.v1.GroupView (served by coop.v1.Reporting)
//   "s/" + group_id  -> coop.v1.CooperativeRegistryStream: the group stream's events so far
//                       (group events and corrections, hashes stripped)
//   "e/" + stream_id -> the same, for every `grant-` stream (linked_streams.h)
//   "x/" + group_id  -> coop.v1.GroupView holding only support_received, in grant id order
//   "a/" + unit set + "/" + area code + "/" + group_id -> "" (area_index.h)
// A group with events in a page (of its own stream, or of a grant to it) is re-folded from its
// effective events with domain::Evolve once per page (FinishPage), not once per event; every
// event of a `grant-` stream re-folds that grant, so corrections in either are honoured and a
// rebuild gives the same rows (as cooperative_registry_projection.h).
//
// Thread-safety: as Projection (one runner at a time).
#ifndef COOPLEDGER_PROJECTIONS_GROUP_REGISTRY_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_GROUP_REGISTRY_PROJECTION_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/reporting.pb.h"
#include "projections/projection.h"
#include "projections/stream_row_cache.h"

namespace coop::projections {

class GroupRegistryProjection final : public Projection {
 public:
  static constexpr const char* kName = "group_registry";
  static std::string ViewKey(const std::string& group_id) { return "g/" + group_id; }
  static std::string StreamKey(const std::string& group_id) { return "s/" + group_id; }
  static std::string LinkedStreamKey(const std::string& stream_id) { return "e/" + stream_id; }
  static std::string FactsKey(const std::string& group_id) { return "x/" + group_id; }
  static constexpr const char* kViewPrefix = "g/";
  static constexpr const char* kViewEnd = "g0";  // '0' follows '/'

  std::string name() const override { return kName; }
  uint32_t version() const override { return 2; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override;
  // Keeps the event's stored bytes in its stream row (StreamRowCache::Append).
  absl::Status ApplyStored(const coop::v1::RecordedEvent& event, std::string_view stored_bytes,
                           ProjectionWriter& writer) override;
  void BeginPage(uint64_t first_position) override;
  absl::Status FinishPage(ProjectionWriter& writer, uint64_t last_position) override;

  // Folds a group stream (corrections included, in stream order) into its view, without the
  // grants. status "not formed" if nothing counts.
  static coop::v1::GroupView Fold(const std::string& group_id,
                                  const std::vector<coop::v1::RecordedEvent>& stream);
  // The same over references (no copies).
  static coop::v1::GroupView FoldRefs(const std::string& group_id,
                                      const std::vector<const coop::v1::RecordedEvent*>& stream);

  // A stored view as on `day` (on or after its latest event): the transition the calendar made
  // due by then (domain/group/group_calendar.h) sets status, status_rule and ended_on and joins
  // status_history. GetGroup and ListGroups read every view through it.
  static void AsOn(absl::CivilDay day, coop::v1::GroupView* view);
  // The status AsOn would give, without changing the view.
  static std::string StatusOn(absl::CivilDay day, const coop::v1::GroupView& view);

 private:
  absl::Status ApplyGrantEvent(const coop::v1::RecordedEvent& event, ProjectionWriter& writer);
  // Re-folds the group's view from its "s/" and "x/" rows and updates its index rows.
  absl::Status Refresh(const std::string& group_id, ProjectionWriter& writer);

  // "s/" rows (stream_row_cache.h: the page's events are kept without copies), kept across
  // pages while each page follows the last. Hashes are left out (fields 12-14).
  static constexpr size_t kMaxCachedStreams = 1'024;
  StreamRowCache streams_{{12, 13, 14}, kMaxCachedStreams};
  // The groups whose view the page being applied changes (FinishPage folds them).
  std::set<std::string> touched_;
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_GROUP_REGISTRY_PROJECTION_H_
