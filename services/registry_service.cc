#include "services/registry_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/common/rules.h"
#include "eventstore/uuid.h"
#include "services/commands/derived_ids.h"
#include "services/grpc_status.h"

namespace coop::services {
namespace {

std::string MetadataValue(const grpc::CallbackServerContext* context, const std::string& key) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find(key);
  return it == metadata.end() ? "" : std::string(it->second.data(), it->second.size());
}

// A cooperative code becomes part of a stream id: letters, digits and '-' only.
absl::Status CheckCode(const std::string& code) {
  if (code.empty() || code.size() > 32) {
    return domain::Violation("COMMON-03", "registration.code", "must be 1 to 32 characters");
  }
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
      return domain::Violation("COMMON-03", "registration.code",
                               "may contain only letters, digits and '-'");
    }
  }
  return absl::OkStatus();
}

}  // namespace

RegistryService::RegistryService(eventstore::EventStore* store, CommandWorkers* workers,
                                 std::function<domain::DecisionContext()> context)
    : store_(store), workers_(workers), cooperatives_(store, std::move(context)) {}

grpc::ServerUnaryReactor* RegistryService::Run(grpc::CallbackServerContext* context,
                                               const coop::v1::CommandHeader& header,
                                               const std::string& cooperative_id,
                                               coop::v1::CooperativeEvent fact,
                                               coop::v1::CommandReply* reply,
                                               std::function<void(CommandInput*)> input_extra) {
  auto* reactor = context->DefaultReactor();
  if (cooperative_id.empty()) {
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                 "[COMMON-03] cooperative_id: is required"));
    return reactor;
  }
  CommandInput input;
  input.command_id = header.command_id();
  input.aggregate_id = cooperative_id;
  input.stream_id = CooperativeAggregate::StreamId(cooperative_id);
  input.occurred_on = header.occurred_on();
  if (header.has_expected_version()) input.expected_version = header.expected_version();
  input.metadata.set_actor(MetadataValue(context, "x-coop-actor"));
  input.metadata.set_agency(MetadataValue(context, "x-coop-agency"));
  input.metadata.set_client(MetadataValue(context, "x-coop-client"));
  input.metadata.set_correlation_id(header.command_id());
  if (input_extra) input_extra(&input);
  const bool posted =
      workers_->Post([this, reactor, reply, input = std::move(input), fact = std::move(fact)] {
        auto result = cooperatives_.Execute(input, fact);
        if (result.ok()) *reply = *std::move(result);
        reactor->Finish(ToGrpcStatus(result.status()));
      });
  if (!posted) reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "shutting down"));
  return reactor;
}

grpc::ServerUnaryReactor* RegistryService::RegisterCooperative(
    grpc::CallbackServerContext* context, const coop::v1::RegisterCooperativeRequest* request,
    coop::v1::CommandReply* reply) {
  coop::v1::CooperativeEvent fact;
  *fact.mutable_registered() = request->registration();
  auto* registered = fact.mutable_registered();
  if (auto st = CheckCode(registered->code()); !st.ok()) {
    auto* reactor = context->DefaultReactor();
    reactor->Finish(ToGrpcStatus(st));
    return reactor;
  }
  // Without an id from the client, the id is derived from the command id, so that a retry
  // of the registration lands on the same stream.
  if (registered->cooperative_id().empty() &&
      eventstore::ParseUuid(request->header().command_id())) {
    registered->set_cooperative_id(DerivedEventId(request->header().command_id(), 1'000'000));
  }
  const std::string id = registered->cooperative_id();
  const std::string code = registered->code();
  return Run(context, request->header(), id, std::move(fact), reply,
             [this, id, code](CommandInput* input) {
               // The code is reserved in the same atomic append (COOP-16).
               coop::v1::StreamAppend reservation;
               reservation.set_stream_id(CooperativeAggregate::CodeStreamId(code));
               coop::v1::CooperativeCodeReserved reserved;
               reserved.set_cooperative_id(id);
               reserved.set_code(code);
               auto* event = reservation.add_events();
               event->set_type(coop::v1::CooperativeCodeReserved::descriptor()->full_name());
               event->set_schema_version(1);
               event->set_payload(reserved.SerializeAsString());
               input->reservations.push_back(std::move(reservation));
               input->precheck = [store = store_, id, code]() -> absl::Status {
                 coop::v1::ReadStreamRequest read;
                 read.set_stream_id(CooperativeAggregate::CodeStreamId(code));
                 read.set_max_count(1);
                 auto held = store->ReadStream(read);
                 if (held.status().code() == absl::StatusCode::kNotFound) return absl::OkStatus();
                 if (!held.ok()) return held.status();
                 coop::v1::CooperativeCodeReserved by;
                 if (!held->empty()) by.ParseFromString(held->front().payload());
                 return domain::Violation("COOP-16", "registration.code",
                                          absl::StrCat(code, " is already the code of cooperative ",
                                                       by.cooperative_id()));
               };
             });
}

}  // namespace coop::services
