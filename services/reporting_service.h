// ReportingService: coop.v1.Reporting over gRPC's callback API — read-only queries served from
// the "cooperative_registry" projection (projections/cooperative_registry_projection.h).
// A query with min_position first waits until the projection has applied that position
// (read-your-writes), at most `max_wait`, then fails DEADLINE_EXCEEDED naming the position
// reached. Queries run on their own worker pool (never on gRPC threads, and not on the
// command workers, so waiting readers cannot delay commands). Thread-safe.
#ifndef COOPLEDGER_SERVICES_REPORTING_SERVICE_H_
#define COOPLEDGER_SERVICES_REPORTING_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "projections/projection_runner.h"
#include "projections/projection_store.h"
#include "services/commands/command_workers.h"

namespace coop::services {

class ReportingService final : public coop::v1::Reporting::CallbackService {
 public:
  // Not owned; all must outlive the service (the workers must be stopped before the store
  // closes).
  ReportingService(projections::ProjectionStore* store, projections::ProjectionRunner* registry,
                   CommandWorkers* workers, absl::Duration max_wait);

  grpc::ServerUnaryReactor* GetCooperative(grpc::CallbackServerContext* context,
                                           const coop::v1::GetCooperativeRequest* request,
                                           coop::v1::CooperativeView* reply) override;
  grpc::ServerUnaryReactor* ListCooperatives(grpc::CallbackServerContext* context,
                                             const coop::v1::ListCooperativesRequest* request,
                                             coop::v1::ListCooperativesReply* reply) override;

  grpc::ServerUnaryReactor* GetProjectionStatus(grpc::CallbackServerContext* context,
                                                const coop::v1::ProjectionStatusRequest* request,
                                                coop::v1::ProjectionStatusReply* reply) override;

 private:
  absl::Status Wait(uint64_t min_position) const;
  absl::Status Get(const coop::v1::GetCooperativeRequest& request,
                   coop::v1::CooperativeView* reply) const;
  absl::Status List(const coop::v1::ListCooperativesRequest& request,
                    coop::v1::ListCooperativesReply* reply) const;

  projections::ProjectionStore* const store_;
  projections::ProjectionRunner* const registry_;
  CommandWorkers* const workers_;
  const absl::Duration max_wait_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REPORTING_SERVICE_H_
