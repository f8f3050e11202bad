// coopctl read: one stream (ReadStream) or the whole log (ReadAll), paging until done.
#include <algorithm>
#include <cstdint>
#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/filter_options.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/time_text.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl read STREAM [--from VERSION] [--backwards] [--limit N]\n"
    "       coopctl read --all [--from POSITION | --since TIME] [--backwards] [--limit N]\n"
    "                          [--type TYPE]... [--prefix PREFIX]...\n"
    "                          [--area CODE --unit-set SET]...\n"
    "\n"
    "Đọc các sự kiện của một luồng, hoặc của cả sổ với --all, và in mỗi sự kiện một dòng. Không\n"
    "có --limit thì đọc đến hết (gọi bao nhiêu lần tùy cỡ trang của máy chủ).\n"
    "Reads the events of one stream, or of the whole log with --all, and prints one line per\n"
    "event. Without --limit it reads until the end (as many calls as the server's page size\n"
    "needs).\n"
    "\n"
    "  --from N        phiên bản luồng (STREAM) hoặc vị trí nhật ký (--all) đầu tiên cần đọc; đọc\n"
    "                  xuôi thì 0 hoặc 1 = từ đầu, đọc ngược thì 0 = từ cuối (mặc định 0)\n"
    "                  the first stream version (STREAM) or log position (--all) to read;\n"
    "                  forwards 0 or 1 = the start, backwards 0 = the end (default 0)\n"
    "  --since TIME    (--all) bắt đầu từ sự kiện đầu tiên được ghi vào lúc TIME hoặc sau đó:\n"
    "                  2026-01-02T03:04:05Z, 2026-01-02, hoặc số micro giây kể từ epoch\n"
    "                  (--all) start at the first event recorded at or after TIME:\n"
    "                  2026-01-02T03:04:05Z, 2026-01-02, or microseconds since the epoch\n"
    "  --backwards     mới nhất trước\n"
    "                  newest first\n"
    "  --limit N       in nhiều nhất N sự kiện\n"
    "                  print at most N events\n"
    "  --type TYPE     (--all) chỉ các sự kiện thuộc loại này; lặp lại để chọn nhiều loại\n"
    "                  (--all) only events of this type; repeat for several\n"
    "  --prefix P      (--all) chỉ các luồng có id bắt đầu bằng P, ví dụ coop-; lặp lại được\n"
    "                  (--all) only streams whose id starts with P, e.g. coop-; repeatable\n"
    "  --area CODE --unit-set SET   (--all) chỉ các sự kiện của địa bàn này; lặp lại được\n"
    "                               (--all) only events of this area; repeatable\n";

// One ReadStream or ReadAll call from `from` asking for `max_count` events (0 = a page).
// Calls `on_event` for each event received and returns the call's status.
using EventSink = std::function<void(const coop::v1::RecordedEvent&)>;
using PageCall =
    std::function<grpc::Status(uint64_t from, uint32_t max_count, const EventSink& on_event)>;

// Reads page after page, continuing after the last event received, until a page is empty,
// `limit` events were printed (0 = no limit) or, backwards, the start was reached.
// `key` is the event's stream version (ReadStream) or position (ReadAll).
int ReadPages(const Output& output, uint64_t from, bool backwards, uint64_t limit,
              const std::function<uint64_t(const coop::v1::RecordedEvent&)>& key,
              const PageCall& call) {
  uint64_t printed = 0;
  for (;;) {
    uint64_t remaining = limit == 0 ? 0 : limit - printed;
    uint32_t max_count = static_cast<uint32_t>(std::min<uint64_t>(remaining, UINT32_MAX));
    uint64_t received = 0;
    uint64_t last_key = 0;
    grpc::Status status = call(from, max_count, [&](const coop::v1::RecordedEvent& event) {
      ++received;
      last_key = key(event);
      if (limit == 0 || printed < limit) {
        coop::v1::ReadResponse response;
        *response.mutable_event() = event;
        output.Print(response);
        ++printed;
      }
    });
    if (!status.ok()) return ReportRpcError(status);
    if (received == 0 || (limit != 0 && printed >= limit)) return kExitOk;
    if (backwards) {
      if (last_key <= 1) return kExitOk;                  // 0 would mean "from the end" again
      if (from != 0 && last_key >= from) return kExitOk;  // no progress: stop, do not loop
      from = last_key - 1;
    } else {
      if (last_key < from) return kExitOk;  // no progress: stop, do not loop
      from = last_key + 1;
    }
  }
}

// Hands every event of a finished read call to `on_event`, then returns the call's status.
grpc::Status SendToSink(std::unique_ptr<grpc::ClientReader<coop::v1::ReadResponse>> reader,
                        const EventSink& on_event) {
  coop::v1::ReadResponse response;
  while (reader->Read(&response)) {
    if (response.has_event()) on_event(response.event());  // checkpoints only keep it moving
  }
  return reader->Finish();
}

// --from and --limit, both 0 if not given.
struct ReadRange {
  uint64_t from = 0;
  uint64_t limit = 0;
};

absl::StatusOr<ReadRange> ReadRangeFrom(const ParsedArgs& args) {
  absl::StatusOr<uint64_t> limit = args.GetUintOr("limit", 0);
  if (!limit.ok()) return limit.status();
  absl::StatusOr<uint64_t> from = args.GetUintOr("from", 0);
  if (!from.ok()) return from.status();
  return ReadRange{*from, *limit};
}

absl::StatusOr<int> ReadStream(const Globals& globals, const ParsedArgs& args,
                               const std::string& stream_id) {
  if (HasFilterOptions(args) || args.Has("since")) {
    return UsageError("--since and the filters (--type, --prefix, --area) need --all");
  }
  absl::StatusOr<ReadRange> range = ReadRangeFrom(args);
  if (!range.ok()) return range.status();
  auto stub = NewStub(globals);
  bool backwards = args.Has("backwards");
  auto call = [&](uint64_t from, uint32_t max_count, const EventSink& on_event) {
    coop::v1::ReadStreamRequest request;
    request.set_stream_id(stream_id);
    request.set_from_version(from);
    request.set_direction(backwards ? coop::v1::BACKWARDS : coop::v1::FORWARDS);
    request.set_max_count(max_count);
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    return SendToSink(stub->ReadStream(&context, request), on_event);
  };
  return ReadPages(
      Output(globals.json), range->from, backwards, range->limit,
      [](const coop::v1::RecordedEvent& e) { return e.stream_version(); }, call);
}

absl::StatusOr<int> ReadAll(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireAtMostOne(args, {"from", "since"}); !status.ok()) {
    return status;
  }
  absl::StatusOr<coop::v1::EventFilter> filter = FilterFrom(args);
  if (!filter.ok()) return filter.status();
  std::optional<int64_t> since;
  if (auto text = args.Get("since")) {
    absl::StatusOr<int64_t> micros = ParseTimeArg(*text, "--since");
    if (!micros.ok()) return micros.status();
    since = *micros;
  }
  absl::StatusOr<ReadRange> range = ReadRangeFrom(args);
  if (!range.ok()) return range.status();
  auto stub = NewStub(globals);
  bool backwards = args.Has("backwards");
  bool first_call = true;
  auto call = [&](uint64_t from, uint32_t max_count, const EventSink& on_event) {
    coop::v1::ReadAllRequest request;
    if (since && first_call) {
      request.set_from_recorded_at_micros(*since);  // later pages continue by position
    } else {
      request.set_from_position(from);
    }
    first_call = false;
    request.set_direction(backwards ? coop::v1::BACKWARDS : coop::v1::FORWARDS);
    request.set_max_count(max_count);
    *request.mutable_filter() = *filter;
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    return SendToSink(stub->ReadAll(&context, request), on_event);
  };
  return ReadPages(
      Output(globals.json), range->from, backwards, range->limit,
      [](const coop::v1::RecordedEvent& e) { return e.position(); }, call);
}

absl::StatusOr<int> RunRead(const Globals& globals, const ParsedArgs& args) {
  absl::StatusOr<std::optional<uint64_t>> limit = args.GetUint("limit");
  if (!limit.ok()) return limit.status();
  if (*limit == 0) return UsageError("--limit: must be at least 1");
  const auto& positionals = args.positionals();
  if (args.Has("all")) {
    if (!positionals.empty()) return UsageError("give either STREAM or --all, not both");
    return ReadAll(globals, args);
  }
  if (positionals.empty()) return UsageError("read needs a STREAM or --all");
  if (positionals.size() > 1) {
    return UsageError(absl::StrCat("unexpected argument '", positionals[1], "'"));
  }
  return ReadStream(globals, args, positionals[0]);
}

}  // namespace

Command ReadCommand() {
  std::vector<OptionSpec> options = {{"all", false, false},
                                     {"from", true, false},
                                     {"since", true, false},
                                     {"backwards", false, false},
                                     {"limit", true, false}};
  for (auto& spec : FilterOptionSpecs()) options.push_back(spec);
  return {"read", "đọc một luồng, hoặc cả sổ / read a stream, or the whole log with --all", kUsage,
          options, &RunRead};
}

}  // namespace coop::coopctl
