// coop.v1.Reporting: annual statistics and report, explain, plan progress, compliance,
// criterion 13 —
// served by projections/statistics/statistics_reader.h from the annual_statistics
// projection.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "domain/text/language.h"
#include "projections/statistics/annual_statistics_projection.h"
#include "projections/statistics/statistics_reader.h"
#include "services/reporting_service.h"

namespace coop::services {
namespace {

using projections::statistics::AnnualStatisticsProjection;
using projections::statistics::StatisticsReader;

const std::vector<std::string>& Statistics() {
  static const auto* names = new std::vector<std::string>{AnnualStatisticsProjection::kName};
  return *names;
}

// A request's `lang`, checked before any wait, so that a bad one is INVALID_ARGUMENT whatever
// the projection's state.
absl::Status CheckLanguage(const std::string& lang) {
  return domain::text::ParseLanguage("lang", lang).status();
}

}  // namespace

absl::Status ReportingService::WaitForStatistics(const coop::v1::StatisticsScope& scope,
                                                 uint64_t min_position) const {
  return deps_.WaitKnownAt(Statistics(), min_position, scope.as_known_at_position(),
                           scope.as_known_at_micros());
}

grpc::ServerUnaryReactor* ReportingService::GetAnnualStatistics(
    grpc::CallbackServerContext* context, const coop::v1::AnnualStatisticsRequest* request,
    coop::v1::AnnualStatisticsReply* reply) {
  return RunQuery(*gate_, workers_, context, [this, request, reply]() -> absl::Status {
    if (auto st = CheckLanguage(request->lang()); !st.ok()) return st;
    if (auto st = WaitForStatistics(request->scope(), request->min_position()); !st.ok()) {
      return st;
    }
    StatisticsReader reader(deps_.store);  // one snapshot: rows and checkpoint agree
    auto position = reader.Position();
    if (!position.ok()) return position.status();
    auto language = domain::text::ParseLanguage("lang", request->lang());
    if (!language.ok()) return language.status();
    auto answer = reader.Annual(request->scope(), *position, *language);
    if (!answer.ok()) return answer.status();
    *reply = std::move(*answer);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ReportingService::GetAnnualReport(
    grpc::CallbackServerContext* context, const coop::v1::AnnualReportRequest* request,
    coop::v1::AnnualReportReply* reply) {
  return RunQuery(*gate_, workers_, context, [this, request, reply]() -> absl::Status {
    if (auto st = CheckLanguage(request->lang()); !st.ok()) return st;
    if (auto st = WaitForStatistics(request->scope(), request->min_position()); !st.ok()) {
      return st;
    }
    StatisticsReader reader(deps_.store);  // one snapshot: rows and checkpoint agree
    auto position = reader.Position();
    if (!position.ok()) return position.status();
    auto answer = reader.AnnualReport(*request, *position);
    if (!answer.ok()) return answer.status();
    *reply = std::move(*answer);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ReportingService::ExplainStatistic(
    grpc::CallbackServerContext* context, const coop::v1::ExplainStatisticRequest* request,
    coop::v1::ExplainStatisticReply* reply) {
  return RunQuery(*gate_, workers_, context, [this, request, reply]() -> absl::Status {
    if (auto st = CheckLanguage(request->lang()); !st.ok()) return st;
    if (auto st = WaitForStatistics(request->scope(), request->min_position()); !st.ok()) {
      return st;
    }
    auto answer = StatisticsReader(deps_.store).Explain(*request);
    if (!answer.ok()) return answer.status();
    *reply = std::move(*answer);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ReportingService::GetPlanProgress(
    grpc::CallbackServerContext* context, const coop::v1::PlanProgressRequest* request,
    coop::v1::PlanProgressReply* reply) {
  return RunQuery(*gate_, workers_, context, [this, request, reply]() -> absl::Status {
    if (auto st = CheckLanguage(request->lang()); !st.ok()) return st;
    if (auto st = deps_.Wait(Statistics(), request->min_position()); !st.ok()) return st;
    StatisticsReader reader(deps_.store);
    auto position = reader.Position();
    if (!position.ok()) return position.status();
    auto answer = reader.PlanProgress(*request);
    if (!answer.ok()) return answer.status();
    *reply = std::move(*answer);
    reply->set_position(*position);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ReportingService::ListComplianceIssues(
    grpc::CallbackServerContext* context, const coop::v1::ComplianceIssuesRequest* request,
    coop::v1::ComplianceIssuesReply* reply) {
  return RunQuery(*gate_, workers_, context, [this, request, reply]() -> absl::Status {
    if (auto st = CheckLanguage(request->lang()); !st.ok()) return st;
    if (auto st = deps_.Wait(Statistics(), request->min_position()); !st.ok()) return st;
    StatisticsReader reader(deps_.store);
    auto position = reader.Position();
    if (!position.ok()) return position.status();
    auto answer = reader.Compliance(*request, deps_.Now());
    if (!answer.ok()) return answer.status();
    *reply = std::move(*answer);
    reply->set_position(*position);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ReportingService::ListCriterion13Communes(
    grpc::CallbackServerContext* context, const coop::v1::Criterion13Request* request,
    coop::v1::Criterion13Reply* reply) {
  return RunQuery(*gate_, workers_, context, [this, request, reply]() -> absl::Status {
    if (auto st = CheckLanguage(request->lang()); !st.ok()) return st;
    if (auto st = deps_.Wait(Statistics(), request->min_position()); !st.ok()) return st;
    StatisticsReader reader(deps_.store);
    auto position = reader.Position();
    if (!position.ok()) return position.status();
    auto answer = reader.Criterion13(*request);
    if (!answer.ok()) return answer.status();
    *reply = std::move(*answer);
    reply->set_position(*position);
    return absl::OkStatus();
  });
}

}  // namespace coop::services
