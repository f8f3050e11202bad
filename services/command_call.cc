#include "services/command_call.h"

#include "absl/strings/ascii.h"
#include "base/uuid.h"
#include "commands/command_digest.h"
#include "commands/derived_ids.h"
#include "domain/common/rules.h"

namespace coop::services {
namespace {

// Far above any event index, so an assigned id never equals one of the command's event ids.
constexpr int kAssignedIdIndex = 1'000'000;

}  // namespace

absl::StatusOr<commands::CommandInput> CommandInputOf(
    const grpc::CallbackServerContext* context, std::shared_ptr<const access::Principal> principal,
    const coop::v1::CommandHeader& header, const char* id_field, const std::string& aggregate_id) {
  if (!base::ParseUuid(header.command_id())) {
    return absl::InvalidArgumentError("header.command_id: must be a UUID");
  }
  if (aggregate_id.empty()) return domain::Violation("COMMON-03", id_field, "is required");
  commands::CommandInput input;
  input.stamp.command_id = absl::AsciiStrToLower(header.command_id());
  input.aggregate_id = aggregate_id;
  input.stamp.occurred_on = header.occurred_on();
  if (header.has_expected_version()) input.expected_version = header.expected_version();
  auto& metadata = input.stamp.metadata;
  if (principal->authenticated) {
    metadata.set_actor(principal->name);
    metadata.set_agency(principal->agency);
  } else {  // open loopback mode: what the caller claims, beside the local admin
    metadata.set_actor(CallMetadata(*context, "x-coop-actor"));
    metadata.set_agency(CallMetadata(*context, "x-coop-agency"));
  }
  metadata.set_principal(principal->name);
  metadata.set_client(CallMetadata(*context, "x-coop-client"));
  input.stamp.metadata.set_correlation_id(input.stamp.command_id);
  input.principal = std::move(principal);
  return input;
}

grpc::ServerUnaryReactor* RefuseCommand(const CallGate* gate, grpc::CallbackServerContext* context,
                                        const absl::Status& refusal) {
  auto* reactor = context->DefaultReactor();
  auto principal = gate->Admit(*context, access::Permission::kRecord);
  reactor->Finish(ToGrpcStatus(principal.ok() ? refusal : principal.status()));
  return reactor;
}

absl::StatusOr<commands::CommandInput> AdmitCommand(const CallGate* gate,
                                                    grpc::CallbackServerContext* context,
                                                    const google::protobuf::Message& request,
                                                    const coop::v1::CommandHeader& header,
                                                    const char* id_field,
                                                    const std::string& aggregate_id) {
  auto principal = gate->Admit(*context, access::Permission::kRecord);
  if (!principal.ok()) return principal.status();
  auto input = CommandInputOf(context, *std::move(principal), header, id_field, aggregate_id);
  if (!input.ok()) return input.status();
  input->stamp.command_digest = commands::CommandDigest(request);
  return input;
}

std::string AssignedAggregateId(const coop::v1::CommandHeader& header) {
  if (!base::ParseUuid(header.command_id())) return "";
  return commands::DerivedEventId(header.command_id(), kAssignedIdIndex);
}

}  // namespace coop::services
