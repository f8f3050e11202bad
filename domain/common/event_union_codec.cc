#include "domain/common/event_union_codec.h"

#include <cstdlib>

namespace coop::domain {

EventUnionCodec::EventUnionCodec(const google::protobuf::Descriptor* union_type)
    : oneof_(union_type->oneof_decl(0)) {
  if (union_type->oneof_decl_count() != 1) std::abort();  // not an event union
  for (int i = 0; i < oneof_->field_count(); ++i) {
    const auto* field = oneof_->field(i);
    field_by_type_[field->message_type()->full_name()] = field;
  }
}

std::string EventUnionCodec::TypeOf(const google::protobuf::Message& event) const {
  const auto* field = event.GetReflection()->GetOneofFieldDescriptor(event, oneof_);
  return field == nullptr ? "" : field->message_type()->full_name();
}

void EventUnionCodec::Encode(const google::protobuf::Message& event,
                             coop::v1::ProposedEvent* out) const {
  const auto* reflection = event.GetReflection();
  const auto* field = reflection->GetOneofFieldDescriptor(event, oneof_);
  out->set_type(field->message_type()->full_name());
  out->set_schema_version(1);
  out->set_payload(reflection->GetMessage(event, field).SerializeAsString());
}

bool EventUnionCodec::Decode(const coop::v1::RecordedEvent& recorded,
                             google::protobuf::Message* event) const {
  auto it = field_by_type_.find(recorded.type());
  if (it == field_by_type_.end()) return false;
  event->Clear();
  return event->GetReflection()
      ->MutableMessage(event, it->second)
      ->ParseFromString(recorded.payload());
}

}  // namespace coop::domain
