#include "services/reporting_service.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "projections/cooperative_registry_projection.h"
#include "services/grpc_status.h"

namespace coop::services {
namespace {

using projections::CooperativeRegistryProjection;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr size_t kScanChunk = 256;

bool Matches(const coop::v1::ListCooperativesRequest& request,
             const coop::v1::CooperativeView& view) {
  if (request.has_area() && (view.address().code() != request.area().code() ||
                             view.address().unit_set() != request.area().unit_set())) {
    return false;
  }
  if (request.kind() != coop::v1::COOPERATIVE_KIND_UNSPECIFIED && view.kind() != request.kind()) {
    return false;
  }
  if (!request.status().empty() && view.status() != request.status()) return false;
  return true;
}

}  // namespace

ReportingService::ReportingService(projections::ProjectionStore* store,
                                   projections::ProjectionSet* projections, CommandWorkers* workers,
                                   absl::Duration max_wait)
    : deps_{store, projections, max_wait}, workers_(workers) {}

namespace {

absl::Status GetCooperativeQuery(const ReportingDeps& deps,
                                 const coop::v1::GetCooperativeRequest& request,
                                 coop::v1::CooperativeView* reply) {
  if (request.cooperative_id().empty()) {
    return absl::InvalidArgumentError("cooperative_id is required");
  }
  if (auto st = deps.Wait({CooperativeRegistryProjection::kName}, request.min_position());
      !st.ok()) {
    return st;
  }
  auto row = deps.store->ReadRow(CooperativeRegistryProjection::kName,
                                 CooperativeRegistryProjection::ViewKey(request.cooperative_id()));
  if (!row.ok()) return row.status();
  if (!row->has_value()) {
    return absl::NotFoundError(absl::StrCat("no cooperative ", request.cooperative_id()));
  }
  if (!reply->ParseFromString(**row)) {
    return absl::DataLossError(
        absl::StrCat("unreadable view of cooperative ", request.cooperative_id()));
  }
  return absl::OkStatus();
}

absl::Status ListCooperativesQuery(const ReportingDeps& deps,
                                   const coop::v1::ListCooperativesRequest& request,
                                   coop::v1::ListCooperativesReply* reply) {
  if (request.page_size() < 0) return absl::InvalidArgumentError("page_size must not be negative");
  const int page_size =
      request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize);
  if (auto st = deps.Wait({CooperativeRegistryProjection::kName}, request.min_position());
      !st.ok()) {
    return st;
  }
  // The page token is the last cooperative id of the previous page: start just after it.
  std::string start =
      request.page_token().empty()
          ? std::string(CooperativeRegistryProjection::kViewPrefix)
          : CooperativeRegistryProjection::ViewKey(request.page_token()) + std::string(1, '\0');
  const std::string end = CooperativeRegistryProjection::kViewEnd;
  while (true) {
    auto rows = deps.store->ScanRows(CooperativeRegistryProjection::kName, start, end, kScanChunk);
    if (!rows.ok()) return rows.status();
    for (const auto& [key, value] : *rows) {
      coop::v1::CooperativeView view;
      if (!view.ParseFromString(value)) {
        return absl::DataLossError(absl::StrCat("unreadable view row ", key));
      }
      if (!Matches(request, view)) continue;
      if (reply->cooperatives_size() == page_size) {
        // One more match exists: the page is full and another follows.
        reply->set_next_page_token(reply->cooperatives(page_size - 1).cooperative_id());
        return absl::OkStatus();
      }
      *reply->add_cooperatives() = std::move(view);
    }
    if (rows->size() < kScanChunk) return absl::OkStatus();
    start = rows->back().first + std::string(1, '\0');
  }
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
  return RunQuery(workers_, context,
                  [this, request, reply] { return GetCooperativeQuery(deps_, *request, reply); });
}

grpc::ServerUnaryReactor* ReportingService::ListCooperatives(
    grpc::CallbackServerContext* context, const coop::v1::ListCooperativesRequest* request,
    coop::v1::ListCooperativesReply* reply) {
  return RunQuery(workers_, context,
                  [this, request, reply] { return ListCooperativesQuery(deps_, *request, reply); });
}

grpc::ServerUnaryReactor* ReportingService::GetProjectionStatus(
    grpc::CallbackServerContext* context, const coop::v1::ProjectionStatusRequest* request,
    coop::v1::ProjectionStatusReply* reply) {
  // In memory, no I/O: answered on the gRPC thread.
  for (const auto& status : deps_.projections->Statuses())
    ToProto(status, reply->add_projections());
  auto* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ReportingService::RebuildProjection(
    grpc::CallbackServerContext* context, const coop::v1::RebuildProjectionRequest* request,
    coop::v1::ProjectionStatus* reply) {
  return RunQuery(workers_, context, [this, request, reply]() -> absl::Status {
    if (request->name().empty()) return absl::InvalidArgumentError("name is required");
    if (auto st = deps_.projections->Rebuild(request->name()); !st.ok()) return st;
    ToProto(deps_.projections->Runner(request->name())->status(), reply);
    return absl::OkStatus();
  });
}

}  // namespace coop::services
