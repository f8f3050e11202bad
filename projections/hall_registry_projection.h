// HallRegistryProjection ("hall_registry", version 1): the current state of every community
// hall (hội quán), one HallView row per hall id.
//
// Rows:
//   "h/" + hall_id -> coop.v1.HallView (served by coop.v1.Reporting)
//   "s/" + hall_id -> coop.v1.CooperativeRegistryStream: the hall stream's events so far
//                     (hall events and corrections, hashes stripped)
//   "a/" + unit set + "/" + area code + "/" + hall_id -> "" (area_index.h)
// Every event of a `hall-` stream re-folds the hall's effective events with domain::Evolve,
// so corrections are honoured and a rebuild gives the same rows.
//
// Thread-safety: as Projection (one runner at a time).
#ifndef COOPLEDGER_PROJECTIONS_HALL_REGISTRY_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_HALL_REGISTRY_PROJECTION_H_

#include <string>
#include <vector>

#include "coop/v1/reporting.pb.h"
#include "projections/projection.h"

namespace coop::projections {

class HallRegistryProjection final : public Projection {
 public:
  static constexpr const char* kName = "hall_registry";
  static std::string ViewKey(const std::string& hall_id) { return "h/" + hall_id; }
  static std::string StreamKey(const std::string& hall_id) { return "s/" + hall_id; }
  static constexpr const char* kViewPrefix = "h/";
  static constexpr const char* kViewEnd = "h0";  // '0' follows '/'

  std::string name() const override { return kName; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override;

  // Folds a hall stream (corrections included, in stream order). status "not founded" if
  // nothing counts.
  static coop::v1::HallView Fold(const std::string& hall_id,
                                 const std::vector<coop::v1::RecordedEvent>& stream);
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_HALL_REGISTRY_PROJECTION_H_
