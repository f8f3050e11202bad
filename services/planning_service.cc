#include "services/planning_service.h"

#include <cctype>
#include <utility>

#include "domain/common/rules.h"

namespace coop::services {
namespace {

// The plan's area and year make its stream id: they must be there, and the area's codes may
// hold only what a reference-data code holds (letters, digits, '-').
absl::Status CheckPlanKey(const coop::v1::AnnualPlanTargetsSet& targets) {
  const struct {
    const char* field;
    const std::string& value;
  } parts[] = {{"targets_set.area.code", targets.area().code()},
               {"targets_set.area.unit_set", targets.area().unit_set()}};
  for (const auto& part : parts) {
    if (part.value.empty()) return domain::Violation("COMMON-03", part.field, "is required");
    if (part.value.size() > 32) {
      return domain::Violation("AREA-01", part.field, "is not a code of the reference data");
    }
    for (char c : part.value) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return domain::Violation("AREA-01", part.field, "is not a code of the reference data");
      }
    }
  }
  if (targets.year() == 0) return domain::Violation("COMMON-03", "targets_set.year", "is required");
  return absl::OkStatus();
}

}  // namespace

PlanningService::PlanningService(eventstore::EventStore* store, const CallGate* gate,
                                 commands::CommandWorkers* workers,
                                 std::function<domain::DecisionContext()> context)
    : gate_(gate), workers_(workers), plans_(store, std::move(context)) {
  ParseRequestsOf(&PlanningService::SetAnnualPlanTargets);
}

grpc::ServerUnaryReactor* PlanningService::SetAnnualPlanTargets(
    grpc::CallbackServerContext* context, const coop::v1::SetAnnualPlanTargetsRequest* request,
    coop::v1::CommandReply* reply) {
  auto checked = CheckedRequest(*request);
  if (!checked.ok()) return RefuseCommand(gate_, context, checked.status());
  coop::v1::PlanEvent fact;
  *fact.mutable_targets_set() = checked->targets_set();
  const std::string id =
      domain::PlanAggregate::PlanId(checked->targets_set().area(), checked->targets_set().year());
  return RunCommand<domain::PlanAggregate>(
      gate_, workers_, &plans_, context, *checked, checked->header(), "plan_id", id,
      std::move(fact), reply,
      [&checked](commands::CommandInput*) { return CheckPlanKey(checked->targets_set()); });
}

}  // namespace coop::services
