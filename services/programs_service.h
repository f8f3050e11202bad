// ProgramsService: coop.v1.Programs over gRPC's callback API — the commands that record
// programme activity: classes, OCOP products (enrolment, rating, expiry), support grants and
// graduate placements. Every handler is generated (see services/commands/command_call.h and
// tools/gen_command_protos.py): it hands its command to a CommandWorkers thread, which runs the
// aggregate's CommandExecutor and finishes the call. A creation without an id gets one derived
// from its command id.
//
// Not checked here (they need other streams): that the cooperative or group a product, grant
// or placement names exists; the projections report dangling references.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_
#define COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <type_traits>

#include "coop/v1/programs.grpc.pb.h"
#include "services/commands/class_aggregate.h"
#include "services/commands/command_call.h"
#include "services/commands/command_executor.h"
#include "services/commands/command_workers.h"
#include "services/commands/grant_aggregate.h"
#include "services/commands/ocop_aggregate.h"
#include "services/commands/placement_aggregate.h"

namespace coop::services {

class ProgramsService final : public coop::v1::Programs::CallbackService {
 public:
  // Not owned; both must outlive the service.
  ProgramsService(eventstore::EventStore* store, CommandWorkers* workers,
                  std::function<domain::DecisionContext()> context);

#include "services/class_commands.inc"
#include "services/grant_commands.inc"
#include "services/ocop_commands.inc"
#include "services/placement_commands.inc"

 private:
  template <typename Aggregate>
  CommandExecutor<Aggregate>* Executor() {
    if constexpr (std::is_same_v<Aggregate, ClassAggregate>) return &classes_;
    if constexpr (std::is_same_v<Aggregate, OcopAggregate>) return &ocop_products_;
    if constexpr (std::is_same_v<Aggregate, GrantAggregate>) return &grants_;
    if constexpr (std::is_same_v<Aggregate, PlacementAggregate>) return &placements_;
  }

  CommandWorkers* const workers_;
  CommandExecutor<ClassAggregate> classes_;
  CommandExecutor<OcopAggregate> ocop_products_;
  CommandExecutor<GrantAggregate> grants_;
  CommandExecutor<PlacementAggregate> placements_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PROGRAMS_SERVICE_H_
