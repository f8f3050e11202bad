#include "tools/coopctl/request_flags.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/coopctl/command_catalog.h"

namespace coop::coopctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kMaxDepth = 6;

std::string DashName(const FieldDescriptor* field) {
  std::string name = field->name();
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

// Singular, non-well-known message fields are flattened; others are one JSON value.
bool Flattens(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated() &&
         field->message_type()->file()->package() != "google.protobuf";
}

void Walk(const Descriptor* type, const std::string& prefix,
          std::vector<const FieldDescriptor*>* path, std::vector<const Descriptor*>* visiting,
          std::vector<FieldFlag>* flags) {
  visiting->push_back(type);
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    path->push_back(field);
    std::string name = prefix + DashName(field);
    const bool recursive = Flattens(field) && std::find(visiting->begin(), visiting->end(),
                                                        field->message_type()) != visiting->end();
    if (Flattens(field) && !recursive && static_cast<int>(path->size()) < kMaxDepth) {
      Walk(field->message_type(), name + ".", path, visiting, flags);
    } else {
      FieldFlag flag;
      flag.name = std::move(name);
      flag.path = *path;
      flag.json_value = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
      flags->push_back(std::move(flag));
    }
    path->pop_back();
  }
  visiting->pop_back();
}

std::string Upper(std::string text) {
  for (char& c : text) {
    c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

// By name (case-insensitive, '-' for '_', with or without the enum's type prefix, e.g.
// "good", "GOOD", "rating-grade-good") or by number.
const EnumValueDescriptor* FindEnumValue(const EnumDescriptor* type, const std::string& text) {
  const std::string wanted = Upper(text);
  const std::string prefix = UpperSnakeCase(type->name()) + "_";
  for (int i = 0; i < type->value_count(); ++i) {
    const std::string& name = type->value(i)->name();
    if (name == wanted || name == prefix + wanted ||
        (wanted.rfind(prefix, 0) == 0 && name == wanted.substr(prefix.size()))) {
      return type->value(i);
    }
  }
  int number = 0;
  if (absl::SimpleAtoi(text, &number)) return type->FindValueByNumber(number);
  return nullptr;
}

absl::Status BadValue(const FieldFlag& flag, const std::string& text, const std::string& expected) {
  return UsageError(absl::StrCat("--", flag.name, ": expected ", expected, ", got '", text, "'"));
}

template <typename T>
absl::StatusOr<T> ParseInteger(const FieldFlag& flag, const std::string& text, const char* what) {
  T value{};
  if (!absl::SimpleAtoi(text, &value)) return BadValue(flag, text, what);
  return value;
}

}  // namespace

std::vector<FieldFlag> FlattenRequest(const Descriptor* request,
                                      const std::set<std::string>& taken) {
  std::vector<FieldFlag> all;
  std::vector<const FieldDescriptor*> path;
  std::vector<const Descriptor*> visiting;
  Walk(request, "", &path, &visiting, &all);

  std::vector<FieldFlag> flags;
  std::set<std::string> names;
  for (auto& flag : all) {
    if (taken.count(flag.name) == 0) {
      names.insert(flag.name);
      flags.push_back(std::move(flag));
    }
  }
  // The alias drops the first segment; it must not be a full name, taken, or shared.
  std::map<std::string, int> uses;
  for (const auto& flag : flags) {
    size_t dot = flag.name.find('.');
    if (dot != std::string::npos) ++uses[flag.name.substr(dot + 1)];
  }
  for (auto& flag : flags) {
    size_t dot = flag.name.find('.');
    if (dot == std::string::npos) continue;
    std::string alias = flag.name.substr(dot + 1);
    if (uses[alias] == 1 && names.count(alias) == 0 && taken.count(alias) == 0) {
      flag.alias = std::move(alias);
    }
  }
  return flags;
}

std::vector<OptionSpec> FlagSpecs(const std::vector<FieldFlag>& flags) {
  std::vector<OptionSpec> specs;
  for (const auto& flag : flags) {
    const bool repeatable = flag.leaf()->is_repeated();
    specs.push_back({flag.name, true, repeatable, ""});
    if (!flag.alias.empty()) specs.push_back({flag.alias, true, repeatable, flag.name});
  }
  return specs;
}

std::string FlagTypeName(const FieldFlag& flag) {
  const FieldDescriptor* field = flag.leaf();
  std::string type;
  switch (field->type()) {
    case FieldDescriptor::TYPE_STRING:
      type = "STRING";
      break;
    case FieldDescriptor::TYPE_BYTES:
      type = "BYTES";
      break;
    case FieldDescriptor::TYPE_BOOL:
      type = "BOOL";
      break;
    case FieldDescriptor::TYPE_ENUM:
      type = "ENUM";
      break;
    case FieldDescriptor::TYPE_MESSAGE:
    case FieldDescriptor::TYPE_GROUP:
      type = "JSON";
      break;
    case FieldDescriptor::TYPE_DOUBLE:
      type = "DOUBLE";
      break;
    case FieldDescriptor::TYPE_FLOAT:
      type = "FLOAT";
      break;
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32:
      type = "INT32";
      break;
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64:
      type = "INT64";
      break;
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      type = "UINT32";
      break;
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      type = "UINT64";
      break;
  }
  if (field->is_repeated()) absl::StrAppend(&type, "...");
  return type;
}

std::string FlagValueHint(const FieldFlag& flag) {
  const FieldDescriptor* field = flag.leaf();
  std::vector<std::string> hints;
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    std::vector<std::string> names;
    for (int i = 0; i < field->enum_type()->value_count(); ++i) {
      names.push_back(field->enum_type()->value(i)->name());
    }
    hints.push_back(absl::StrCat("one of ", absl::StrJoin(names, ", ")));
  } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
    hints.push_back("true or false");
  } else if (flag.json_value) {
    hints.push_back(absl::StrCat(field->is_map() ? "a map entry " : "a ",
                                 field->message_type()->full_name(), " in JSON"));
  }
  if (field->is_repeated()) hints.push_back("repeat the flag for several");
  if (field->has_presence() && !field->containing_oneof() &&
      field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    hints.push_back("optional");
  }
  return absl::StrJoin(hints, "; ");
}

absl::Status SetFlag(Message* request, const FieldFlag& flag, const std::string& text) {
  Message* message = request;
  for (size_t i = 0; i + 1 < flag.path.size(); ++i) {
    message = message->GetReflection()->MutableMessage(message, flag.path[i]);
  }
  const FieldDescriptor* field = flag.leaf();
  const Reflection* reflection = message->GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? reflection->AddString(message, field, text)
               : reflection->SetString(message, field, text);
      break;
    case FieldDescriptor::CPPTYPE_INT32: {
      absl::StatusOr<int32_t> value = ParseInteger<int32_t>(flag, text, "a 32-bit integer");
      if (!value.ok()) return value.status();
      repeated ? reflection->AddInt32(message, field, *value)
               : reflection->SetInt32(message, field, *value);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      absl::StatusOr<int64_t> value = ParseInteger<int64_t>(flag, text, "an integer");
      if (!value.ok()) return value.status();
      repeated ? reflection->AddInt64(message, field, *value)
               : reflection->SetInt64(message, field, *value);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      absl::StatusOr<uint32_t> value =
          ParseInteger<uint32_t>(flag, text, "a non-negative 32-bit integer");
      if (!value.ok()) return value.status();
      repeated ? reflection->AddUInt32(message, field, *value)
               : reflection->SetUInt32(message, field, *value);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      absl::StatusOr<uint64_t> value = ParseInteger<uint64_t>(flag, text, "a non-negative integer");
      if (!value.ok()) return value.status();
      repeated ? reflection->AddUInt64(message, field, *value)
               : reflection->SetUInt64(message, field, *value);
      break;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double value = 0;
      if (!absl::SimpleAtod(text, &value)) return BadValue(flag, text, "a number");
      repeated ? reflection->AddDouble(message, field, value)
               : reflection->SetDouble(message, field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      float value = 0;
      if (!absl::SimpleAtof(text, &value)) return BadValue(flag, text, "a number");
      repeated ? reflection->AddFloat(message, field, value)
               : reflection->SetFloat(message, field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      std::string lower = text;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != "true" && lower != "false") return BadValue(flag, text, "true or false");
      repeated ? reflection->AddBool(message, field, lower == "true")
               : reflection->SetBool(message, field, lower == "true");
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* value = FindEnumValue(field->enum_type(), text);
      if (value == nullptr) return BadValue(flag, text, FlagValueHint(flag));
      repeated ? reflection->AddEnum(message, field, value)
               : reflection->SetEnum(message, field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      Message* value = repeated ? reflection->AddMessage(message, field)
                                : reflection->MutableMessage(message, field);
      auto status = google::protobuf::util::JsonStringToMessage(text, value);
      if (!status.ok()) {
        return UsageError(absl::StrCat("--", flag.name, ": not a JSON ",
                                       field->message_type()->full_name(), ": ",
                                       status.message().ToString()));
      }
      break;
    }
  }
  return absl::OkStatus();
}

absl::Status FillRequest(Message* request, const std::vector<FieldFlag>& flags,
                         const ParsedArgs& args) {
  // (the flag's parent path, the oneof) -> the flag that set a member of it
  std::map<std::pair<std::string, const google::protobuf::OneofDescriptor*>, std::string> oneofs;
  for (const auto& flag : flags) {
    std::vector<std::string> values = args.GetAll(flag.name);
    if (values.empty()) continue;
    // A member of a oneof, or of a message inside one, chooses that member.
    for (size_t i = 0; i < flag.path.size(); ++i) {
      const auto* oneof = flag.path[i]->real_containing_oneof();
      if (oneof == nullptr) continue;
      std::string parent;
      for (size_t j = 0; j < i; ++j) absl::StrAppend(&parent, flag.path[j]->name(), ".");
      std::string member = absl::StrCat(parent, flag.path[i]->name());
      auto [it, inserted] = oneofs.emplace(std::make_pair(parent, oneof), member);
      if (!inserted && it->second != member) {
        return UsageError(absl::StrCat("--", flag.name, ": ", it->second, " and ", member,
                                       " are alternatives (oneof ", oneof->name(),
                                       "); give only one"));
      }
    }
    for (const auto& value : values) {
      if (absl::Status status = SetFlag(request, flag, value); !status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

}  // namespace coop::coopctl
