// PlanningService: coop.v1.Planning over gRPC's callback API — the targets an area sets itself
// for a year. A plan has no id of its own: it is the plan of its area and year, stream
// `plan-<unit set>-<area code>-<year>`, so the id is derived from the request and setting the
// targets again revises the same plan. Runs on commands::CommandWorkers threads like every command.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_PLANNING_SERVICE_H_
#define COOPLEDGER_SERVICES_PLANNING_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "commands/command_executor.h"
#include "commands/command_workers.h"
#include "coop/v1/planning.grpc.pb.h"
#include "domain/programs/plan_aggregate.h"
#include "services/command_call.h"
#include "services/parsed_request.h"

namespace coop::services {

class PlanningService final : public ParsesItsRequests<coop::v1::Planning> {
 public:
  // Not owned; all must outlive the service.
  PlanningService(eventstore::EventStore* store, const CallGate* gate,
                  commands::CommandWorkers* workers,
                  std::function<domain::DecisionContext()> context);

  grpc::ServerUnaryReactor* SetAnnualPlanTargets(
      grpc::CallbackServerContext* context, const coop::v1::SetAnnualPlanTargetsRequest* request,
      coop::v1::CommandReply* reply) override;

 private:
  const CallGate* const gate_;
  commands::CommandWorkers* const workers_;
  commands::CommandExecutor<domain::PlanAggregate> plans_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PLANNING_SERVICE_H_
