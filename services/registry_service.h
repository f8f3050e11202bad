// RegistryService: coop.v1.Registry over gRPC's callback API — the commands that record what
// happens to cooperatives and unions, cooperative groups (tổ hợp tác) and community halls
// (hội quán). Every RPC but RegisterCooperative is generated from the command table
// (RegistryHandlers, services/generated/registry_handlers.h); RegisterCooperative is written
// here because it also reserves the cooperative's code (COOP-16) in the same atomic append.
// Each handler hands its command to a CommandWorkers thread, which runs the aggregate's
// CommandExecutor (load, decide, append) and finishes the call; gRPC threads never wait on
// the store.
//
// Who recorded a command is taken from call metadata for now (x-coop-actor, x-coop-agency,
// x-coop-client); a later version takes it from the authenticated principal.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_
#define COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "services/generated/registry_handlers.h"
#include "services/parsed_request.h"

namespace coop::services {

class RegistryService final : public RegistryHandlers {
 public:
  // Not owned; the store and the workers must outlive the service.
  RegistryService(eventstore::EventStore* store, const CallGate* gate,
                  commands::CommandWorkers* workers,
                  const std::function<domain::DecisionContext()>& context)
      : RegistryHandlers(store, gate, workers, context) {
    ParseRequestsOf(&RegistryService::RegisterCooperative);
  }

  grpc::ServerUnaryReactor* RegisterCooperative(grpc::CallbackServerContext* context,
                                                const coop::v1::RegisterCooperativeRequest* request,
                                                coop::v1::CommandReply* reply) override;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REGISTRY_SERVICE_H_
