#include "absl/status/status.h"
#include "services/reporting_service.h"

namespace coop::services {

grpc::ServerUnaryReactor* ReportingService::GetAnnualStatistics(
    grpc::CallbackServerContext* context, const coop::v1::AnnualStatisticsRequest* request,
    coop::v1::AnnualStatisticsReply* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("GetAnnualStatistics: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::ExplainStatistic(
    grpc::CallbackServerContext* context, const coop::v1::ExplainStatisticRequest* request,
    coop::v1::ExplainStatisticReply* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("ExplainStatistic: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::GetPlanProgress(
    grpc::CallbackServerContext* context, const coop::v1::PlanProgressRequest* request,
    coop::v1::PlanProgressReply* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("GetPlanProgress: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::ListComplianceIssues(
    grpc::CallbackServerContext* context, const coop::v1::ComplianceIssuesRequest* request,
    coop::v1::ComplianceIssuesReply* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("ListComplianceIssues: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::ListCriterion13Communes(
    grpc::CallbackServerContext* context, const coop::v1::Criterion13Request* request,
    coop::v1::Criterion13Reply* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("ListCriterion13Communes: not yet"); });
}

}  // namespace coop::services
