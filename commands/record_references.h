// Which live records name a record (domain/links): the grants, OCOP products and placements
// that name a cooperative or group, a cooperative converted from a group, a group or
// cooperative formed from a hall and the hall that names it, a reorganisation's other parties.
// Used before a record is withdrawn (CORR-09): a record still named by a live one is not.
//
// It scans the log for the event types that name records (a creation's withdrawal is rare and
// deliberate), then re-reads each candidate stream to see if, as its corrections leave it, it
// still names the record. A record named concurrently with the withdrawal is a documented race
// (docs/domain.md, "Records made in error").
//
// Blocks on the store; thread-safe.
#ifndef COOPLEDGER_COMMANDS_RECORD_REFERENCES_H_
#define COOPLEDGER_COMMANDS_RECORD_REFERENCES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "eventstore/event_store.h"

namespace coop::commands {

// The ids of the streams whose live records name `record_id` (other than `stream_id`, the
// record's own stream), in stream id order.
absl::StatusOr<std::vector<std::string>> LiveReferencesTo(eventstore::EventStore* store,
                                                          const std::string& stream_id,
                                                          const std::string& record_id);

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_RECORD_REFERENCES_H_
