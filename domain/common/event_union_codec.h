// EventUnionCodec: maps an in-process event union (a message whose single oneof holds one
// event message per event type, e.g. coop.v1.CooperativeEvent) to the log's envelope and
// back. The event type in the log is the member message's full name
// ("coop.v1.CooperativeRegistered"); the payload is its serialized bytes.
// Immutable after construction; thread-safe.
#ifndef COOPLEDGER_DOMAIN_COMMON_EVENT_UNION_CODEC_H_
#define COOPLEDGER_DOMAIN_COMMON_EVENT_UNION_CODEC_H_

#include <google/protobuf/message.h>

#include <map>
#include <string>

#include "coop/v1/event.pb.h"

namespace coop::domain {

class EventUnionCodec {
 public:
  // REQUIRES: `union_type` has exactly one oneof, of message fields only.
  explicit EventUnionCodec(const google::protobuf::Descriptor* union_type);

  // Sets type, schema version 1 and payload. REQUIRES: a member is set.
  void Encode(const google::protobuf::Message& event, coop::v1::ProposedEvent* out) const;
  // False if the recorded event's type is not a member of the union (e.g. a correction event
  // in the same stream); `event` is then unchanged. Otherwise parses it into `event`.
  bool Decode(const coop::v1::RecordedEvent& recorded, google::protobuf::Message* event) const;
  // True if events of this log type are members of the union.
  bool IsMember(const std::string& type) const { return field_by_type_.contains(type); }
  // The log type of the member that is set, e.g. "coop.v1.CooperativeSuspended".
  std::string TypeOf(const google::protobuf::Message& event) const;

 private:
  const google::protobuf::OneofDescriptor* oneof_;
  std::map<std::string, const google::protobuf::FieldDescriptor*> field_by_type_;
};

// The codec of the event union `Union` (e.g. coop::v1::CooperativeEvent), built once on
// first use (thread-safe) and never destroyed.
template <typename Union>
const EventUnionCodec& CodecFor() {
  static const EventUnionCodec* const codec = new EventUnionCodec(Union::descriptor());
  return *codec;
}

}  // namespace coop::domain

#endif  // COOPLEDGER_DOMAIN_COMMON_EVENT_UNION_CODEC_H_
