#include "services/reporting_service.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "domain/common/dates.h"
#include "domain/common/stream_corrections.h"
#include "projections/cooperative_registry_projection.h"
#include "services/grpc_status.h"
#include "services/missing_record.h"
#include "services/reporting_list.h"

namespace coop::services {
namespace {

using projections::CooperativeRegistryProjection;

// The filters other than the area (reporting_list.h applies that one), on a view as on today.
bool Matches(const coop::v1::ListCooperativesRequest& request,
             const coop::v1::CooperativeView& view, const std::string& status_today) {
  if (request.kind() != coop::v1::COOPERATIVE_KIND_UNSPECIFIED && view.kind() != request.kind()) {
    return false;
  }
  if (!request.status().empty() && status_today != request.status()) return false;
  if (!request.sector().empty() && view.sector() != request.sector()) return false;
  if (request.rating() != coop::v1::RATING_GRADE_UNSPECIFIED &&
      view.last_rating_grade() != request.rating()) {
    return false;
  }
  if (request.law_regime() != coop::v1::LAW_REGIME_UNSPECIFIED &&
      view.law_regime() != request.law_regime()) {
    return false;
  }
  return true;
}

}  // namespace

ReportingService::ReportingService(eventstore::EventStore* log, projections::ProjectionStore* store,
                                   projections::ProjectionSet* projections, const CallGate* gate,
                                   commands::CommandWorkers* workers, absl::Duration max_wait,
                                   std::function<absl::Time()> now,
                                   const vault::PersonVault* people)
    : deps_{log, store, projections, max_wait, &stopping_, std::move(now), people},
      gate_(gate),
      workers_(workers) {
  ParseRequestsOf(&ReportingService::GetProjectionStatus, &ReportingService::RebuildProjection,
                  &ReportingService::GetCooperative, &ReportingService::ListCooperatives,
                  &ReportingService::GetGroup, &ReportingService::ListGroups,
                  &ReportingService::GetHall, &ReportingService::ListHalls,
                  &ReportingService::GetCooperativeAsOf, &ReportingService::ListOcopProducts,
                  &ReportingService::GetAnnualStatistics, &ReportingService::GetAnnualReport,
                  &ReportingService::ExplainStatistic, &ReportingService::GetPlanProgress,
                  &ReportingService::ListComplianceIssues,
                  &ReportingService::ListCriterion13Communes, &ReportingService::GetHistory,
                  &ReportingService::ListAreas);
}

void ReportingService::Shutdown() { stopping_.store(true); }

namespace {

absl::Status GetCooperativeQuery(const ReportingDeps& deps,
                                 const coop::v1::GetCooperativeRequest& request,
                                 coop::v1::CooperativeView* reply) {
  if (request.cooperative_id().empty()) {
    return absl::InvalidArgumentError(
        "cooperative_id: bắt buộc phải có / cooperative_id is required");
  }
  if (auto st = deps.Wait({CooperativeRegistryProjection::kName}, request.min_position());
      !st.ok()) {
    return st;
  }
  auto row = deps.store->ReadRow(CooperativeRegistryProjection::kName,
                                 CooperativeRegistryProjection::ViewKey(request.cooperative_id()));
  if (!row.ok()) return row.status();
  if (!row->has_value()) {
    return MissingRecord(deps, CooperativeRegistryProjection::kName,
                         CooperativeRegistryProjection::StreamKey(request.cooperative_id()),
                         {"cooperative", "HTX"}, request.cooperative_id());
  }
  if (!reply->ParseFromString(**row)) {
    return absl::DataLossError(
        absl::StrCat("unreadable view of cooperative ", request.cooperative_id()));
  }
  CooperativeRegistryProjection::AsOn(deps.Today(), reply);
  return absl::OkStatus();
}

absl::Status ListCooperativesQuery(const ReportingDeps& deps,
                                   const coop::v1::ListCooperativesRequest& request,
                                   coop::v1::ListCooperativesReply* reply) {
  auto page_size = PageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto area =
      ResolveAreaFilter("area", request.has_area() ? &request.area() : nullptr, deps.Today());
  if (!area.ok()) return area.status();
  if (auto st = deps.Wait({CooperativeRegistryProjection::kName}, request.min_position());
      !st.ok()) {
    return st;
  }
  // Each view is read as on today (the calendar's status), then filtered.
  const absl::CivilDay today = deps.Today();
  std::string next_token;
  auto status = PageViews<coop::v1::CooperativeView>(
      deps.store, CooperativeRegistryProjection::kName, CooperativeRegistryProjection::kViewPrefix,
      CooperativeRegistryProjection::kViewEnd, *area, *page_size, request.page_token(),
      [&](const coop::v1::CooperativeView& view) {
        return Matches(request, view, CooperativeRegistryProjection::StatusOn(today, view));
      },
      [&](coop::v1::CooperativeView view) {
        CooperativeRegistryProjection::AsOn(today, &view);
        *reply->add_cooperatives() = std::move(view);
      },
      [](const coop::v1::CooperativeView& view) { return view.cooperative_id(); }, &next_token);
  reply->set_next_page_token(next_token);
  return status;
}

void ToProto(const projections::ProjectionStatus& status, coop::v1::ProjectionStatus* out) {
  out->set_name(status.name);
  out->set_version(status.version);
  out->set_position(status.position);
  out->set_head(status.head);
  out->set_lag(status.lag);
  out->set_events_per_second(status.events_per_second);
  out->set_state(projections::ProjectionStateName(status.state));
  if (!status.error.ok()) out->set_error(status.error.ToString());
}

}  // namespace

grpc::ServerUnaryReactor* ReportingService::GetCooperative(
    grpc::CallbackServerContext* context, const coop::v1::GetCooperativeRequest* request,
    coop::v1::CooperativeView* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::GetCooperativeRequest& checked) {
                           return GetCooperativeQuery(deps_, checked, reply);
                         });
}

grpc::ServerUnaryReactor* ReportingService::ListCooperatives(
    grpc::CallbackServerContext* context, const coop::v1::ListCooperativesRequest* request,
    coop::v1::ListCooperativesReply* reply) {
  return RunCheckedQuery(*gate_, workers_, context, *request,
                         [this, reply](const coop::v1::ListCooperativesRequest& checked) {
                           return ListCooperativesQuery(deps_, checked, reply);
                         });
}

grpc::ServerUnaryReactor* ReportingService::GetProjectionStatus(
    grpc::CallbackServerContext* context, const coop::v1::ProjectionStatusRequest* request,
    coop::v1::ProjectionStatusReply* reply) {
  // In memory, no I/O: answered on the gRPC thread.
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(*gate_, context, reactor, access::Permission::kReadViews) == nullptr) {
    return reactor;
  }
  for (const auto& status : deps_.projections->Statuses())
    ToProto(status, reply->add_projections());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ReportingService::RebuildProjection(
    grpc::CallbackServerContext* context, const coop::v1::RebuildProjectionRequest* request,
    coop::v1::ProjectionStatus* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, request, reply]() -> absl::Status {
        if (request->name().empty()) {
          return absl::InvalidArgumentError("name: bắt buộc phải có / name is required");
        }
        if (auto st = deps_.projections->Rebuild(request->name()); !st.ok()) return st;
        ToProto(deps_.projections->Runner(request->name())->status(), reply);
        return absl::OkStatus();
      },
      access::Permission::kRebuildProjections);
}

}  // namespace coop::services
