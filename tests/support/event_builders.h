// Builders of append requests for tests. Pure; thread-safe.
#ifndef COOPLEDGER_TESTS_SUPPORT_EVENT_BUILDERS_H_
#define COOPLEDGER_TESTS_SUPPORT_EVENT_BUILDERS_H_

#include <string>

#include "coop/v1/eventstore.pb.h"
#include "google/protobuf/message.h"

namespace coop::testing {

coop::v1::ExpectedVersion Any();
coop::v1::ExpectedVersion NoStream();
coop::v1::ExpectedVersion StreamExists();
coop::v1::ExpectedVersion Exact(uint64_t version);

// An event with a fresh random id, type "test.v1.Happened", schema version 1.
coop::v1::ProposedEvent NewEvent(const std::string& payload = "payload");

// One event of a domain message in one stream (expected version ANY): a fresh id, the
// message's full name as type, schema version 1, and the business date and area given.
coop::v1::AppendRequest AppendMessage(const std::string& stream_id,
                                      const google::protobuf::Message& payload,
                                      const std::string& occurred_on,
                                      const coop::v1::Area& area = coop::v1::Area());

// One stream, `count` fresh events.
coop::v1::AppendRequest AppendTo(const std::string& stream_id,
                                 const coop::v1::ExpectedVersion& expected, int count = 1);
// Adds a stream with `count` fresh events to `request`.
void AddStream(coop::v1::AppendRequest* request, const std::string& stream_id,
               const coop::v1::ExpectedVersion& expected, int count = 1);

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SUPPORT_EVENT_BUILDERS_H_
