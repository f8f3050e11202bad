// Names of gRPC status codes, as the docs spell them ("UNAVAILABLE").
#ifndef COOPLEDGER_TOOLS_BENCH_GRPC_CODE_NAME_H_
#define COOPLEDGER_TOOLS_BENCH_GRPC_CODE_NAME_H_

#include <grpcpp/support/status.h>

namespace coop::bench {

const char* GrpcCodeName(grpc::StatusCode code);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_GRPC_CODE_NAME_H_
