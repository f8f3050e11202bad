// Sending a command (any RPC of CommandRpcs()) through grpc::GenericStub: the request is
// serialized from its descriptor-built message, the reply parsed as coop.v1.CommandReply.
// Thread-safe: a CommandClient's calls may run on several threads at once.
#ifndef COOPLEDGER_TOOLS_COOPCTL_COMMAND_CLIENT_H_
#define COOPLEDGER_TOOLS_COOPCTL_COMMAND_CLIENT_H_

#include <google/protobuf/message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "coop/v1/registry.pb.h"
#include "tools/coopctl/args.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/command_catalog.h"

namespace coop::coopctl {

// Who is calling, sent as call metadata x-coop-actor / x-coop-agency (x-coop-client is
// always "coopctl").
struct Caller {
  std::string actor;
  std::string agency;
};

// --actor NAME, --agency NAME.
std::vector<OptionSpec> CallerOptionSpecs();
// From --actor/--agency, else the environment variables COOP_ACTOR / COOP_AGENCY.
Caller CallerFrom(const ParsedArgs& args);

// A new request message of the RPC's input type (from the generated factory).
std::unique_ptr<google::protobuf::Message> NewRequest(const CommandRpc& rpc);

// If the request has a `header` message with an empty string `command_id`, sets it to
// `command_id` and returns true.
bool FillCommandId(google::protobuf::Message* request, const std::string& command_id);

class CommandClient {
 public:
  CommandClient(const Globals& globals, Caller caller);

  // One unary call, with the per-call deadline. Blocks until the reply or error.
  grpc::Status Call(const CommandRpc& rpc, const google::protobuf::Message& request,
                    coop::v1::CommandReply* reply);

 private:
  Globals globals_;
  Caller caller_;
  grpc::GenericStub stub_;
};

// "recorded: coop-…@1 position 12" or "duplicate: coop-…@1 position 12 (…)", no newline.
std::string FormatReply(const coop::v1::CommandReply& reply);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_COMMAND_CLIENT_H_
