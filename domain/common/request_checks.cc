#include "domain/common/request_checks.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "domain/common/rules.h"
#include "domain/common/text_rules.h"
#include "domain/common/value_bounds.h"

namespace coop::domain {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Fields a person writes several lines in.
bool IsMultiLine(const std::string& name) {
  static const char* const kMultiLine[] = {"reason", "findings", "follow_up", "grounds", "in_kind"};
  for (const char* multi : kMultiLine) {
    if (name == multi) return true;
  }
  return false;
}

bool IsIdentifier(const std::string& name) {
  return name == "id" || absl::EndsWith(name, "_id") || absl::EndsWith(name, "_ref");
}

int64_t BoundOf(const FieldDescriptor& field) {
  return absl::EndsWith(field.name(), "_vnd") || field.name() == "value" ? kMaxVnd : kMaxCount;
}

std::string PathOf(const std::string& prefix, const FieldDescriptor& field, int index) {
  std::string path = absl::StrCat(prefix, field.name());
  if (index >= 0) absl::StrAppend(&path, "[", index, "]");
  return path;
}

absl::Status CheckText(const FieldDescriptor& field, const std::string& path, std::string* text) {
  auto normalized = NormalizeText(
      path, *text, IsMultiLine(field.name()) ? TextKind::kMultiLine : TextKind::kSingleLine);
  if (!normalized.ok()) return normalized.status();
  *text = *std::move(normalized);
  if (IsIdentifier(field.name())) absl::AsciiStrToLower(text);
  if (field.name() == "code") absl::AsciiStrToUpper(text);
  return absl::OkStatus();
}

absl::Status CheckInteger(const std::string& path, const FieldDescriptor& field, int64_t value) {
  if (absl::EndsWith(field.name(), "_micros")) return absl::OkStatus();  // a time, not a count
  const int64_t bound = BoundOf(field);
  if (value > bound) {
    return Violation("COMMON-04", path,
                     absl::StrCat(value, " is above the largest accepted value, ", bound,
                                  bound == kMaxVnd ? " VND" : ""));
  }
  return absl::OkStatus();
}

absl::Status CheckEnum(const std::string& path, const FieldDescriptor& field, int number) {
  if (field.enum_type()->FindValueByNumber(number) == nullptr) {
    return Violation("COMMON-06", path,
                     absl::StrCat(number, " is not a value of ", field.enum_type()->name()));
  }
  return absl::OkStatus();
}

absl::Status CheckValue(Message* message, const FieldDescriptor& field, int index,
                        const std::string& path) {
  const Reflection& r = *message->GetReflection();
  const bool repeated = index >= 0;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return CheckRequestFields(repeated ? r.MutableRepeatedMessage(message, &field, index)
                                         : r.MutableMessage(message, &field),
                                path + ".");
    case FieldDescriptor::CPPTYPE_ENUM:
      return CheckEnum(path, field,
                       repeated ? r.GetRepeatedEnumValue(*message, &field, index)
                                : r.GetEnumValue(*message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return CheckInteger(
          path, field,
          repeated ? r.GetRepeatedInt64(*message, &field, index) : r.GetInt64(*message, &field));
    case FieldDescriptor::CPPTYPE_INT32:
      return CheckInteger(
          path, field,
          repeated ? r.GetRepeatedInt32(*message, &field, index) : r.GetInt32(*message, &field));
    case FieldDescriptor::CPPTYPE_STRING: {
      if (field.type() == FieldDescriptor::TYPE_BYTES) return absl::OkStatus();
      std::string text =
          repeated ? r.GetRepeatedString(*message, &field, index) : r.GetString(*message, &field);
      if (auto st = CheckText(field, path, &text); !st.ok()) return st;
      if (repeated) {
        r.SetRepeatedString(message, &field, index, std::move(text));
      } else {
        r.SetString(message, &field, std::move(text));
      }
      return absl::OkStatus();
    }
    default:  // unsigned versions and positions, doubles (their rules are the deciders')
      return absl::OkStatus();
  }
}

}  // namespace

absl::Status CheckRequestFields(Message* request, const std::string& prefix) {
  const Reflection& r = *request->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r.ListFields(*request, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->is_repeated()) {
      const int size = r.FieldSize(*request, field);
      for (int i = 0; i < size; ++i) {
        if (auto st = CheckValue(request, *field, i, PathOf(prefix, *field, i)); !st.ok()) {
          return st;
        }
      }
    } else if (auto st = CheckValue(request, *field, -1, PathOf(prefix, *field, -1)); !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

}  // namespace coop::domain
