// coopctl history: the events of one stream in sentences the server writes
// (Reporting.GetHistory), oldest first.
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/reporting_call.h"
#include "tools/coopctl/time_text.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl history STREAM\n"
    "\n"
    "Các sự kiện của một luồng (bản ghi), cũ nhất trước, mỗi sự kiện một dòng do máy chủ viết:\n"
    "ngày nghiệp vụ (hoặc ngày ghi), vị trí trong nhật ký, việc gì đã xảy ra và ai ghi, ví dụ\n"
    "The events of one stream (record), oldest first, one line each as the server writes it:\n"
    "the business date (or the day it was recorded), the log position, what happened and who\n"
    "recorded it, e.g.\n"
    "\n"
    "  2024-09-01  #12  Đăng ký thành lập HTX: mã số 2000123456, tên HTX Khánh An, …\n"
    "              (người ghi: alice, đơn vị dpi-hanoi)\n"
    "  2024-09-01  #12  Cooperative registered: code 2000123456, name HTX Khánh An, …\n"
    "              (by alice for dpi-hanoi)                                   (--lang en)\n"
    "\n"
    "(trên một dòng). Sự kiện đã bị một lần sửa sau đó hủy hoặc sửa đổi thì có thêm một dòng\n"
    "nói điều đó. Với --json, mỗi sự kiện một đối tượng (coop.v1.HistoryLine).\n"
    "(on one line). An event a later correction voided or amended is followed by a line saying\n"
    "so. With --json, one object per event (coop.v1.HistoryLine).\n";

std::string EventDate(const coop::v1::HistoryLine& line) {
  if (!line.occurred_on().empty()) return line.occurred_on();
  return FormatMicros(line.recorded_at_micros()).substr(0, 10);
}

std::string HumanLine(const coop::v1::HistoryLine& line, bool english) {
  std::string text = absl::StrCat(EventDate(line), "  #", line.position(), "  ", line.sentence(),
                                  english ? "  (by " : "  (người ghi: ", line.recorded_by(), ")");
  if (!line.correction().empty()) absl::StrAppend(&text, "\n              ↳ ", line.correction());
  return text;
}

absl::StatusOr<int> RunHistory(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.empty()) {
    return UsageError(ViEn("history cần một STREAM", "history needs a STREAM"));
  }
  if (positionals.size() > 1) {
    return UsageError(ViEn(absl::StrCat("thừa tham số '", positionals[1], "'"),
                           absl::StrCat("unexpected argument '", positionals[1], "'")));
  }
  const bool english = globals.lang == "en";
  uint64_t from = 1;
  bool first_page = true;
  while (from != 0) {
    coop::v1::HistoryRequest request;
    request.set_stream_id(positionals[0]);
    request.set_from_version(from);
    request.set_max_count(1000);
    request.set_lang(globals.lang);
    coop::v1::HistoryReply reply;
    grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
      return stub.GetHistory(context, request, &reply);
    });
    if (!status.ok()) return ReportRpcError(status);
    if (first_page && !reply.withdrawn().empty() && !globals.json) {
      std::cout << reply.withdrawn() << "\n";
    }
    first_page = false;
    for (const auto& line : reply.lines()) {
      std::cout << (globals.json ? ToJsonLine(line) : HumanLine(line, english)) << "\n";
    }
    std::cout.flush();
    from = reply.next_from_version();
  }
  return kExitOk;
}

}  // namespace

Command HistoryCommand() {
  return {
      "history", "lịch sử một bản ghi / a stream's events in plain words", kUsage, {}, &RunHistory};
}

}  // namespace coop::coopctl
