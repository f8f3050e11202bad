// Syntax and limit checks on appends and reads, done before anything reaches the writer.
// Errors are INVALID_ARGUMENT (or RESOURCE_EXHAUSTED for a size limit) and name the field
// with its index path, e.g. "streams[0].events[3].event_id". Pure; thread-safe.
#ifndef COOPLEDGER_EVENTSTORE_VALIDATION_H_
#define COOPLEDGER_EVENTSTORE_VALIDATION_H_

#include <string_view>

#include "absl/status/status.h"
#include "coop/v1/eventstore.pb.h"
#include "eventstore/store_options.h"

namespace coop::eventstore {

// 1..max bytes of [A-Za-z0-9._:@-], starting with a letter or digit.
absl::Status ValidateStreamId(const std::string& field, std::string_view stream_id,
                              const Limits& limits);
// Dotted segments of [A-Za-z0-9_], each starting with a letter; e.g.
// "coop.v1.CooperativeRegistered".
absl::Status ValidateEventType(const std::string& field, std::string_view type,
                               const Limits& limits);
// "YYYY-MM-DD", a real calendar date.
absl::Status ValidateDate(const std::string& field, std::string_view date);
absl::Status ValidateAppend(const coop::v1::AppendRequest& request, const Limits& limits);
absl::Status ValidateFilter(const coop::v1::EventFilter& filter, const Limits& limits);
// INVALID_ARGUMENT naming `field` unless `direction` is a coop.v1.Direction (an unknown number
// must not read as FORWARDS).
absl::Status ValidateDirection(const std::string& field, int direction);

// How many events one read returns: `requested`, or the limit if it is 0 or above it.
uint32_t ReadCount(uint32_t requested, const Limits& limits);

// The stream's category: the part of the id before the first '-', or the whole id.
std::string_view StreamCategory(std::string_view stream_id);

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_VALIDATION_H_
