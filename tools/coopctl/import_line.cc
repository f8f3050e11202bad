#include "tools/coopctl/import_line.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <openssl/evp.h>

#include <cctype>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "tools/coopctl/command_client.h"

namespace coop::coopctl {
namespace {

void SkipSpace(const std::string& text, size_t* i) {
  while (*i < text.size() && std::isspace(static_cast<unsigned char>(text[*i]))) ++*i;
}

// Moves past the JSON string starting at text[*i] == '"'; false if it does not end.
bool SkipString(const std::string& text, size_t* i) {
  for (++*i; *i < text.size(); ++*i) {
    if (text[*i] == '\\') {
      ++*i;
    } else if (text[*i] == '"') {
      ++*i;
      return true;
    }
  }
  return false;
}

// Moves past the JSON value starting at text[*i]; false if it is cut short.
bool SkipValue(const std::string& text, size_t* i) {
  if (*i >= text.size()) return false;
  if (text[*i] == '"') return SkipString(text, i);
  if (text[*i] == '{' || text[*i] == '[') {
    int depth = 0;
    while (*i < text.size()) {
      char c = text[*i];
      if (c == '"') {
        if (!SkipString(text, i)) return false;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        --depth;
        if (depth == 0) {
          ++*i;
          return true;
        }
      }
      ++*i;
    }
    return false;
  }
  size_t start = *i;
  while (*i < text.size() && text[*i] != ',' && text[*i] != '}' &&
         !std::isspace(static_cast<unsigned char>(text[*i]))) {
    ++*i;
  }
  return *i > start;
}

// A JSON string literal's value (escapes decoded), or nullopt.
std::optional<std::string> JsonStringValue(const std::string& literal) {
  google::protobuf::Value value;
  if (!google::protobuf::util::JsonStringToMessage(literal, &value).ok() ||
      value.kind_case() != google::protobuf::Value::kStringValue) {
    return std::nullopt;
  }
  return value.string_value();
}

}  // namespace

absl::Status SplitJsonObject(const std::string& text, std::map<std::string, std::string>* members) {
  size_t i = 0;
  SkipSpace(text, &i);
  if (i >= text.size() || text[i] != '{') return absl::InvalidArgumentError("not a JSON object");
  ++i;
  SkipSpace(text, &i);
  if (i < text.size() && text[i] == '}') {
    ++i;
  } else {
    for (;;) {
      SkipSpace(text, &i);
      size_t key_start = i;
      if (i >= text.size() || text[i] != '"' || !SkipString(text, &i)) {
        return absl::InvalidArgumentError("not a JSON object (expected a member name)");
      }
      std::optional<std::string> key = JsonStringValue(text.substr(key_start, i - key_start));
      if (!key) return absl::InvalidArgumentError("not a JSON object (bad member name)");
      SkipSpace(text, &i);
      if (i >= text.size() || text[i] != ':')
        return absl::InvalidArgumentError("not a JSON object (expected ':')");
      ++i;
      SkipSpace(text, &i);
      size_t value_start = i;
      if (!SkipValue(text, &i))
        return absl::InvalidArgumentError("not a JSON object (a value is cut short)");
      if (!members->emplace(*key, text.substr(value_start, i - value_start)).second) {
        return absl::InvalidArgumentError(absl::StrCat("\"", *key, "\" given twice"));
      }
      SkipSpace(text, &i);
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == '}') {
        ++i;
        break;
      }
      return absl::InvalidArgumentError("not a JSON object (expected ',' or '}')");
    }
  }
  SkipSpace(text, &i);
  if (i != text.size()) return absl::InvalidArgumentError("unexpected text after the JSON object");
  return absl::OkStatus();
}

std::string ContentUuid(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  base::UuidBytes bytes;
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = digest[i];
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x80);  // version 8
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 9562 variant
  return base::FormatUuid(bytes);
}

absl::StatusOr<ImportLine> ParseImportLine(const std::string& line) {
  std::map<std::string, std::string> members;
  if (absl::Status status = SplitJsonObject(line, &members); !status.ok()) return status;
  for (const auto& [key, value] : members) {
    if (key != "command" && key != "request") {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown member \"", key, "\" (expected \"command\" and \"request\")"));
    }
  }
  auto command = members.find("command");
  if (command == members.end()) return absl::InvalidArgumentError("no \"command\"");
  std::optional<std::string> name = JsonStringValue(command->second);
  if (!name) return absl::InvalidArgumentError("\"command\" must be a string");
  ImportLine parsed;
  parsed.rpc = FindCommandRpc(*name);
  if (parsed.rpc == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown command '", *name, "'"));
  }
  parsed.request = NewRequest(*parsed.rpc);
  auto request = members.find("request");
  if (request != members.end()) {
    google::protobuf::util::JsonParseOptions options;
    auto status =
        google::protobuf::util::JsonStringToMessage(request->second, parsed.request.get(), options);
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("\"request\" is not a JSON ",
                                                     parsed.rpc->method->input_type()->full_name(),
                                                     ": ", status.message().ToString()));
    }
  }
  parsed.derived_id = FillCommandId(parsed.request.get(), ContentUuid(line));
  return parsed;
}

std::string BusinessDateOf(const ImportLine& line) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Message& request = *line.request;
  const FieldDescriptor* header = request.GetDescriptor()->FindFieldByName("header");
  if (header == nullptr || header->is_repeated() ||
      header->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return "";
  }
  const google::protobuf::Message& header_message =
      request.GetReflection()->GetMessage(request, header);
  const FieldDescriptor* date = header_message.GetDescriptor()->FindFieldByName("occurred_on");
  if (date == nullptr || date->is_repeated() ||
      date->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    return "";
  }
  return header_message.GetReflection()->GetString(header_message, date);
}

}  // namespace coop::coopctl
