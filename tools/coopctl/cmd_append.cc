// coopctl append: one event from options, or a whole AppendRequest from JSON.
#include <google/protobuf/util/json_util.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/input_file.h"
#include "tools/coopctl/output.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl append --stream ID --type TYPE [--expected any|no_stream|stream_exists|N]\n"
    "                      [--id UUID] [--schema-version N]\n"
    "                      [--payload TEXT | --payload-file F] [--occurred-on YYYY-MM-DD]\n"
    "                      [--area CODE --unit-set SET]\n"
    "                      [--correlation-id ID] [--causation-id ID]\n"
    "       coopctl append --file REQUEST.json\n"
    "       coopctl append -            (the JSON request on standard input)\n"
    "\n"
    "Ghi một sự kiện vào một luồng, hoặc gửi một coop.v1.AppendRequest viết theo ánh xạ JSON\n"
    "của protobuf (tên trường như trong tệp .proto hoặc dạng camelCase; trường bytes ở dạng\n"
    "base64). Sự kiện không có event_id được gán một UUID ngẫu nhiên, schema_version 0 thành 1.\n"
    "Appends one event to a stream, or sends a coop.v1.AppendRequest written in the protobuf\n"
    "JSON mapping (field names as in the .proto or camelCase; bytes fields in base64).\n"
    "Events without an event_id get a random UUID, schema_version 0 becomes 1.\n"
    "\n"
    "  --stream ID          luồng sẽ ghi sự kiện vào\n"
    "                       the stream to append to\n"
    "  --type TYPE          loại sự kiện, ví dụ coop.v1.CooperativeRegistered\n"
    "                       the event type, e.g. coop.v1.CooperativeRegistered\n"
    "  --expected V         any (mặc định), no_stream, stream_exists, hoặc phiên bản hiện tại N\n"
    "                       của luồng (0 = luồng phải chưa có); không khớp thì trả ABORTED\n"
    "                       any (default), no_stream, stream_exists, or the stream's current\n"
    "                       version N (0 = the stream must not exist); a mismatch is ABORTED\n"
    "  --id UUID            mã sự kiện (mặc định: một UUID ngẫu nhiên mới); gửi lại đúng mã này\n"
    "                       để thử lại an toàn\n"
    "                       the event id (default: a new random UUID); reuse it to retry safely\n"
    "  --schema-version N   phiên bản lược đồ của nội dung (mặc định 1)\n"
    "                       the payload schema version (default 1)\n"
    "  --payload TEXT       các byte của nội dung (payload), đúng như đã nhập\n"
    "                       the payload bytes, as given\n"
    "  --payload-file F     các byte của nội dung, đọc từ tệp F ('-' = đầu vào chuẩn)\n"
    "                       the payload bytes, read from F ('-' = standard input)\n"
    "  --occurred-on DATE   ngày nghiệp vụ, dạng YYYY-MM-DD\n"
    "                       the business date, YYYY-MM-DD\n"
    "  --area CODE          mã đơn vị hành chính của địa bàn; cần có --unit-set\n"
    "                       administrative area code; needs --unit-set\n"
    "  --unit-set SET       bộ đơn vị của địa bàn, ví dụ 2025-03\n"
    "                       the area's unit set, e.g. 2025-03\n"
    "  --correlation-id ID, --causation-id ID   siêu dữ liệu của sự kiện\n"
    "                                           event metadata\n"
    "  --file F             gửi AppendRequest dạng JSON trong tệp F ('-' = đầu vào chuẩn)\n"
    "                       send the JSON AppendRequest in F ('-' = standard input)\n"
    "\n"
    "In ra các vị trí nhật ký và phiên bản luồng được cấp, và cho biết lần ghi có trùng một lần\n"
    "ghi trước không (cùng mã sự kiện và nội dung: trả lại kết quả ban đầu, không ghi gì).\n"
    "Prints the positions and stream versions assigned, and whether the append was a duplicate\n"
    "of an earlier one (same event ids and content: the original result, nothing written).\n";

const std::vector<std::string> kSingleEventOptions = {
    "stream",       "expected",    "type", "id",       "schema-version", "payload",
    "payload-file", "occurred-on", "area", "unit-set", "correlation-id", "causation-id"};

absl::StatusOr<coop::v1::ExpectedVersion> ParseExpected(const std::string& text) {
  coop::v1::ExpectedVersion expected;
  if (text == "any") {
    expected.set_kind(coop::v1::ExpectedVersion::ANY);
  } else if (text == "no_stream" || text == "no-stream") {
    expected.set_kind(coop::v1::ExpectedVersion::NO_STREAM);
  } else if (text == "stream_exists" || text == "stream-exists") {
    expected.set_kind(coop::v1::ExpectedVersion::STREAM_EXISTS);
  } else {
    absl::StatusOr<uint64_t> version =
        ParseUint(text, "--expected (any, no_stream, stream_exists or N)");
    if (!version.ok()) return version.status();
    expected.set_kind(coop::v1::ExpectedVersion::EXACT);
    expected.set_version(*version);
  }
  return expected;
}

absl::StatusOr<coop::v1::AppendRequest> RequestFromOptions(
    const ParsedArgs& args, std::vector<std::string>* generated_ids) {
  std::optional<std::string> stream = args.Get("stream");
  std::optional<std::string> type = args.Get("type");
  if (!stream) return UsageError("append needs --stream ID (or --file F)");
  if (!type) return UsageError("append needs --type TYPE");
  if (absl::Status status = RequireAtMostOne(args, {"payload", "payload-file"}); !status.ok()) {
    return status;
  }
  if (args.Has("area") != args.Has("unit-set")) {
    return UsageError("--area and --unit-set go together");
  }

  coop::v1::AppendRequest request;
  coop::v1::StreamAppend* append = request.add_streams();
  append->set_stream_id(*stream);
  if (auto text = args.Get("expected")) {
    absl::StatusOr<coop::v1::ExpectedVersion> expected = ParseExpected(*text);
    if (!expected.ok()) return expected.status();
    *append->mutable_expected() = *expected;
  }

  coop::v1::ProposedEvent* event = append->add_events();
  if (auto id = args.Get("id")) {
    event->set_event_id(*id);
  } else {
    event->set_event_id(base::NewRandomUuid());
    generated_ids->push_back(event->event_id());
  }
  event->set_type(*type);
  absl::StatusOr<uint64_t> schema_version = args.GetUintOr("schema-version", 1);
  if (!schema_version.ok()) return schema_version.status();
  if (*schema_version == 0 || *schema_version > UINT32_MAX) {
    return UsageError("--schema-version: expected a number from 1 to 4294967295");
  }
  event->set_schema_version(static_cast<uint32_t>(*schema_version));
  if (auto payload = args.Get("payload")) event->set_payload(*payload);
  if (auto file = args.Get("payload-file")) {
    absl::StatusOr<std::string> payload = ReadInputFile(*file);
    if (!payload.ok()) return payload.status();
    event->set_payload(*std::move(payload));
  }
  if (auto date = args.Get("occurred-on")) event->set_occurred_on(*date);
  if (auto code = args.Get("area")) {
    event->mutable_area()->set_code(*code);
    event->mutable_area()->set_unit_set(*args.Get("unit-set"));
  }
  coop::v1::EventMetadata* metadata = event->mutable_metadata();
  metadata->set_client("coopctl");
  if (auto id = args.Get("correlation-id")) metadata->set_correlation_id(*id);
  if (auto id = args.Get("causation-id")) metadata->set_causation_id(*id);
  return request;
}

absl::StatusOr<coop::v1::AppendRequest> RequestFromJson(const std::string& path,
                                                        std::vector<std::string>* generated_ids) {
  absl::StatusOr<std::string> json = ReadInputFile(path);
  if (!json.ok()) return json.status();
  coop::v1::AppendRequest request;
  auto status = google::protobuf::util::JsonStringToMessage(
      *json, &request, google::protobuf::util::JsonParseOptions());
  if (!status.ok()) {
    return UsageError(
        absl::StrCat(path == "-" ? std::string("standard input") : path,
                     ": not a JSON coop.v1.AppendRequest: ", status.message().ToString()),
        false);
  }
  for (auto& stream : *request.mutable_streams()) {
    for (auto& event : *stream.mutable_events()) {
      if (event.event_id().empty()) {
        event.set_event_id(base::NewRandomUuid());
        generated_ids->push_back(event.event_id());
      }
      if (event.schema_version() == 0) event.set_schema_version(1);
    }
  }
  return request;
}

absl::StatusOr<int> RunAppend(const Globals& globals, const ParsedArgs& args) {
  std::optional<std::string> json_path = args.Get("file");
  for (const auto& positional : args.positionals()) {
    if (positional != "-") {
      return UsageError(absl::StrCat("unexpected argument '", positional, "'"));
    }
    if (json_path) return UsageError("give the JSON request once: --file F or -");
    json_path = "-";
  }

  std::vector<std::string> generated_ids;
  absl::StatusOr<coop::v1::AppendRequest> request;
  if (json_path) {
    for (const auto& name : kSingleEventOptions) {
      if (args.Has(name)) {
        return UsageError(absl::StrCat("--", name, " cannot be combined with a JSON request"));
      }
    }
    request = RequestFromJson(*json_path, &generated_ids);
  } else {
    request = RequestFromOptions(args, &generated_ids);
  }
  if (!request.ok()) return request.status();

  auto stub = NewStub(globals);
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  coop::v1::AppendResponse response;
  grpc::Status status = stub->Append(&context, *request, &response);
  if (!status.ok()) return ReportRpcError(status);
  Output(globals.json).Print(response, generated_ids);
  return kExitOk;
}

}  // namespace

Command AppendCommand() {
  std::vector<OptionSpec> options = {{"file", true, false}};
  for (const auto& name : kSingleEventOptions) options.push_back({name, true, false});
  return {"append",
          "ghi một sự kiện vào một luồng / append an event to a stream, or a JSON AppendRequest",
          kUsage, options, &RunAppend};
}

}  // namespace coop::coopctl
