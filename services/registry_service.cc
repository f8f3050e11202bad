#include "services/registry_service.h"

#include <utility>

#include "commands/code_reservation.h"
#include "services/command_call.h"
#include "services/grpc_status.h"

namespace coop::services {

grpc::ServerUnaryReactor* RegistryService::RegisterCooperative(
    grpc::CallbackServerContext* context, const coop::v1::RegisterCooperativeRequest* request,
    coop::v1::CommandReply* reply) {
  auto checked = CheckedRequest(*request);
  if (!checked.ok()) return RefuseCommand(gate_, context, checked.status());
  coop::v1::CooperativeEvent fact;
  *fact.mutable_registered() = checked->registration();
  auto* registered = fact.mutable_registered();
  // Without an id from the client, the id is derived from the command id, so that a retry
  // of the registration lands on the same stream.
  if (registered->cooperative_id().empty()) {
    registered->set_cooperative_id(AssignedAggregateId(checked->header()));
  }
  const std::string id = registered->cooperative_id();
  const std::string code = registered->code();
  return RunCommand<domain::CooperativeAggregate>(
      gate_, workers_, &cooperatives_, context, *checked, checked->header(), "cooperative_id", id,
      std::move(fact), reply, [this, id, code](commands::CommandInput* input) {
        if (auto st = commands::CheckCooperativeCode(code); !st.ok()) return st;
        commands::ReserveCode(store_, id, code, input);  // COOP-16, in the same atomic append
        return absl::OkStatus();
      });
}

}  // namespace coop::services
