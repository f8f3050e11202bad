// Who may see a person's details: admins, and recorders of the person's areas. A person's
// areas are what it was recorded for (RecordPersonRequest.recorded_for: an area, or a
// cooperative's current address) plus the current addresses of the cooperatives whose events
// name the person (graduate placements, projections/person_links_projection.h). Areas match as
// a recorder's command scope does (commands/recorder_scope.h, domain/areas/area_scope.h).
// A person recorded before scopes existed has only the linked cooperatives' areas.
//
// Reads the vault and the projections: call from a worker thread. Thread-safe.
#ifndef COOPLEDGER_SERVICES_PERSON_SCOPE_H_
#define COOPLEDGER_SERVICES_PERSON_SCOPE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "access/principal.h"
#include "coop/v1/people.pb.h"
#include "projections/projection_store.h"
#include "vault/person_vault.h"

namespace coop::services {

class PersonScopeRules {
 public:
  // Not owned; both must outlive the rules.
  PersonScopeRules(const vault::PersonVault* vault, projections::ProjectionStore* projections)
      : vault_(vault), projections_(projections) {}

  // The area `scope` stands for: its area, or its cooperative's current address (empty if
  // the cooperative is unknown).
  absl::StatusOr<coop::v1::Area> AreaOf(const coop::v1::PersonScope& scope) const;

  // OK for anyone but a recorder; for a recorder, OK if `scope` lies in its areas, else
  // PERMISSION_DENIED naming the principal and the area.
  absl::Status CheckRecordedFor(const access::Principal& principal,
                                const coop::v1::PersonScope& scope) const;

  // OK for anyone but a recorder (NOT_FOUND for an unknown person); for a recorder, OK if one
  // of the person's areas lies in its areas, else PERMISSION_DENIED — also for an unknown
  // person, so that a recorder cannot probe which refs exist.
  absl::Status CheckPerson(const access::Principal& principal, const std::string& person_ref) const;

 private:
  const vault::PersonVault* const vault_;
  projections::ProjectionStore* const projections_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PERSON_SCOPE_H_
