#include "domain/text/event_sentence.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "base/cut_text.h"
#include "coop/v1/class_events.pb.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/grant_events.pb.h"
#include "coop/v1/group_events.pb.h"
#include "coop/v1/hall_events.pb.h"
#include "coop/v1/ocop_events.pb.h"
#include "coop/v1/person_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "coop/v1/plan_events.pb.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"
#include "domain/text/event_titles.h"
#include "domain/text/field_words.h"
#include "domain/text/number_format.h"
#include "domain/text/place_names.h"

namespace coop::domain::text {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr size_t kMaxStringChars = 60;

// Every event type the services record, by its log name: the members of the event unions, the
// code reservation's two types and the corrections. Built once, never destroyed.
const std::map<std::string, const Descriptor*>& RecordedTypes() {
  static const auto* const types = [] {
    auto* out = new std::map<std::string, const Descriptor*>();
    for (const Descriptor* event_union :
         {coop::v1::CooperativeEvent::descriptor(), coop::v1::GroupEvent::descriptor(),
          coop::v1::HallEvent::descriptor(), coop::v1::ClassEvent::descriptor(),
          coop::v1::GrantEvent::descriptor(), coop::v1::OcopEvent::descriptor(),
          coop::v1::PlacementEvent::descriptor(), coop::v1::PlanEvent::descriptor(),
          coop::v1::PersonEvent::descriptor()}) {
      for (int i = 0; i < event_union->field_count(); ++i) {
        const Descriptor* type = event_union->field(i)->message_type();
        if (type != nullptr) (*out)[type->full_name()] = type;
      }
    }
    for (const Descriptor* type :
         {coop::v1::CooperativeCodeReserved::descriptor(),
          coop::v1::CooperativeCodeReleased::descriptor(), coop::v1::EventVoided::descriptor(),
          coop::v1::EventAmended::descriptor()}) {
      (*out)[type->full_name()] = type;
    }
    return out;
  }();
  return *types;
}

// "charter_capital_vnd" → its words; a name without words (a test keeps there being none)
// reads as itself with spaces.
std::string FieldLabel(const FieldDescriptor* field, Language language) {
  if (const Bilingual* words = FieldWords(field->name())) return words->In(language);
  return absl::StrReplaceAll(field->name(), {{"_", " "}});
}

std::string EnumLabel(const google::protobuf::EnumValueDescriptor* value, Language language) {
  if (const Bilingual* words = EnumValueWords(value->name())) return words->In(language);
  std::string name = value->name();
  for (char& c : name) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

// "2024-09-01" → "01/09/2024" / "1 September 2024"; anything else as it is.
std::string DateOrText(const std::string& text, Language language) {
  absl::CivilDay day;
  if (text.size() == 10 && absl::ParseCivilTime(text, &day)) return FormatDay(day, language);
  return base::CutText(text, kMaxStringChars);
}

// An area by its name in its unit set's catalogue, its code beside: "xã Khánh An (32059)".
std::string AreaText(const coop::v1::Area& area, Language language) {
  auto set = areas::ParseUnitSet(area.unit_set());
  const areas::AreaUnit* unit =
      set.ok() ? areas::AreaCatalog::Reference(*set).Find(area.code()) : nullptr;
  if (unit == nullptr) {
    return area.unit_set().empty() ? area.code()
                                   : absl::StrCat(area.code(), " (", area.unit_set(), ")");
  }
  return absl::StrCat(PlaceInText(unit->name, language), " (", area.code(), ")");
}

std::vector<std::string> DescribeFields(const Message& message, const std::string& stream_id,
                                        Language language, const PersonNotes* people);

// One value of `field` (index < 0: the singular value), or "" to leave it out.
std::string DescribeValue(const Message& message, const FieldDescriptor* field, int index,
                          const std::string& stream_id, Language language,
                          const PersonNotes* people) {
  const Reflection* r = message.GetReflection();
  const bool rep = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      const std::string value =
          rep ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
      if (field->type() == FieldDescriptor::TYPE_BYTES) return absl::StrCat(value.size(), " byte");
      return DateOrText(value, language);
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32: {
      int64_t value = 0;
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
        value = rep ? r->GetRepeatedInt32(message, field, index) : r->GetInt32(message, field);
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
        value = rep ? r->GetRepeatedInt64(message, field, index) : r->GetInt64(message, field);
      } else {
        value = rep ? r->GetRepeatedUInt32(message, field, index) : r->GetUInt32(message, field);
      }
      if (absl::EndsWith(field->name(), "_vnd")) return FormatMoney(value, language);
      // Years read as years, not as counts ("2024", not "2.024").
      if (field->name() == "year" || absl::EndsWith(field->name(), "_year")) {
        return absl::StrCat(value);
      }
      return FormatCount(value, language);
    }
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(message, field, index)
                              : r->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const double value =
          field->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE
              ? (rep ? r->GetRepeatedDouble(message, field, index) : r->GetDouble(message, field))
              : (rep ? r->GetRepeatedFloat(message, field, index) : r->GetFloat(message, field));
      std::string text = absl::StrCat(value);
      if (language == Language::kVietnamese) absl::StrReplaceAll({{".", ","}}, &text);
      return text;
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      return "";  // DescribeFields words a flag by its label alone
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumLabel(rep ? r->GetRepeatedEnum(message, field, index) : r->GetEnum(message, field),
                       language);
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& sub =
          rep ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field);
      if (sub.GetDescriptor() == coop::v1::Area::descriptor()) {
        return AreaText(static_cast<const coop::v1::Area&>(sub), language);
      }
      std::vector<std::string> parts = DescribeFields(sub, stream_id, language, people);
      if (parts.empty()) return "";
      if (parts.size() == 1) return parts.front();
      return absl::StrCat("(", absl::StrJoin(parts, ", "), ")");
    }
  }
  return "";
}

// A person reference with what the node knows of the person, if that is worth saying:
// "<ref> (đã xoá dữ liệu cá nhân ngày 05/12/2026)".
std::string PersonRefText(const std::string& ref, Language language, const PersonNotes* people) {
  if (people == nullptr) return ref;
  auto it = people->find(ref);
  if (it == people->end()) return ref;
  const std::string note = PersonNoteText(it->second, language);
  return note.empty() ? ref : absl::StrCat(ref, " (", note, ")");
}

std::vector<std::string> DescribeFields(const Message& message, const std::string& stream_id,
                                        Language language, const PersonNotes* people) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  std::vector<std::string> parts;
  // A flag whose "no" is news (proto3 lists a flag only when it is true): an inspection that
  // found the cooperative not compliant.
  if (const FieldDescriptor* compliant = message.GetDescriptor()->FindFieldByName("compliant");
      compliant != nullptr && compliant->cpp_type() == FieldDescriptor::CPPTYPE_BOOL &&
      !message.GetReflection()->GetBool(message, compliant)) {
    fields.push_back(compliant);
    std::sort(fields.begin(), fields.end(), [](const FieldDescriptor* a, const FieldDescriptor* b) {
      return a->number() < b->number();
    });
  }
  for (const FieldDescriptor* field : fields) {
    const std::string label = FieldLabel(field, language);
    if (field->is_repeated()) {
      std::vector<std::string> items;
      const int size = message.GetReflection()->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        std::string item = DescribeValue(message, field, i, stream_id, language, people);
        if (!item.empty()) items.push_back(std::move(item));
      }
      if (!items.empty()) {
        parts.push_back(absl::StrCat(label, " [", absl::StrJoin(items, "; "), "]"));
      }
      continue;
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
        (field->name() == "id" || absl::EndsWith(field->name(), "_id") ||
         IsPersonRefField(field->name()))) {
      const std::string& value = message.GetReflection()->GetString(message, field);
      if (!value.empty() && absl::EndsWith(stream_id, absl::StrCat("-", value))) continue;
      if (IsPersonRefField(field->name()) && !value.empty()) {
        parts.push_back(absl::StrCat(label, " ", PersonRefText(value, language, people)));
        continue;
      }
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      const bool vi = language == Language::kVietnamese;
      parts.push_back(message.GetReflection()->GetBool(message, field)
                          ? label
                          : absl::StrCat(vi ? "không " : "not ", label));
      continue;
    }
    std::string value = DescribeValue(message, field, -1, stream_id, language, people);
    if (!value.empty()) parts.push_back(absl::StrCat(label, " ", value));
  }
  return parts;
}

}  // namespace

std::unique_ptr<Message> DecodeEventPayload(const std::string& type, const std::string& payload) {
  const auto& types = RecordedTypes();
  auto it = types.find(type);
  if (it == types.end()) return nullptr;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(it->second);
  if (prototype == nullptr) return nullptr;
  std::unique_ptr<Message> message(prototype->New());
  if (!message->ParseFromString(payload)) return nullptr;
  return message;
}

std::string PayloadDetails(const Message& payload, const std::string& stream_id, Language language,
                           const PersonNotes* people) {
  return absl::StrJoin(DescribeFields(payload, stream_id, language, people), ", ");
}

std::string EventSentence(const coop::v1::RecordedEvent& event, Language language,
                          const PersonNotes* people) {
  const Bilingual* title = EventTitle(event.type());
  std::unique_ptr<Message> payload = DecodeEventPayload(event.type(), event.payload());
  if (title == nullptr || payload == nullptr) {
    return absl::StrCat(event.type(), " (", event.payload().size(), " byte)");
  }
  std::string details = PayloadDetails(*payload, event.stream_id(), language, people);
  if (details.empty()) return title->In(language);
  return absl::StrCat(title->In(language), ": ", details);
}

std::string RecordedBy(const coop::v1::EventMetadata& metadata, Language language) {
  const bool vi = language == Language::kVietnamese;
  std::string who = !metadata.actor().empty() ? metadata.actor()
                    : vi                      ? "người dùng không tên"
                                              : "an unnamed caller";
  if (!metadata.agency().empty()) {
    absl::StrAppend(&who, vi ? absl::StrCat(", đơn vị ", metadata.agency())
                             : absl::StrCat(" for ", metadata.agency()));
  }
  if (metadata.actor().empty() && !metadata.client().empty()) {
    absl::StrAppend(&who, vi ? " qua " : " via ", metadata.client());
  }
  return who;
}

}  // namespace coop::domain::text
