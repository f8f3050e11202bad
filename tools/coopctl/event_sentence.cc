#include "tools/coopctl/event_sentence.h"

#include <google/protobuf/descriptor.h>

#include <cctype>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/coopctl/command_catalog.h"
#include "tools/coopctl/payload_preview.h"

namespace coop::coopctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr size_t kMaxStringChars = 60;

// At most `max_chars` UTF-8 characters, "…" appended if cut.
std::string Cut(const std::string& text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars++ == max_chars) return absl::StrCat(text.substr(0, i), "…");
  }
  return text;
}

// COOPERATIVE_UNION -> "cooperative union"; RATING_GRADE_GOOD (of RatingGrade) -> "good".
std::string EnumWords(const google::protobuf::EnumValueDescriptor* value) {
  std::string name = value->name();
  const std::string prefix = UpperSnakeCase(value->type()->name()) + "_";
  if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size()) name = name.substr(prefix.size());
  for (char& c : name) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

std::vector<std::string> DescribeFields(const Message& message, const std::string& stream_id);

// One value of `field` (index < 0: the singular value), or "" to leave it out.
std::string DescribeValue(const Message& message, const FieldDescriptor* field, int index,
                          const std::string& stream_id) {
  const Reflection* r = message.GetReflection();
  const bool rep = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value =
          rep ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        return absl::StrCat("(", value.size(), value.size() == 1 ? " byte)" : " bytes)");
      }
      return Cut(value, kMaxStringChars);
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(message, field, index)
                              : r->GetInt32(message, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(message, field, index)
                              : r->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(message, field, index)
                              : r->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(message, field, index)
                              : r->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(message, field, index)
                              : r->GetDouble(message, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r->GetRepeatedFloat(message, field, index)
                              : r->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(message, field, index) : r->GetBool(message, field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumWords(rep ? r->GetRepeatedEnum(message, field, index)
                           : r->GetEnum(message, field));
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& sub =
          rep ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field);
      const auto* type = sub.GetDescriptor();
      // An area reads best as "32059 (2025-03)".
      const FieldDescriptor* code = type->FindFieldByName("code");
      const FieldDescriptor* unit_set = type->FindFieldByName("unit_set");
      if (type->field_count() == 2 && code != nullptr && unit_set != nullptr &&
          code->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
          unit_set->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        const std::string& set = sub.GetReflection()->GetString(sub, unit_set);
        return absl::StrCat(sub.GetReflection()->GetString(sub, code),
                            set.empty() ? "" : absl::StrCat(" (", set, ")"));
      }
      std::vector<std::string> parts = DescribeFields(sub, stream_id);
      if (parts.empty()) return "";
      if (parts.size() == 1) return parts.front();
      return absl::StrCat("(", absl::StrJoin(parts, ", "), ")");
    }
  }
  return "";
}

std::vector<std::string> DescribeFields(const Message& message, const std::string& stream_id) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  std::vector<std::string> parts;
  for (const FieldDescriptor* field : fields) {
    const std::string label = HumanCase(field->name());
    if (field->is_repeated()) {
      std::vector<std::string> items;
      const int size = message.GetReflection()->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        std::string item = DescribeValue(message, field, i, stream_id);
        if (!item.empty()) items.push_back(std::move(item));
      }
      if (!items.empty())
        parts.push_back(absl::StrCat(label, " [", absl::StrJoin(items, ", "), "]"));
      continue;
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
        (field->name() == "id" || absl::EndsWith(field->name(), "_id"))) {
      const std::string& value = message.GetReflection()->GetString(message, field);
      if (!value.empty() && absl::EndsWith(stream_id, absl::StrCat("-", value))) continue;
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      parts.push_back(
          message.GetReflection()->GetBool(message, field) ? label : absl::StrCat("not ", label));
      continue;
    }
    std::string value = DescribeValue(message, field, -1, stream_id);
    if (!value.empty()) parts.push_back(absl::StrCat(label, " ", value));
  }
  return parts;
}

}  // namespace

std::unique_ptr<Message> DecodePayload(const coop::v1::RecordedEvent& event) {
  if (event.type().rfind(absl::StrCat(kCommandPackage, "."), 0) != 0) return nullptr;
  CoopFiles();  // loads the coop.v1 files into the generated pool
  const auto* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(event.type());
  if (type == nullptr) return nullptr;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) return nullptr;
  std::unique_ptr<Message> message(prototype->New());
  if (!message->ParseFromString(event.payload())) return nullptr;
  return message;
}

std::string DescribeEvent(const coop::v1::RecordedEvent& event) {
  std::unique_ptr<Message> message = DecodePayload(event);
  if (message == nullptr) {
    std::string text = event.type();
    const size_t size = event.payload().size();
    if (size > 0) {
      absl::StrAppend(&text, " (", size, size == 1 ? " byte" : " bytes");
      if (auto preview = PayloadPreview(event.payload(), kMaxStringChars)) {
        absl::StrAppend(&text, ": ", *preview);
      }
      absl::StrAppend(&text, ")");
    }
    return text;
  }
  std::string text = HumanCase(message->GetDescriptor()->name());
  std::vector<std::string> parts = DescribeFields(*message, event.stream_id());
  if (!parts.empty()) absl::StrAppend(&text, ": ", absl::StrJoin(parts, ", "));
  return text;
}

std::string DescribeFieldValue(const Message& message, const FieldDescriptor* field, int index) {
  return DescribeValue(message, field, index, "");
}

std::string DescribeRecorder(const coop::v1::EventMetadata& metadata) {
  std::string who = metadata.actor().empty() ? "an unnamed caller" : metadata.actor();
  if (!metadata.agency().empty()) absl::StrAppend(&who, " for ", metadata.agency());
  if (metadata.actor().empty() && !metadata.client().empty()) {
    absl::StrAppend(&who, " via ", metadata.client());
  }
  return who;
}

}  // namespace coop::coopctl
