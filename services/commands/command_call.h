// The gRPC side of a command, shared by every command service: a call becomes a CommandInput
// (header, who recorded it from call metadata), runs on a CommandWorkers thread through the
// aggregate's CommandExecutor, and the worker finishes the call. gRPC threads never wait on
// the store.
//
// Generated handlers: a service class that has
//   CommandWorkers* workers_;
//   template <typename Aggregate> CommandExecutor<Aggregate>* Executor();
// includes the generated lists (e.g. services/group_commands.inc) in its class body; each line
//   COOP_COMMAND(GroupAggregate, SuspendCooperativeGroup, suspended, group_id)
// defines the override of one RPC whose request is {header, group_id, suspended}, and
//   COOP_CREATE(GroupAggregate, FormCooperativeGroup, formed, group_id)
// one whose request is {header, formed}: the creating fact carries the id, and an empty id is
// derived from the command id (so a retried creation lands on the same stream).
//
// Who recorded a command is taken from call metadata for now (x-coop-actor, x-coop-agency,
// x-coop-client); a later version takes it from the authenticated principal.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_COMMANDS_COMMAND_CALL_H_
#define COOPLEDGER_SERVICES_COMMANDS_COMMAND_CALL_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "coop/v1/registry.pb.h"
#include "services/commands/command_executor.h"
#include "services/commands/command_workers.h"
#include "services/grpc_status.h"

namespace coop::services {

// The command's input from its call: command id (checked to be a UUID), business date,
// expected version, who recorded it. Not set: stream_id, reservations, precheck.
// INVALID_ARGUMENT for a malformed command id or an empty aggregate id ("[COMMON-03]
// <id_field>: is required").
absl::StatusOr<CommandInput> CommandInputOf(const grpc::CallbackServerContext* context,
                                            const coop::v1::CommandHeader& header,
                                            const char* id_field, const std::string& aggregate_id);

// The id a creation without one gets: derived from the command id, so that a retry lands on
// the same stream. Empty if the command id is not a UUID (the command is then refused).
std::string AssignedAggregateId(const coop::v1::CommandHeader& header);

// Runs one command on a worker and finishes the call with its CommandReply or error.
// `input_extra` may add reservations and a precheck. `executor` and `workers` must outlive
// the call.
template <typename Aggregate>
grpc::ServerUnaryReactor* RunCommand(CommandWorkers* workers, CommandExecutor<Aggregate>* executor,
                                     grpc::CallbackServerContext* context,
                                     const coop::v1::CommandHeader& header, const char* id_field,
                                     const std::string& aggregate_id,
                                     typename Aggregate::Event fact, coop::v1::CommandReply* reply,
                                     std::function<void(CommandInput*)> input_extra = nullptr) {
  auto* reactor = context->DefaultReactor();
  auto input = CommandInputOf(context, header, id_field, aggregate_id);
  if (!input.ok()) {
    reactor->Finish(ToGrpcStatus(input.status()));
    return reactor;
  }
  input->stream_id = Aggregate::StreamId(aggregate_id);
  if (input_extra) input_extra(&*input);
  const bool posted =
      workers->Post([executor, reactor, reply, input = *std::move(input), fact = std::move(fact)] {
        auto result = executor->Execute(input, fact);
        if (result.ok()) *reply = *std::move(result);
        reactor->Finish(ToGrpcStatus(result.status()));
      });
  if (!posted) reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "shutting down"));
  return reactor;
}

}  // namespace coop::services

#define COOP_COMMAND(Aggregate, Rpc, field, id_field)                                         \
  grpc::ServerUnaryReactor* Rpc(grpc::CallbackServerContext* context,                         \
                                const coop::v1::Rpc##Request* request,                        \
                                coop::v1::CommandReply* reply) override {                     \
    Aggregate::Event fact;                                                                    \
    *fact.mutable_##field() = request->field();                                               \
    return RunCommand<Aggregate>(workers_, Executor<Aggregate>(), context, request->header(), \
                                 #id_field, request->id_field(), std::move(fact), reply);     \
  }

#define COOP_CREATE(Aggregate, Rpc, field, id_field)                                          \
  grpc::ServerUnaryReactor* Rpc(grpc::CallbackServerContext* context,                         \
                                const coop::v1::Rpc##Request* request,                        \
                                coop::v1::CommandReply* reply) override {                     \
    Aggregate::Event fact;                                                                    \
    auto* created = fact.mutable_##field();                                                   \
    *created = request->field();                                                              \
    if (created->id_field().empty()) {                                                        \
      created->set_##id_field(AssignedAggregateId(request->header()));                        \
    }                                                                                         \
    const std::string id = created->id_field();                                               \
    return RunCommand<Aggregate>(workers_, Executor<Aggregate>(), context, request->header(), \
                                 #field "." #id_field, id, std::move(fact), reply);           \
  }

#endif  // COOPLEDGER_SERVICES_COMMANDS_COMMAND_CALL_H_
