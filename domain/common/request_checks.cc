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
absl::Status CheckFields(Message* message, const std::string& prefix);

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
      return CheckFields(repeated ? r.MutableRepeatedMessage(message, &field, index)
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

// The bytes `field` takes in `message` (its items', for a list), roughly: enough to tell which
// field makes a request too large.
size_t BytesOf(const Message& message, const FieldDescriptor& field) {
  const Reflection& r = *message.GetReflection();
  const int items = field.is_repeated() ? r.FieldSize(message, &field) : 1;
  size_t bytes = 0;
  for (int i = 0; i < items; ++i) {
    if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      bytes += (field.is_repeated() ? r.GetRepeatedMessage(message, &field, i)
                                    : r.GetMessage(message, &field))
                   .ByteSizeLong();
    } else if (field.cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      bytes += (field.is_repeated() ? r.GetRepeatedString(message, &field, i)
                                    : r.GetString(message, &field))
                   .size();
    } else {
      bytes += 8;
    }
  }
  return bytes;
}

// COMMON-04 for the whole request: at most kMaxRequestBytes. The error names the field that
// holds most of it, inside the largest message field (e.g. "registration.business_lines").
absl::Status CheckSize(const Message& request, const std::string& prefix) {
  const size_t size = request.ByteSizeLong();
  if (size <= kMaxRequestBytes) return absl::OkStatus();
  const Message* message = &request;
  std::string path = prefix;
  size_t largest_bytes = size;
  for (;;) {
    std::vector<const FieldDescriptor*> fields;
    message->GetReflection()->ListFields(*message, &fields);
    const FieldDescriptor* largest = nullptr;
    largest_bytes = 0;
    for (const FieldDescriptor* field : fields) {
      if (const size_t bytes = BytesOf(*message, *field); bytes >= largest_bytes) {
        largest = field;
        largest_bytes = bytes;
      }
    }
    if (largest == nullptr) break;
    path = PathOf(path, *largest, -1);
    if (largest->is_repeated() || largest->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) break;
    message = &message->GetReflection()->GetMessage(*message, largest);
    path += ".";
  }
  return Violation("COMMON-04", path,
                   absl::StrCat("holds about ", largest_bytes, " of the request's ", size,
                                " bytes; a request is at most ", kMaxRequestBytes, " bytes"));
}

absl::Status CheckFields(Message* request, const std::string& prefix) {
  const Reflection& r = *request->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r.ListFields(*request, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->is_repeated()) {
      const int size = r.FieldSize(*request, field);
      if (size > kMaxListItems) {
        return Violation("COMMON-04", PathOf(prefix, *field, -1),
                         absl::StrCat("has ", size, " items; at most ", kMaxListItems));
      }
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

}  // namespace

absl::Status CheckRequestFields(Message* request, const std::string& prefix) {
  if (auto st = CheckSize(*request, prefix); !st.ok()) return st;
  return CheckFields(request, prefix);
}

}  // namespace coop::domain
