// The server interceptor that reports every finished RPC to ServerMetrics (its method and the
// status it is finished with), for coop_rpc_results_total, coop_rule_refusals_total and
// coop_authentication_failures_total. gRPC makes one interceptor per call.
// Thread-safe: each interceptor lives on its call; ServerMetrics is thread-safe.
#ifndef COOPLEDGER_SERVICES_METRICS_INTERCEPTOR_H_
#define COOPLEDGER_SERVICES_METRICS_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <vector>

#include "services/metrics.h"

namespace coop::services {

// What ServerBuilder::experimental().SetInterceptorCreators takes. `metrics` must outlive the
// server.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
MetricsInterceptors(ServerMetrics* metrics);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_METRICS_INTERCEPTOR_H_
