// One unary call of coop.v1.Reporting for the reporting subcommands: a stub on a fresh
// channel to --server, the --timeout deadline, and the call itself given as a callable
// `grpc::Status(coop::v1::Reporting::Stub&, grpc::ClientContext*)`. Thread-safe: each call
// has its own channel, stub and context.
#ifndef COOPLEDGER_TOOLS_COOPCTL_REPORTING_CALL_H_
#define COOPLEDGER_TOOLS_COOPCTL_REPORTING_CALL_H_

#include <grpcpp/grpcpp.h>

#include "coop/v1/reporting.grpc.pb.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"

namespace coop::coopctl {

template <typename Call>
grpc::Status CallReporting(const Globals& globals, Call call) {
  auto stub = coop::v1::Reporting::NewStub(NewChannel(globals));
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  return call(*stub, &context);
}

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_REPORTING_CALL_H_
