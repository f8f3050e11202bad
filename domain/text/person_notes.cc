#include "domain/text/person_notes.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "domain/text/event_sentence.h"
#include "domain/text/number_format.h"

namespace coop::domain::text {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void CollectRefs(const Message& message, std::set<std::string>* refs) {
  std::vector<const FieldDescriptor*> fields;
  const auto* reflection = message.GetReflection();
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING && !field->is_repeated() &&
        IsPersonRefField(field->name())) {
      refs->insert(reflection->GetString(message, field));
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          CollectRefs(reflection->GetRepeatedMessage(message, field, i), refs);
        }
      } else {
        CollectRefs(reflection->GetMessage(message, field), refs);
      }
    }
  }
}

}  // namespace

bool IsPersonRefField(std::string_view field_name) {
  return field_name == "person_ref" || field_name.ends_with("_ref");
}

std::set<std::string> PersonRefsIn(const std::vector<coop::v1::RecordedEvent>& events) {
  std::set<std::string> refs;
  for (const auto& event : events) {
    std::unique_ptr<Message> payload = DecodeEventPayload(event.type(), event.payload());
    if (payload != nullptr) CollectRefs(*payload, &refs);
  }
  refs.erase("");
  return refs;
}

std::string PersonNoteText(const PersonNote& note, Language language) {
  const bool vi = language == Language::kVietnamese;
  switch (note.standing) {
    case PersonStanding::kPresent:
      return "";
    case PersonStanding::kErased:
      return absl::StrCat(vi ? "đã xoá dữ liệu cá nhân ngày " : "personal data erased on ",
                          FormatDay(note.erased_on, language));
    case PersonStanding::kNotOnThisNode:
      return vi ? "không có thông tin cá nhân trên máy chủ này" : "details not on this node";
  }
  return "";
}

}  // namespace coop::domain::text
