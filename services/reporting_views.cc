#include "absl/status/status.h"
#include "services/reporting_service.h"

namespace coop::services {

grpc::ServerUnaryReactor* ReportingService::GetGroup(grpc::CallbackServerContext* context,
                                                     const coop::v1::GetGroupRequest* request,
                                                     coop::v1::GroupView* reply) {
  return RunQuery(workers_, context, [] { return absl::UnimplementedError("GetGroup: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::ListGroups(grpc::CallbackServerContext* context,
                                                       const coop::v1::ListGroupsRequest* request,
                                                       coop::v1::ListGroupsReply* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("ListGroups: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::GetHall(grpc::CallbackServerContext* context,
                                                    const coop::v1::GetHallRequest* request,
                                                    coop::v1::HallView* reply) {
  return RunQuery(workers_, context, [] { return absl::UnimplementedError("GetHall: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::ListHalls(grpc::CallbackServerContext* context,
                                                      const coop::v1::ListHallsRequest* request,
                                                      coop::v1::ListHallsReply* reply) {
  return RunQuery(workers_, context, [] { return absl::UnimplementedError("ListHalls: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::GetCooperativeAsOf(
    grpc::CallbackServerContext* context, const coop::v1::GetCooperativeAsOfRequest* request,
    coop::v1::CooperativeView* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("GetCooperativeAsOf: not yet"); });
}

grpc::ServerUnaryReactor* ReportingService::ListOcopProducts(
    grpc::CallbackServerContext* context, const coop::v1::ListOcopProductsRequest* request,
    coop::v1::ListOcopProductsReply* reply) {
  return RunQuery(workers_, context,
                  [] { return absl::UnimplementedError("ListOcopProducts: not yet"); });
}

}  // namespace coop::services
