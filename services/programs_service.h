// ProgramsService: coop.v1.Programs over gRPC's callback API — the commands that record
// programme activity: classes, OCOP products (enrolment, rating, expiry), support grants and
// graduate placements. Every RPC is generated from the command table (ProgramsHandlers,
// services/generated/programs_handlers.h): it hands its command to a CommandWorkers thread,
// which runs the aggregate's CommandExecutor and finishes the call. A creation without an id
// gets one derived from its command id.
//
// Not checked here (they need other streams): that the cooperative or group a product, grant
// or placement names exists; the projections report dangling references.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_
#define COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_

#include "services/generated/programs_handlers.h"

namespace coop::services {

class ProgramsService final : public ProgramsHandlers {
 public:
  // Not owned; the store and the workers must outlive the service.
  using ProgramsHandlers::ProgramsHandlers;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_
