// RegistryService: coop.v1.Registry over gRPC's callback API — the commands that record what
// happens to cooperatives and unions. Each handler hands its command to a CommandWorkers
// thread, which runs the CommandExecutor (load, decide, append) and finishes the call; gRPC
// threads never wait on the store.
//
// Who recorded a command is taken from call metadata for now (x-coop-actor, x-coop-agency,
// x-coop-client); a later version takes it from the authenticated principal.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_
#define COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "coop/v1/registry.grpc.pb.h"
#include "services/commands/command_executor.h"
#include "services/commands/command_workers.h"
#include "services/commands/cooperative_aggregate.h"

namespace coop::services {

class RegistryService final : public coop::v1::Registry::CallbackService {
 public:
  // Not owned; both must outlive the service.
  RegistryService(eventstore::EventStore* store, CommandWorkers* workers,
                  std::function<domain::DecisionContext()> context);

  grpc::ServerUnaryReactor* RegisterCooperative(grpc::CallbackServerContext* context,
                                                const coop::v1::RegisterCooperativeRequest* request,
                                                coop::v1::CommandReply* reply) override;
#define COOP_COMMAND(Rpc, field)                                                               \
  grpc::ServerUnaryReactor* Rpc(grpc::CallbackServerContext* context,                          \
                                const coop::v1::Rpc##Request* request,                         \
                                coop::v1::CommandReply* reply) override {                      \
    coop::v1::CooperativeEvent fact;                                                           \
    *fact.mutable_##field() = request->field();                                                \
    return Run(context, request->header(), request->cooperative_id(), std::move(fact), reply); \
  }
#include "services/registry_commands.inc"
#undef COOP_COMMAND

 private:
  // Runs one cooperative command on a worker; `input_extra` may add reservations/prechecks.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                const coop::v1::CommandHeader& header,
                                const std::string& cooperative_id, coop::v1::CooperativeEvent fact,
                                coop::v1::CommandReply* reply,
                                std::function<void(CommandInput*)> input_extra = nullptr);

  eventstore::EventStore* const store_;
  CommandWorkers* const workers_;
  CommandExecutor<CooperativeAggregate> cooperatives_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_
