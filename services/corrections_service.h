// CorrectionsService: coop.v1.Corrections — void or amend an earlier event of any stream,
// with a reason. Admitted like every command (a recorder corrects only streams in its areas)
// and run on commands::CommandWorkers threads. Thread-safe.
#ifndef COOPLEDGER_SERVICES_CORRECTIONS_SERVICE_H_
#define COOPLEDGER_SERVICES_CORRECTIONS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <utility>

#include "commands/command_workers.h"
#include "commands/correction_executor.h"
#include "coop/v1/corrections.grpc.pb.h"
#include "services/call_gate.h"
#include "services/parsed_request.h"

namespace coop::services {

class CorrectionsService final : public ParsesItsRequests<coop::v1::Corrections> {
 public:
  // Not owned; all must outlive the service.
  CorrectionsService(eventstore::EventStore* store, const CallGate* gate,
                     commands::CommandWorkers* workers,
                     std::function<domain::DecisionContext()> decision_context)
      : gate_(gate), workers_(workers), executor_(store, std::move(decision_context)) {
    ParseRequestsOf(&CorrectionsService::VoidEvent, &CorrectionsService::AmendEvent);
  }

  grpc::ServerUnaryReactor* VoidEvent(grpc::CallbackServerContext* context,
                                      const coop::v1::VoidEventRequest* request,
                                      coop::v1::CommandReply* reply) override;
  grpc::ServerUnaryReactor* AmendEvent(grpc::CallbackServerContext* context,
                                       const coop::v1::AmendEventRequest* request,
                                       coop::v1::CommandReply* reply) override;

 private:
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                const google::protobuf::Message& request,
                                const coop::v1::CommandHeader& header, const std::string& stream_id,
                                commands::Correction correction, coop::v1::CommandReply* reply);

  const CallGate* const gate_;
  commands::CommandWorkers* const workers_;
  commands::CorrectionExecutor executor_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_CORRECTIONS_SERVICE_H_
