#include "tools/coopctl/field_text.h"

#include <google/protobuf/descriptor.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/cut_text.h"
#include "tools/coopctl/command_catalog.h"
#include "tools/coopctl/report_text.h"

namespace coop::coopctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr size_t kMaxStringChars = 60;

std::vector<std::string> DescribeFields(const Message& message);

// One value of `field` (index < 0: the singular value), or "" to leave it out.
std::string DescribeValue(const Message& message, const FieldDescriptor* field, int index) {
  const Reflection* r = message.GetReflection();
  const bool rep = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value =
          rep ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        return absl::StrCat("(", value.size(), value.size() == 1 ? " byte)" : " bytes)");
      }
      return base::CutText(value, kMaxStringChars);
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
      return EnumText(rep ? r->GetRepeatedEnum(message, field, index) : r->GetEnum(message, field));
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
      std::vector<std::string> parts = DescribeFields(sub);
      if (parts.empty()) return "";
      if (parts.size() == 1) return parts.front();
      return absl::StrCat("(", absl::StrJoin(parts, ", "), ")");
    }
  }
  return "";
}

std::vector<std::string> DescribeFields(const Message& message) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  std::vector<std::string> parts;
  for (const FieldDescriptor* field : fields) {
    const std::string label = HumanCase(field->name());
    if (field->is_repeated()) {
      std::vector<std::string> items;
      const int size = message.GetReflection()->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        std::string item = DescribeValue(message, field, i);
        if (!item.empty()) items.push_back(std::move(item));
      }
      if (!items.empty())
        parts.push_back(absl::StrCat(label, " [", absl::StrJoin(items, ", "), "]"));
      continue;
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      parts.push_back(
          message.GetReflection()->GetBool(message, field) ? label : absl::StrCat("not ", label));
      continue;
    }
    std::string value = DescribeValue(message, field, -1);
    if (!value.empty()) parts.push_back(absl::StrCat(label, " ", value));
  }
  return parts;
}

}  // namespace

std::string DescribeFieldValue(const Message& message, const FieldDescriptor* field, int index) {
  return DescribeValue(message, field, index);
}

}  // namespace coop::coopctl
