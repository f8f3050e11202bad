// The aggregate another one belongs to, for the aggregates that keep no address of their own
// (an OCOP product, a graduate placement, a support grant): their recorder scope is judged
// on the area of the cooperative (or group) they name, on the event's date
// (commands/recorder_scope.h). A plain value.
#ifndef COOPLEDGER_DOMAIN_COMMON_AGGREGATE_OWNER_H_
#define COOPLEDGER_DOMAIN_COMMON_AGGREGATE_OWNER_H_

#include <string>

namespace coop::domain {

struct AggregateOwner {
  std::string cooperative_id;  // set for a cooperative owner
  std::string group_id;        // set for a cooperative group (THT) owner
};

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_AGGREGATE_OWNER_H_
