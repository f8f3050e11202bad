// Maps absl::Status onto grpc::Status at the service edge. The codes are numerically
// identical; the message is kept. Pure; thread-safe.
#ifndef COOPLEDGER_SERVICES_GRPC_STATUS_H_
#define COOPLEDGER_SERVICES_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace coop::services {

inline grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_GRPC_STATUS_H_
