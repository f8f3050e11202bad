// ReportingService: coop.v1.Reporting over gRPC's callback API — read-only queries served
// from the projections (projections/). A query with min_position first waits until the
// projections it reads have applied that position (read-your-writes), at most `max_wait`,
// then fails DEADLINE_EXCEEDED naming the position reached. A query "as known at" a position
// or a time (the statistics, GetCooperativeAsOf) waits the same way for that position (or the
// last one recorded by that time: ReportingDeps::KnownAtPosition), so that it holds every event
// up to it. Queries run on
// their own worker pool (never on gRPC threads, and not on the command workers, so waiting readers
// cannot delay commands).
//
// The handlers live in one file per subject: reporting_service.cc (cooperatives, projection
// status and rebuild), reporting_views.cc (groups, halls, OCOP
// products, a cooperative as of a date), reporting_statistics.cc (annual statistics, explain,
// plans, compliance, criterion 13), reporting_history.cc (a stream's history in sentences, read
// from the log) and reporting_areas.cc (the unit tree).
//
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_REPORTING_SERVICE_H_
#define COOPLEDGER_SERVICES_REPORTING_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "commands/command_workers.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "eventstore/event_store.h"
#include "projections/projection_set.h"
#include "projections/projection_store.h"
#include "services/parsed_request.h"
#include "services/reporting_query.h"

namespace coop::services {

class ReportingService final : public ParsesItsRequests<coop::v1::Reporting> {
 public:
  // Not owned; all must outlive the service (the workers must be stopped before the stores
  // close). `log` serves GetHistory; `people` (may be null) says in its sentences which persons
  // referred to were erased or have no details on this node.
  ReportingService(
      eventstore::EventStore* log, projections::ProjectionStore* store,
      projections::ProjectionSet* projections, const CallGate* gate,
      commands::CommandWorkers* workers, absl::Duration max_wait,
      std::function<absl::Time()> now = [] { return absl::Now(); },
      const vault::PersonVault* people = nullptr);

  // Ends the queries waiting for a projection (UNAVAILABLE), so that shutting down does not
  // wait for them; call it before the gRPC server's Shutdown. Thread-safe.
  void Shutdown();

  // reporting_service.cc
  grpc::ServerUnaryReactor* GetProjectionStatus(grpc::CallbackServerContext* context,
                                                const coop::v1::ProjectionStatusRequest* request,
                                                coop::v1::ProjectionStatusReply* reply) override;
  grpc::ServerUnaryReactor* RebuildProjection(grpc::CallbackServerContext* context,
                                              const coop::v1::RebuildProjectionRequest* request,
                                              coop::v1::ProjectionStatus* reply) override;
  grpc::ServerUnaryReactor* GetCooperative(grpc::CallbackServerContext* context,
                                           const coop::v1::GetCooperativeRequest* request,
                                           coop::v1::CooperativeView* reply) override;
  grpc::ServerUnaryReactor* ListCooperatives(grpc::CallbackServerContext* context,
                                             const coop::v1::ListCooperativesRequest* request,
                                             coop::v1::ListCooperativesReply* reply) override;

  // reporting_views.cc
  grpc::ServerUnaryReactor* GetGroup(grpc::CallbackServerContext* context,
                                     const coop::v1::GetGroupRequest* request,
                                     coop::v1::GroupView* reply) override;
  grpc::ServerUnaryReactor* ListGroups(grpc::CallbackServerContext* context,
                                       const coop::v1::ListGroupsRequest* request,
                                       coop::v1::ListGroupsReply* reply) override;
  grpc::ServerUnaryReactor* GetHall(grpc::CallbackServerContext* context,
                                    const coop::v1::GetHallRequest* request,
                                    coop::v1::HallView* reply) override;
  grpc::ServerUnaryReactor* ListHalls(grpc::CallbackServerContext* context,
                                      const coop::v1::ListHallsRequest* request,
                                      coop::v1::ListHallsReply* reply) override;
  grpc::ServerUnaryReactor* GetCooperativeAsOf(grpc::CallbackServerContext* context,
                                               const coop::v1::GetCooperativeAsOfRequest* request,
                                               coop::v1::CooperativeView* reply) override;
  grpc::ServerUnaryReactor* ListOcopProducts(grpc::CallbackServerContext* context,
                                             const coop::v1::ListOcopProductsRequest* request,
                                             coop::v1::ListOcopProductsReply* reply) override;

  // reporting_statistics.cc
  grpc::ServerUnaryReactor* GetAnnualStatistics(grpc::CallbackServerContext* context,
                                                const coop::v1::AnnualStatisticsRequest* request,
                                                coop::v1::AnnualStatisticsReply* reply) override;
  grpc::ServerUnaryReactor* GetAnnualReport(grpc::CallbackServerContext* context,
                                            const coop::v1::AnnualReportRequest* request,
                                            coop::v1::AnnualReportReply* reply) override;
  grpc::ServerUnaryReactor* ExplainStatistic(grpc::CallbackServerContext* context,
                                             const coop::v1::ExplainStatisticRequest* request,
                                             coop::v1::ExplainStatisticReply* reply) override;
  grpc::ServerUnaryReactor* GetPlanProgress(grpc::CallbackServerContext* context,
                                            const coop::v1::PlanProgressRequest* request,
                                            coop::v1::PlanProgressReply* reply) override;
  grpc::ServerUnaryReactor* ListComplianceIssues(grpc::CallbackServerContext* context,
                                                 const coop::v1::ComplianceIssuesRequest* request,
                                                 coop::v1::ComplianceIssuesReply* reply) override;
  grpc::ServerUnaryReactor* ListCriterion13Communes(grpc::CallbackServerContext* context,
                                                    const coop::v1::Criterion13Request* request,
                                                    coop::v1::Criterion13Reply* reply) override;

  // reporting_history.cc
  grpc::ServerUnaryReactor* GetHistory(grpc::CallbackServerContext* context,
                                       const coop::v1::HistoryRequest* request,
                                       coop::v1::HistoryReply* reply) override;

  // reporting_areas.cc
  grpc::ServerUnaryReactor* ListAreas(grpc::CallbackServerContext* context,
                                      const coop::v1::ListAreasRequest* request,
                                      coop::v1::ListAreasReply* reply) override;

 private:
  // The statistics queries' wait (reporting_statistics.cc): for min_position, and for the
  // position a scope "as known at" a position or a time names (the figures must see every
  // event up to it), whichever is later. Fails as ReportingDeps::Wait, or with the log's error
  // finding the position of a time.
  absl::Status WaitForStatistics(const coop::v1::StatisticsScope& scope,
                                 uint64_t min_position) const;

  std::atomic<bool> stopping_{false};  // before deps_, which points at it
  const ReportingDeps deps_;
  const CallGate* const gate_;
  commands::CommandWorkers* const workers_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REPORTING_SERVICE_H_
