// Events in plain words for `coopctl history`: the payload of a coop.v1.* event decoded with
// the compiled-in descriptor of its type, and a short sentence built from the fields set.
// Pure functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_COOPCTL_EVENT_SENTENCE_H_
#define COOPLEDGER_TOOLS_COOPCTL_EVENT_SENTENCE_H_

#include <google/protobuf/message.h>

#include <memory>
#include <string>

#include "coop/v1/eventstore.pb.h"

namespace coop::coopctl {

// The payload decoded as the message named by the event's type, if that is a type of package
// coop.v1 compiled into coopctl and the payload parses; nullptr otherwise.
std::unique_ptr<google::protobuf::Message> DecodePayload(const coop::v1::RecordedEvent& event);

// "Cooperative registered: code 2000123456, name HTX Khánh An, members official 9, address
// 32059 (2025-03)": the humanised type name, then every field set, nested messages inline.
// String fields ending in "_id" whose value names the event's stream are left out. For a
// type coopctl does not know: the type name and a preview of the payload.
std::string DescribeEvent(const coop::v1::RecordedEvent& event);

// One value of a field of `message` in the words DescribeEvent uses ("32059 (2025-03)",
// "official 9", enums as words); `index` < 0 for a singular field, else the repeated item.
std::string DescribeFieldValue(const google::protobuf::Message& message,
                               const google::protobuf::FieldDescriptor* field, int index);

// "alice for dpi-hanoi", "alice", "an unnamed caller via coopctl", from the event's metadata.
std::string DescribeRecorder(const coop::v1::EventMetadata& metadata);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_EVENT_SENTENCE_H_
