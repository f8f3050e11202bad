// Who may see a person's details: admins, and recorders of the person's areas. A person's
// areas are what it was recorded for (RecordPersonRequest.recorded_for: an area, or a
// cooperative's current address) plus the current addresses of the cooperatives whose events
// name the person (graduate placements, projections/person_links_projection.h). Areas match as
// a recorder's command scope does (commands/recorder_scope.h, domain/areas/area_scope.h).
// A person recorded before scopes existed has only the linked cooperatives' areas.
//
// Before it reads the views it waits (at most kViewsWait) until they hold every event
// committed before the check, so a cooperative registered a moment ago is seen although the
// projections gather commits under load (coopd --projection_gather_ms). UNAVAILABLE if they do
// not catch up in time: the caller may retry. The wait ends within about 10 ms when the call it
// serves (`call`, if given) is cancelled or expires (CANCELLED), or the server shuts down
// (Shutdown(): UNAVAILABLE), so that it does not hold a worker thread for nobody. A view being
// rebuilt is read as it stands
// without waiting: after a forced rebuild its serving rows stop at their checkpoint until the
// switch; after a version change every read of it answers UNAVAILABLE until the new rows are
// live. A failed view answers its own error.
//
// Reads the vault and the projections: call from a worker thread. Thread-safe.
#ifndef COOPLEDGER_SERVICES_PERSON_SCOPE_H_
#define COOPLEDGER_SERVICES_PERSON_SCOPE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "access/principal.h"
#include "coop/v1/people.pb.h"
#include "projections/projection_set.h"
#include "projections/projection_store.h"
#include "vault/person_vault.h"

namespace coop::services {

class PersonScopeRules {
 public:
  // Not owned; all must outlive the rules. `views` runs the projections whose rows
  // `projections` holds; null (or without them: coopd --projections off) reads the rows as
  // they are, without waiting.
  PersonScopeRules(const vault::PersonVault* vault, projections::ProjectionStore* projections,
                   const projections::ProjectionSet* views)
      : vault_(vault), projections_(projections), views_(views) {}
  static constexpr absl::Duration kViewsWait = absl::Seconds(5);

  // `call` (here and below): the call the check serves, whose end ends a wait for the views;
  // null: the wait ends only with the timeout or Shutdown().

  // The area `scope` stands for: its area, or its cooperative's current address (empty if
  // the cooperative is unknown), read once the views caught up (above).
  absl::StatusOr<coop::v1::Area> AreaOf(const coop::v1::PersonScope& scope,
                                        const grpc::CallbackServerContext* call = nullptr) const;

  // OK for anyone but a recorder; for a recorder, OK if `scope` lies in its areas, else
  // PERMISSION_DENIED naming the principal and the area.
  absl::Status CheckRecordedFor(const access::Principal& principal,
                                const coop::v1::PersonScope& scope,
                                const grpc::CallbackServerContext* call = nullptr) const;

  // OK for anyone but a recorder (NOT_FOUND for an unknown person); for a recorder, OK if one
  // of the person's areas lies in its areas, else PERMISSION_DENIED — also for an unknown
  // person, so that a recorder cannot probe which refs exist.
  absl::Status CheckPerson(const access::Principal& principal, const std::string& person_ref,
                           const grpc::CallbackServerContext* call = nullptr) const;

  // The server is shutting down: every wait for the views ends now, and later ones at once
  // (UNAVAILABLE).
  void Shutdown() { stopping_.store(true); }

 private:
  // Waits until the cooperative registry and the person links hold the log's head.
  absl::Status ViewsCaughtUp(const grpc::CallbackServerContext* call) const;
  // AreaOf once the views caught up.
  absl::StatusOr<coop::v1::Area> AreaOfCaughtUp(const coop::v1::PersonScope& scope) const;

  const vault::PersonVault* const vault_;
  projections::ProjectionStore* const projections_;
  const projections::ProjectionSet* const views_;
  std::atomic<bool> stopping_{false};
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PERSON_SCOPE_H_
