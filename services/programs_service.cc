#include "services/programs_service.h"

#include <string>
#include <utility>

#include "services/command_call.h"

namespace coop::services {

grpc::ServerUnaryReactor* ProgramsService::PlaceGraduate(
    grpc::CallbackServerContext* context, const coop::v1::PlaceGraduateRequest* request,
    coop::v1::CommandReply* reply) {
  auto checked = CheckedRequest(*request);
  if (!checked.ok()) return RefuseCommand(gate_, context, checked.status());
  domain::PlacementAggregate::Event fact;
  auto* created = fact.mutable_placed();
  *created = checked->placed();
  if (created->placement_id().empty()) {
    created->set_placement_id(AssignedAggregateId(checked->header()));
  }
  const std::string id = created->placement_id();
  const std::string person_ref = created->person_ref();
  return RunCommand(
      gate_, workers_, &placements_, context, *checked, checked->header(), "placed.placement_id",
      id, std::move(fact), reply, [this, context, person_ref](commands::CommandInput* input) {
        if (input->principal->role == access::Role::kRecorder) {
          // Runs on a command worker before the call finishes, so `context` is still alive.
          input->precheck = [this, context, person_ref,
                             principal = input->principal](std::vector<coop::v1::StreamAppend>*) {
            return person_rules_.CheckPerson(*principal, person_ref, context);
          };
        }
        return absl::OkStatus();
      });
}

}  // namespace coop::services
