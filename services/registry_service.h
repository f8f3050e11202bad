// RegistryService: coop.v1.Registry over gRPC's callback API — the commands that record what
// happens to cooperatives and unions, cooperative groups (tổ hợp tác) and community halls
// (hội quán). Each handler hands its command to a CommandWorkers thread, which runs the
// aggregate's CommandExecutor (load, decide, append) and finishes the call; gRPC threads never
// wait on the store. The handlers other than RegisterCooperative are generated (see
// services/commands/command_call.h and tools/gen_command_protos.py).
//
// Who recorded a command is taken from call metadata for now (x-coop-actor, x-coop-agency,
// x-coop-client); a later version takes it from the authenticated principal.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_
#define COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <type_traits>

#include "coop/v1/registry.grpc.pb.h"
#include "services/commands/command_call.h"
#include "services/commands/command_executor.h"
#include "services/commands/command_workers.h"
#include "services/commands/cooperative_aggregate.h"
#include "services/commands/group_aggregate.h"
#include "services/commands/hall_aggregate.h"

namespace coop::services {

class RegistryService final : public coop::v1::Registry::CallbackService {
 public:
  // Not owned; both must outlive the service.
  RegistryService(eventstore::EventStore* store, CommandWorkers* workers,
                  std::function<domain::DecisionContext()> context);

  grpc::ServerUnaryReactor* RegisterCooperative(grpc::CallbackServerContext* context,
                                                const coop::v1::RegisterCooperativeRequest* request,
                                                coop::v1::CommandReply* reply) override;
#include "services/group_commands.inc"
#include "services/hall_commands.inc"
#include "services/registry_commands.inc"

 private:
  template <typename Aggregate>
  CommandExecutor<Aggregate>* Executor() {
    if constexpr (std::is_same_v<Aggregate, CooperativeAggregate>) return &cooperatives_;
    if constexpr (std::is_same_v<Aggregate, GroupAggregate>) return &groups_;
    if constexpr (std::is_same_v<Aggregate, HallAggregate>) return &halls_;
  }

  eventstore::EventStore* const store_;
  CommandWorkers* const workers_;
  CommandExecutor<CooperativeAggregate> cooperatives_;
  CommandExecutor<GroupAggregate> groups_;
  CommandExecutor<HallAggregate> halls_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_
