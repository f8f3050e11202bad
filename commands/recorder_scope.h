// A recorder's scope: a recorder (access/principal.h) records only for aggregates in its
// areas. A command's scope is the area of the aggregate it concerns:
//   - cooperatives, groups, halls: their address as it stands before the command (so a
//     re-address out of the district is recorded by the office it leaves; the office it
//     joins records from then on), or, for the command that creates one, the address given;
//   - classes and plans: their own area; grants: the area of the cooperative or group they
//     are given to on the grant's date (whatever area the grant itself names);
//   - OCOP products and graduate placements: the area of the cooperative they name, on the
//     event's date (its first address if the date is before its registration);
//   - a correction: the scope of the stream it corrects.
// Areas match across the 2025 reform as domain/areas/area_scope.h says. docs/
// administration.md is the administrator's account. Admins, and calls made in-process
// without a principal, are not limited.
//
// Reads the store (the owner's stream): call from a CommandWorkers thread. Thread-safe.
#ifndef COOPLEDGER_COMMANDS_RECORDER_SCOPE_H_
#define COOPLEDGER_COMMANDS_RECORDER_SCOPE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "access/principal.h"
#include "coop/v1/event.pb.h"
#include "domain/common/aggregate_owner.h"
#include "eventstore/event_store.h"

namespace coop::commands {

// OK unless `principal` is a recorder and `area` lies within none of its areas:
// PERMISSION_DENIED naming the principal, its areas, `subject` (e.g. "cooperative 'c-1'")
// and the area. An empty area is outside every scope.
absl::Status CheckRecorderScope(const access::Principal& principal, const coop::v1::Area& area,
                                absl::string_view subject);

// The area of the cooperative or group `owner` names, from its events up to `on` (its
// first address if it had none by then); empty if it does not exist.
absl::StatusOr<coop::v1::Area> OwnerAreaOn(eventstore::EventStore* store,
                                           const domain::AggregateOwner& owner, absl::CivilDay on);

// The scope area of an aggregate in `state` (the rules above) for an event dated `on`.
template <typename Aggregate>
absl::StatusOr<coop::v1::Area> ScopeAreaOf(eventstore::EventStore* store,
                                           const typename Aggregate::State& state,
                                           absl::CivilDay on) {
  if constexpr (requires { Aggregate::OwnerOf(state); }) {
    // The owner decides, not an area the record names itself (a grant's area is the
    // client's choice): only an owner-less record falls back to its own area.
    const domain::AggregateOwner owner = Aggregate::OwnerOf(state);
    if (!owner.cooperative_id.empty() || !owner.group_id.empty()) {
      return OwnerAreaOn(store, owner, on);
    }
  }
  return Aggregate::AreaOf(state);
}

// The scope area of the aggregate whose stream is `stream_id` (any domain stream), whose
// events the caller has read (`stream`), for an event dated `on`; empty for a stream of no
// known aggregate.
absl::StatusOr<coop::v1::Area> StreamScopeArea(eventstore::EventStore* store,
                                               const std::string& stream_id,
                                               const std::vector<coop::v1::RecordedEvent>& stream,
                                               absl::CivilDay on);

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_RECORDER_SCOPE_H_
