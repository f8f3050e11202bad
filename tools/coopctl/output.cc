#include "tools/coopctl/output.h"

#include <google/protobuf/util/json_util.h>

#include <iostream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/coopctl/payload_preview.h"
#include "tools/coopctl/time_text.h"

namespace coop::coopctl {
namespace {

constexpr size_t kMaxGeneratedIdsShown = 10;

// "5" for a single number, "5..7" for a range.
std::string Range(uint64_t first, uint64_t last) {
  return first == last ? absl::StrCat(first) : absl::StrCat(first, "..", last);
}

std::string Plural(const char* word, uint64_t first, uint64_t last) {
  return absl::StrCat(word, first == last ? " " : "s ", Range(first, last));
}

std::string Hex(const std::string& bytes) {
  return bytes.empty() ? "-" : absl::BytesToHexString(bytes);
}

std::string TimeOrNever(int64_t micros) { return micros == 0 ? "never" : FormatMicros(micros); }

// "label            value\n", values aligned.
std::string Field(std::string label, const std::string& value) {
  label.resize(16, ' ');
  return absl::StrCat(label, value, "\n");
}

}  // namespace

std::string FormatEventLine(const coop::v1::RecordedEvent& event) {
  std::string line = absl::StrCat("#", event.position(), "  ", event.stream_id(), "@",
                                  event.stream_version(), "  ", event.type());
  if (event.schema_version() != 1) absl::StrAppend(&line, " v", event.schema_version());
  absl::StrAppend(&line, "  ", FormatMicros(event.recorded_at_micros()));
  if (!event.occurred_on().empty()) absl::StrAppend(&line, "  occurred ", event.occurred_on());
  if (!event.area().code().empty() || !event.area().unit_set().empty()) {
    absl::StrAppend(&line, "  area ", event.area().code(), "/", event.area().unit_set());
  }
  absl::StrAppend(&line, "  ", event.payload().size(),
                  event.payload().size() == 1 ? " byte" : " bytes");
  if (auto preview = PayloadPreview(event.payload())) absl::StrAppend(&line, "  ", *preview);
  return line;
}

std::string ToJsonLine(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    // Only possible for messages that cannot be represented, e.g. invalid UTF-8 in a string.
    return absl::StrCat("{\"coopctl_error\": \"cannot convert ", message.GetTypeName(),
                        " to JSON\"}");
  }
  return json;
}

void Output::Emit(const google::protobuf::Message& message, const std::string& human) const {
  if (json_) {
    std::cout << ToJsonLine(message) << "\n";
  } else {
    std::cout << human;
  }
  std::cout.flush();
}

void Output::Print(const coop::v1::ReadResponse& response) const {
  Emit(response, absl::StrCat(FormatEventLine(response.event()), "\n"));
}

void Output::Print(const coop::v1::SubscribeResponse& response) const {
  std::string human;
  switch (response.content_case()) {
    case coop::v1::SubscribeResponse::kEvent:
      human = absl::StrCat(FormatEventLine(response.event()), "\n");
      break;
    case coop::v1::SubscribeResponse::kCaughtUp:
      human =
          absl::StrCat("-- caught up at #", response.caught_up().position(), ", live from here\n");
      break;
    case coop::v1::SubscribeResponse::kCheckpoint:
      // Progress of a sparse filter: for scripts (--json) only.
      if (!json_) return;
      break;
    case coop::v1::SubscribeResponse::kFellBehind:
      human =
          absl::StrCat("-- fell behind: last sent #", response.fell_behind().position(), ", head #",
                       response.fell_behind().head(), ", catching up from the log\n");
      break;
    case coop::v1::SubscribeResponse::CONTENT_NOT_SET:
      human = "-- (empty message from the server)\n";
      break;
  }
  Emit(response, human);
}

void Output::Print(const coop::v1::AppendResponse& response,
                   const std::vector<std::string>& generated_ids) const {
  std::string human =
      absl::StrCat(response.duplicate() ? "duplicate: already appended at " : "appended ",
                   Plural("position", response.first_position(), response.last_position()),
                   response.duplicate() ? " (the original result; nothing written)" : "", "\n");
  for (const auto& stream : response.streams()) {
    absl::StrAppend(&human, "  stream ", stream.stream_id(), "  ",
                    Plural("version", stream.first_version(), stream.last_version()), "\n");
  }
  if (generated_ids.size() <= kMaxGeneratedIdsShown) {
    for (const auto& id : generated_ids) {
      absl::StrAppend(&human, "  event id ", id, " (generated)\n");
    }
  } else {
    absl::StrAppend(&human, "  ", generated_ids.size(), " event ids generated (not shown)\n");
  }
  Emit(response, human);
}

void Output::Print(const coop::v1::LogInfo& info) const {
  Emit(info, absl::StrCat(Field("head position", absl::StrCat(info.head_position())),
                          Field("chain head", Hex(info.chain_head())),
                          Field("last recorded", TimeOrNever(info.last_recorded_at_micros())),
                          Field("format version", absl::StrCat(info.format_version())),
                          Field("durability", info.durability())));
}

void Output::Print(const coop::v1::StreamInfo& info) const {
  Emit(info, absl::StrCat(Field("stream", info.stream_id()), Field("category", info.category()),
                          Field("version", absl::StrCat(info.version())),
                          Field("positions", Range(info.first_position(), info.last_position())),
                          Field("created", TimeOrNever(info.created_at_micros())),
                          Field("last recorded", TimeOrNever(info.last_recorded_at_micros()))));
}

void Output::Print(const coop::v1::VerifyLogResponse& response) const {
  std::string human;
  if (response.ok()) {
    human = response.verified_to() == 0
                ? "OK  nothing to verify (the log is empty)\n"
                : absl::StrCat("OK  ",
                               Plural("position", response.verified_from(), response.verified_to()),
                               "  chain head ", Hex(response.chain_head()), "\n");
  } else if (response.first_bad_position() != 0) {
    human = absl::StrCat("TAMPERED  first bad position #", response.first_bad_position(), ": ",
                         response.problem(), "\n");
  } else {
    human = absl::StrCat("FAILED  ", response.problem(), "\n");
  }
  Emit(response, human);
}

std::string ByteSize(uint64_t bytes) {
  if (bytes >= 1000000000) return absl::StrFormat("%.2f GB", bytes / 1e9);
  if (bytes >= 1000000) return absl::StrFormat("%.1f MB", bytes / 1e6);
  return absl::StrFormat("%.1f kB", bytes / 1e3);
}

}  // namespace coop::coopctl
