#include "services/registry_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/common/rules.h"
#include "services/grpc_status.h"

namespace coop::services {
namespace {

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
    : store_(store),
      workers_(workers),
      cooperatives_(store, context),
      groups_(store, context),
      halls_(store, std::move(context)) {}

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
  if (registered->cooperative_id().empty()) {
    registered->set_cooperative_id(AssignedAggregateId(request->header()));
  }
  const std::string id = registered->cooperative_id();
  const std::string code = registered->code();
  return RunCommand<CooperativeAggregate>(
      workers_, &cooperatives_, context, request->header(), "cooperative_id", id, std::move(fact),
      reply, [this, id, code](CommandInput* input) {
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
          return domain::Violation(
              "COOP-16", "registration.code",
              absl::StrCat(code, " is already the code of cooperative ", by.cooperative_id()));
        };
      });
}

}  // namespace coop::services
