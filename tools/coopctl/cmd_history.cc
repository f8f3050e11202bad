// coopctl history: the events of one stream in plain words, oldest first.
#include <google/protobuf/util/json_util.h>

#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/event_sentence.h"
#include "tools/coopctl/time_text.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl history STREAM\n"
    "\n"
    "Prints the events of one stream, oldest first, one line each: the business date (or the\n"
    "day it was recorded), the log position, what happened and who recorded it, e.g.\n"
    "\n"
    "  2024-09-01  #12  Cooperative registered: code 2000123456, name HTX Khánh An, members\n"
    "              official 9, address 32059 (2025-03)  (by alice for dpi-hanoi)\n"
    "\n"
    "(on one line). coop.v1 events are decoded with the event type's compiled-in descriptor and\n"
    "described by their fields; other payloads are shown as a short preview. With --json, one\n"
    "object per event: position, version, date, type, summary, actor, agency, client and the\n"
    "decoded event (protobuf JSON, or null).\n";

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string EventDate(const coop::v1::RecordedEvent& event) {
  if (!event.occurred_on().empty()) return event.occurred_on();
  return FormatMicros(event.recorded_at_micros()).substr(0, 10);
}

std::string HumanLine(const coop::v1::RecordedEvent& event) {
  return absl::StrCat(EventDate(event), "  #", event.position(), "  ", DescribeEvent(event),
                      "  (by ", DescribeRecorder(event.metadata()), ")");
}

std::string JsonLine(const coop::v1::RecordedEvent& event) {
  std::string decoded = "null";
  if (auto message = DecodePayload(event)) {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string json;
    if (google::protobuf::util::MessageToJsonString(*message, &json, options).ok()) {
      decoded = json;
    }
  }
  const auto& metadata = event.metadata();
  return absl::StrCat(
      "{\"position\":\"", event.position(), "\",\"stream_version\":\"", event.stream_version(),
      "\",\"date\":", JsonString(EventDate(event)), ",\"type\":", JsonString(event.type()),
      ",\"summary\":", JsonString(DescribeEvent(event)),
      ",\"actor\":", JsonString(metadata.actor()), ",\"agency\":", JsonString(metadata.agency()),
      ",\"client\":", JsonString(metadata.client()),
      ",\"recorded_at\":", JsonString(FormatMicros(event.recorded_at_micros())),
      ",\"event\":", decoded, "}");
}

absl::StatusOr<int> RunHistory(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.empty()) return UsageError("history needs a STREAM");
  if (positionals.size() > 1) {
    return UsageError(absl::StrCat("unexpected argument '", positionals[1], "'"));
  }
  auto stub = NewStub(globals);
  uint64_t from = 1;
  for (;;) {
    coop::v1::ReadStreamRequest request;
    request.set_stream_id(positionals[0]);
    request.set_from_version(from);
    request.set_direction(coop::v1::FORWARDS);
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    auto reader = stub->ReadStream(&context, request);
    coop::v1::ReadResponse response;
    uint64_t received = 0;
    uint64_t last_version = 0;
    while (reader->Read(&response)) {
      if (!response.has_event()) continue;
      ++received;
      last_version = response.event().stream_version();
      std::cout << (globals.json ? JsonLine(response.event()) : HumanLine(response.event()))
                << "\n";
    }
    std::cout.flush();
    grpc::Status status = reader->Finish();
    if (!status.ok()) return ReportRpcError(status);
    if (received == 0 || last_version < from) return kExitOk;
    from = last_version + 1;
  }
}

}  // namespace

Command HistoryCommand() {
  return {"history", "a stream's events in plain words", kUsage, {}, &RunHistory};
}

}  // namespace coop::coopctl
