#include "tools/coopctl/connection.h"

#include <iostream>

#include "absl/status/status.h"

namespace coop::coopctl {

std::shared_ptr<grpc::Channel> NewChannel(const Globals& globals) {
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  channel_args.SetString(GRPC_ARG_PRIMARY_USER_AGENT_STRING, "coopctl");
  return grpc::CreateCustomChannel(globals.server, grpc::InsecureChannelCredentials(),
                                   channel_args);
}

std::unique_ptr<coop::v1::EventStore::Stub> NewStub(const Globals& globals) {
  return coop::v1::EventStore::NewStub(NewChannel(globals));
}

void SetDeadline(const Globals& globals, grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + globals.timeout));
}

int ReportRpcError(const grpc::Status& status) {
  // gRPC and absl number their status codes alike, so absl gives the canonical name.
  std::cerr << "error: "
            << absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())) << ": "
            << status.error_message() << "\n";
  return kExitServerError;
}

}  // namespace coop::coopctl
