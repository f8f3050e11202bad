// PersonLinksProjection ("person_links", version 1): which cooperatives' events name a
// person — today the graduate placements (coop.v1.GraduatePlaced.person_ref with its host
// cooperative). The People service adds those cooperatives' areas to the areas of the person
// whose details a recorder may read or change (services/people_service.h).
//
// Rows: "p/" + person_ref + "/" + cooperative_id -> "" (one per person and cooperative).
// A link, once made, stays: a voided or amended placement keeps it (reading a person's details
// is allowed a little wider rather than refused to the office that placed them).
//
// Thread-safety: as Projection (one runner at a time); CooperativesOf is thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_PERSON_LINKS_PROJECTION_H_
#define COOPLEDGER_PROJECTIONS_PERSON_LINKS_PROJECTION_H_

#include <string>
#include <vector>

#include "projections/projection.h"
#include "projections/projection_store.h"

namespace coop::projections {

class PersonLinksProjection final : public Projection {
 public:
  static constexpr const char* kName = "person_links";

  std::string name() const override { return kName; }
  uint32_t version() const override { return 1; }
  absl::Status Apply(const coop::v1::RecordedEvent& event, ProjectionWriter& writer) override;

  // The cooperatives whose events name `person_ref`, in id order (at most 1,000).
  static absl::StatusOr<std::vector<std::string>> CooperativesOf(ProjectionStore& store,
                                                                 const std::string& person_ref);
};

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_PERSON_LINKS_PROJECTION_H_
