#include "services/programs_service.h"

#include <utility>

namespace coop::services {

ProgramsService::ProgramsService(eventstore::EventStore* store, CommandWorkers* workers,
                                 std::function<domain::DecisionContext()> context)
    : workers_(workers),
      classes_(store, context),
      ocop_products_(store, context),
      grants_(store, context),
      placements_(store, std::move(context)) {}

}  // namespace coop::services
