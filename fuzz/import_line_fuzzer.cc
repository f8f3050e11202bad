// Fuzz target 4: one line of a `coopctl import` file (tools/coopctl/import_line.h).
//
// Input: the line's text (without its newline). Properties, each an abort when broken:
//   - SplitJsonObject: the members it finds, written back as an object (each name as a JSON
//     string, each value as the raw text it gave), split again into the same members;
//   - ParseImportLine accepts only a line that SplitJsonObject accepts, and then names a
//     command, holds a request of that command's input type, and has a command id: its own,
//     or (derived_id) the line's ContentUuid — a version-8 UUID, the same for the same text;
//   - parsing is deterministic.
// A crash, a sanitizer report or a broken property aborts.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/uuid.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/quiet_protobuf.h"
#include "tools/coopctl/import_line.h"

namespace coop::fuzz {
namespace {

// `name` as a JSON string literal, quotes and escapes included; nullopt if protobuf's JSON
// writer will not write it (a name that is not valid UTF-8, e.g. from a lone surrogate escape).
std::optional<std::string> JsonString(const std::string& name) {
  google::protobuf::Value value;
  value.set_string_value(name);
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(value, &out).ok()) return std::nullopt;
  return out;
}

void CheckSplitRoundTrip(const std::map<std::string, std::string>& members) {
  std::string object = "{";
  for (const auto& [name, value] : members) {
    std::optional<std::string> literal = JsonString(name);
    if (!literal) return;
    if (object.size() > 1) object += ",";
    object += *literal + ":" + value;
  }
  object += "}";
  std::map<std::string, std::string> again;
  COOP_FUZZ_CHECK(coopctl::SplitJsonObject(object, &again).ok(),
                  "the members written back are an object");
  COOP_FUZZ_CHECK(again == members, "the members written back split into the same members");
}

std::string CommandIdOf(const google::protobuf::Message& request) {
  const auto* header = request.GetDescriptor()->FindFieldByName("header");
  if (header == nullptr || header->message_type() == nullptr) return "";
  const auto& stamp = request.GetReflection()->GetMessage(request, header);
  const auto* id = stamp.GetDescriptor()->FindFieldByName("command_id");
  return id == nullptr ? "" : stamp.GetReflection()->GetString(stamp, id);
}

void CheckParsedLine(const std::string& line, const coopctl::ImportLine& parsed) {
  COOP_FUZZ_CHECK(parsed.rpc != nullptr && parsed.rpc->method != nullptr, "names a command");
  COOP_FUZZ_CHECK(parsed.request != nullptr, "holds a request");
  COOP_FUZZ_CHECK(parsed.request->GetDescriptor() == parsed.rpc->method->input_type(),
                  "the request is of the command's input type");
  const std::string id = CommandIdOf(*parsed.request);
  COOP_FUZZ_CHECK(!id.empty(), "every line has a command id");
  if (parsed.derived_id) {
    const std::string derived = coopctl::ContentUuid(line);
    COOP_FUZZ_CHECK(id == derived, "a derived id is the line's content UUID");
    COOP_FUZZ_CHECK(derived == coopctl::ContentUuid(line), "content UUIDs are deterministic");
    const auto bytes = base::ParseUuid(derived);
    COOP_FUZZ_CHECK(bytes && (*bytes)[6] >> 4 == 8 && ((*bytes)[8] & 0xC0) == 0x80,
                    "a content UUID is version 8, RFC variant");
  }
}

int TestOneInput(const uint8_t* data, size_t size) {
  QuietProtobuf();
  const std::string line(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> members;
  const bool is_object = coopctl::SplitJsonObject(line, &members).ok();
  if (is_object) CheckSplitRoundTrip(members);
  auto parsed = coopctl::ParseImportLine(line);
  auto again = coopctl::ParseImportLine(line);
  COOP_FUZZ_CHECK(parsed.ok() == again.ok(), "parsing is deterministic");
  if (!parsed.ok()) {
    COOP_FUZZ_CHECK(parsed.status().message() == again.status().message(),
                    "the same line, the same error");
    return 0;
  }
  COOP_FUZZ_CHECK(is_object, "an import line is a JSON object");
  CheckParsedLine(line, *parsed);
  COOP_FUZZ_CHECK(parsed->rpc == again->rpc && parsed->derived_id == again->derived_id &&
                      parsed->request->SerializeAsString() == again->request->SerializeAsString(),
                  "the same line, the same command");
  return 0;
}

}  // namespace
}  // namespace coop::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return coop::fuzz::TestOneInput(data, size);
}
