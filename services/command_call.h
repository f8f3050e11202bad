// The gRPC side of a command, shared by every command service: the CallGate admits the caller
// (a recorder or an admin), the call becomes a commands::CommandInput (header, who recorded
// it, the principal whose scope the executor checks), is decided on a commands::CommandWorkers
// thread by the aggregate's commands::CommandExecutor (ExecuteAsync), and the completion of
// its append finishes the call. gRPC threads never wait on the store, and workers do not wait
// for fsyncs.
//
// The handlers generated from the command table (services/generated/, written by
// tools/codegen/gen_commands.py) and the hand-written ones (e.g. RegisterCooperative) all end
// in RunCommand.
//
// Who recorded a command: with authentication on, the principal's name and agency (the
// metadata's actor, agency and principal); in coopd's open loopback mode, the caller's
// x-coop-actor / x-coop-agency headers beside the principal "local-admin (unauthenticated)".
// x-coop-client names the client program in both.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMAND_CALL_H_
#define COOPLEDGER_SERVICES_COMMAND_CALL_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "commands/command_executor.h"
#include "commands/command_workers.h"
#include "commands/request_terms.h"
#include "coop/v1/registry.pb.h"
#include "domain/common/request_checks.h"
#include "services/call_gate.h"
#include "services/grpc_status.h"
#include "services/view_wait.h"

namespace coop::services {

// The command's input from its call: command id (checked to be a UUID), business date,
// expected version, who recorded it (from `principal`, as above). Not set: stream_id,
// reservations, precheck. INVALID_ARGUMENT for a malformed command id or an empty aggregate id
// ("[COMMON-03] <id_field>: is required").
absl::StatusOr<commands::CommandInput> CommandInputOf(
    const grpc::CallbackServerContext* context, std::shared_ptr<const access::Principal> principal,
    const coop::v1::CommandHeader& header, const char* id_field, const std::string& aggregate_id);

// The id a creation without one gets: derived from the command id, so that a retry lands on
// the same stream. Empty if the command id is not a UUID (the command is then refused).
std::string AssignedAggregateId(const coop::v1::CommandHeader& header);

// A copy of `request` that passed domain::CheckRequestFields (known enum values, bounded
// numbers, clean text in NFC, ids in lower case and codes in upper case), or the first
// field's error. Handlers build the command from the copy.
template <typename Request>
absl::StatusOr<Request> CheckedRequest(const Request& request) {
  Request checked = request;
  if (auto st = domain::CheckRequestFields(&checked); !st.ok()) return st;
  return checked;
}

// Ends a command call whose request CheckedRequest refused: the caller is admitted first, so
// that one who may not record learns only that (UNAUTHENTICATED / PERMISSION_DENIED).
grpc::ServerUnaryReactor* RefuseCommand(const CallGate* gate, grpc::CallbackServerContext* context,
                                        const absl::Status& refusal);

// Admits the caller as a recorder (UNAUTHENTICATED / PERMISSION_DENIED otherwise) and builds
// its command's input from the checked `request` (CommandInputOf), with the request's digest
// (commands/command_digest.h), so that a command id reused for another command is refused.
absl::StatusOr<commands::CommandInput> AdmitCommand(const CallGate* gate,
                                                    grpc::CallbackServerContext* context,
                                                    const google::protobuf::Message& request,
                                                    const coop::v1::CommandHeader& header,
                                                    const char* id_field,
                                                    const std::string& aggregate_id);

// Admits the caller (AdmitCommand), runs one command on a worker and finishes the call with its
// CommandReply or error. `input_extra` may check the request further (its error ends the call:
// nobody learns anything before being admitted) and add reservations and a precheck. `gate`,
// `executor` and `workers` must outlive the call.
template <typename Aggregate>
grpc::ServerUnaryReactor* RunCommand(
    const CallGate* gate, commands::CommandWorkers* workers,
    commands::CommandExecutor<Aggregate>* executor, grpc::CallbackServerContext* context,
    const google::protobuf::Message& request, const coop::v1::CommandHeader& header,
    const char* id_field, const std::string& aggregate_id, typename Aggregate::Event fact,
    coop::v1::CommandReply* reply,
    std::function<absl::Status(commands::CommandInput*)> input_extra = nullptr) {
  auto* reactor = context->DefaultReactor();
  auto input = AdmitCommand(gate, context, request, header, id_field, aggregate_id);
  if (!input.ok()) {
    reactor->Finish(ToGrpcStatus(input.status()));
    return reactor;
  }
  input->stream_id = Aggregate::StreamId(aggregate_id);
  if (input_extra) {
    if (auto st = input_extra(&*input); !st.ok()) {
      reactor->Finish(ToGrpcStatus(st));
      return reactor;
    }
  }
  // The deciders name the fact's fields; the caller learns the request's.
  commands::RequestTerms terms(request, fact);
  // The worker decides and queues the append; the append's completion finishes the call, on
  // the store's thread (or on a worker after a conflict): nothing there blocks.
  const bool posted = workers->Post([executor, workers, reactor, reply, terms = std::move(terms),
                                     input = *std::move(input), fact = std::move(fact)]() mutable {
    executor->ExecuteAsync(
        std::move(input), std::move(fact), workers,
        [reactor, reply, terms = std::move(terms)](absl::StatusOr<coop::v1::CommandReply> result) {
          if (result.ok()) *reply = *std::move(result);
          reactor->Finish(ToGrpcStatus(terms.Rewrite(result.status())));
        });
  });
  if (!posted) reactor->Finish(ToGrpcStatus(ServerStoppingError()));
  return reactor;
}

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_COMMAND_CALL_H_
