// ProgramsService: coop.v1.Programs over gRPC's callback API — the commands that record
// programme activity: classes, OCOP products (enrolment, rating, expiry), support grants and
// graduate placements. The RPCs are generated from the command table (ProgramsHandlers,
// services/generated/programs_handlers.h): each hands its command to a CommandWorkers thread,
// which runs the aggregate's CommandExecutor and finishes the call. A creation without an id
// gets one derived from its command id.
//
// PlaceGraduate is written here ("custom" in the command table): a placement names a person, and
// naming a person links the host cooperative's area to the person's (services/person_scope.h), so a
// recorder may place only a person whose details it may already read — or a placement would be a
// way to read anyone's. Admins are not limited.
//
// Not checked here (they need other streams): that the cooperative or group a product, grant
// or placement names exists; the projections report dangling references.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_
#define COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_

#include <functional>

#include "projections/projection_store.h"
#include "services/generated/programs_handlers.h"
#include "services/parsed_request.h"
#include "services/person_scope.h"
#include "vault/person_vault.h"

namespace coop::services {

class ProgramsService final : public ProgramsHandlers {
 public:
  // Not owned; all must outlive the service.
  ProgramsService(eventstore::EventStore* store, const CallGate* gate,
                  commands::CommandWorkers* workers,
                  const std::function<domain::DecisionContext()>& context,
                  const vault::PersonVault* vault, projections::ProjectionStore* projections,
                  const projections::ProjectionSet* views)
      : ProgramsHandlers(store, gate, workers, context), person_rules_(vault, projections, views) {
    ParseRequestsOf(&ProgramsService::PlaceGraduate);
  }

  grpc::ServerUnaryReactor* PlaceGraduate(grpc::CallbackServerContext* context,
                                          const coop::v1::PlaceGraduateRequest* request,
                                          coop::v1::CommandReply* reply) override;

  // The server is shutting down: a placement's person check that waits for the views ends.
  void Shutdown() { person_rules_.Shutdown(); }

 private:
  PersonScopeRules person_rules_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_
