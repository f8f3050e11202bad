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

// Runs `query` on a worker and finishes the call with its status.
template <typename Query>
grpc::ServerUnaryReactor* RunQuery(CommandWorkers* workers, grpc::CallbackServerContext* context,
                                   Query query) {
  auto* reactor = context->DefaultReactor();
  if (!workers->Post([reactor, query = std::move(query)]() mutable {
        reactor->Finish(ToGrpcStatus(query()));
      })) {
    reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
  }
  return reactor;
}

}  // namespace

ReportingService::ReportingService(projections::ProjectionStore* store,
                                   projections::ProjectionRunner* registry, CommandWorkers* workers,
                                   absl::Duration max_wait)
    : store_(store), registry_(registry), workers_(workers), max_wait_(max_wait) {}

absl::Status ReportingService::Wait(uint64_t min_position) const {
  if (min_position == 0) return absl::OkStatus();
  return registry_->WaitForPosition(min_position, max_wait_);
}

absl::Status ReportingService::Get(const coop::v1::GetCooperativeRequest& request,
                                   coop::v1::CooperativeView* reply) const {
  if (request.cooperative_id().empty()) {
    return absl::InvalidArgumentError("cooperative_id is required");
  }
  if (auto st = Wait(request.min_position()); !st.ok()) return st;
  auto row = store_->ReadRow(CooperativeRegistryProjection::kName,
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

absl::Status ReportingService::List(const coop::v1::ListCooperativesRequest& request,
                                    coop::v1::ListCooperativesReply* reply) const {
  if (request.page_size() < 0) return absl::InvalidArgumentError("page_size must not be negative");
  const int page_size =
      request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize);
  if (auto st = Wait(request.min_position()); !st.ok()) return st;
  // The page token is the last cooperative id of the previous page: start just after it.
  std::string start =
      request.page_token().empty()
          ? std::string(CooperativeRegistryProjection::kViewPrefix)
          : CooperativeRegistryProjection::ViewKey(request.page_token()) + std::string(1, '\0');
  const std::string end = CooperativeRegistryProjection::kViewEnd;
  while (true) {
    auto rows = store_->ScanRows(CooperativeRegistryProjection::kName, start, end, kScanChunk);
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

grpc::ServerUnaryReactor* ReportingService::GetCooperative(
    grpc::CallbackServerContext* context, const coop::v1::GetCooperativeRequest* request,
    coop::v1::CooperativeView* reply) {
  return RunQuery(workers_, context, [this, request, reply] { return Get(*request, reply); });
}

grpc::ServerUnaryReactor* ReportingService::ListCooperatives(
    grpc::CallbackServerContext* context, const coop::v1::ListCooperativesRequest* request,
    coop::v1::ListCooperativesReply* reply) {
  return RunQuery(workers_, context, [this, request, reply] { return List(*request, reply); });
}

grpc::ServerUnaryReactor* ReportingService::GetProjectionStatus(
    grpc::CallbackServerContext* context, const coop::v1::ProjectionStatusRequest* request,
    coop::v1::ProjectionStatusReply* reply) {
  // In memory, no I/O: answered on the gRPC thread.
  const projections::ProjectionStatus status = registry_->status();
  auto* out = reply->add_projections();
  out->set_name(status.name);
  out->set_version(status.version);
  out->set_position(status.position);
  out->set_head(status.head);
  out->set_lag(status.lag);
  out->set_events_per_second(status.events_per_second);
  out->set_state(projections::ProjectionStateName(status.state));
  if (!status.error.ok()) out->set_error(status.error.ToString());
  auto* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace coop::services
