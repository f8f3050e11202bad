// CooperativeRegistryProjection ("cooperative_registry", version 1): the current state of
// every cooperative and union, one CooperativeView row per cooperative id.
//
// Rows:
//   "c/" + cooperative_id -> coop.v1.CooperativeView (served by coop.v1.Reporting)
//   "s/" + cooperative_id -> coop.v1.CooperativeRegistryStream: the stream's events so far
//                            (cooperative events and corrections, hashes stripped)
// Corrections (EventVoided / EventAmended in the cooperative's stream) can change any earlier
// event, so every event of a `coop-` stream re-folds that stream's effective events (voided
// ones dropped, amended ones with their replacement payload) with domain::Evolve from the
// stored "s/" row, instead of re-reading the log: Apply stays pure (no I/O but the writer),
// and a rebuild from position 1 yields the same rows. Cooperative streams are short (tens of
// events), so the quadratic re-fold is cheap; a later version can keep a folded state and only
// re-fold on a correction.
//
// Thread-safety: as Projection (one runner at a time).
#ifndef COOPLEDGER_PROJECTIONS_COOPERATIVE_REGISTRY_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_COOPERATIVE_REGISTRY_PROJECTION_H_

#include <string>
#include <vector>

#include "coop/v1/reporting.pb.h"
#include "projections/projection.h"

namespace coop::projections {

class CooperativeRegistryProjection final : public Projection {
 public:
  static constexpr const char* kName = "cooperative_registry";
  static std::string ViewKey(const std::string& cooperative_id) { return "c/" + cooperative_id; }
  static std::string StreamKey(const std::string& cooperative_id) { return "s/" + cooperative_id; }
  static constexpr const char* kViewPrefix = "c/";
  static constexpr const char* kViewEnd = "c0";  // '0' follows '/'

  std::string name() const override { return kName; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override;

  // Folds a cooperative stream (corrections included, in stream order) into its view.
  // status "unregistered" if nothing counts.
  static coop::v1::CooperativeView Fold(const std::string& cooperative_id,
                                        const std::vector<coop::v1::RecordedEvent>& stream);
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_COOPERATIVE_REGISTRY_PROJECTION_H_
