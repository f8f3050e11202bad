// coopctl import: newline-delimited JSON commands, sent one after the other.
#include <google/protobuf/struct.pb.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/command_client.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/import_line.h"
#include "tools/coopctl/input_file.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/terminal_guard.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl import FILE [--keep-going] [--progress] [--actor NAME] [--agency NAME]\n"
    "\n"
    "Gửi các lệnh trong tệp FILE ('-' = đầu vào chuẩn), mỗi dòng một đối tượng JSON:\n"
    "Sends the commands in FILE ('-' = standard input), one JSON object per line:\n"
    "\n"
    "  {\"command\": \"register-cooperative\", \"request\": {\"registration\": {\"code\": "
    "\"1\"}}}\n"
    "\n"
    "\"command\" là tên một lệnh con (xem 'coopctl --help') hoặc tên của RPC\n"
    "(\"RegisterCooperative\", \"coop.v1.Registry.RegisterCooperative\"); \"request\" là yêu cầu\n"
    "viết theo ánh xạ JSON của protobuf. Dòng trống được bỏ qua.\n"
    "\"command\" is a subcommand name (see 'coopctl --help') or the RPC's name\n"
    "(\"RegisterCooperative\", \"coop.v1.Registry.RegisterCooperative\"); \"request\" is the\n"
    "request in the protobuf JSON mapping. Blank lines are skipped.\n"
    "\n"
    "Yêu cầu không có header.command_id được gán một mã lệnh suy ra từ nội dung của dòng (một\n"
    "UUID lấy từ SHA-256 của dòng), nên nhập lại cùng một tệp là an toàn: các dòng đã thực hiện\n"
    "được báo là trùng và không gì bị ghi hai lần. (Hai dòng giống hệt nhau là một lệnh.)\n"
    "A request without header.command_id gets one derived from the line's text (a UUID from its\n"
    "SHA-256), so importing the same file again is safe: lines already executed come back as\n"
    "duplicates and nothing is written twice. (Two identical lines are one command.)\n"
    "\n"
    "Dừng ở dòng đầu tiên bị từ chối, nêu số thứ tự dòng và lý do (mã thoát 1); các dòng trước\n"
    "đó vẫn đã được ghi. Với --keep-going, mọi dòng đều được thử và các dòng bị từ chối được\n"
    "liệt kê ở cuối (mã thoát 1 nếu có). Khi đó các dòng được gửi theo thứ tự ngày của chúng\n"
    "(header.occurred_on; các dòng cùng ngày theo thứ tự trong tệp), và một dòng bị từ chối vì\n"
    "bản ghi mà nó nêu chưa được ghi (NOT_FOUND) hoặc vì bản ghi của nó chưa ở trạng thái cần\n"
    "có (FAILED_PRECONDITION) sẽ được thử lại sau các dòng khác, hết lượt này đến lượt khác\n"
    "chừng nào còn ghi thêm được: một tệp đầy đủ nhập được dù các dòng xếp theo thứ tự nào.\n"
    "UNAVAILABLE (không có máy chủ) thì luôn dừng.\n"
    "Stops at the first rejected line, naming its number and the reason (exit 1); the lines\n"
    "before it stay recorded. With --keep-going every line is tried and the rejected ones are\n"
    "listed at the end (exit 1 if any). The lines are then sent in the order of their dates\n"
    "(header.occurred_on; lines of one date in file order), and a line refused because a\n"
    "record it names is not recorded yet (NOT_FOUND) or because its record is not yet in the\n"
    "state it needs (FAILED_PRECONDITION) is tried again after the others, pass after pass\n"
    "while one records something: a complete file imports in any line order.\n"
    "UNAVAILABLE (no server) always stops.\n"
    "\n"
    "  --keep-going     tiếp tục sau một dòng bị từ chối\n"
    "                   continue after a rejected line\n"
    "  --progress       hiện thanh tiến độ trên stderr cả khi đó không phải thiết bị đầu cuối\n"
    "                   show the progress bar on stderr even if it is not a terminal\n"
    "  --actor NAME     người ghi các lệnh (mặc định: $COOP_ACTOR)\n"
    "                   who records the commands (default: $COOP_ACTOR)\n"
    "  --agency NAME    cơ quan mà người ghi làm việc cho (mặc định: $COOP_AGENCY)\n"
    "                   the agency they act for (default: $COOP_AGENCY)\n"
    "\n"
    "In bản tóm tắt (đã ghi, trùng, bị từ chối); với --json, mỗi dòng đã gửi một đối tượng:\n"
    "{\"line\": N, \"reply\": {...}} hoặc {\"line\": N, \"error\": {\"code\": ..., \"message\": "
    "...}}.\n"
    "Prints a summary (recorded, duplicates, rejected); with --json one object per line sent:\n"
    "{\"line\": N, \"reply\": {...}} or {\"line\": N, \"error\": {\"code\": ..., \"message\": "
    "...}}.\n";

struct Rejection {
  size_t line = 0;
  std::string reason;
  std::string code;     // the status code's name, or INVALID_LINE
  std::string message;  // the server's message (the reason without its code)
};

// Whether --keep-going tries a refused line again after the others: a record it names, or its
// own, is not recorded yet (NOT_FOUND: LINK-01, CORR-01, a command before its record's
// creation), or its record is not yet in the state the command needs (FAILED_PRECONDITION: a
// resumption before its suspension, a conversion before the group's registration).
bool MayWaitForOtherLines(grpc::StatusCode code) {
  return code == grpc::StatusCode::NOT_FOUND || code == grpc::StatusCode::FAILED_PRECONDITION;
}

class Progress {
 public:
  Progress(bool enabled, size_t total)
      : enabled_(enabled),
        interactive_(isatty(STDERR_FILENO) == 1),
        total_(total),
        start_(std::chrono::steady_clock::now()) {}

  void Update(size_t done, bool final = false) {
    if (!enabled_ || total_ == 0) return;
    auto now = std::chrono::steady_clock::now();
    // A terminal gets 10 updates a second; a file or pipe one a second.
    auto every = interactive_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000);
    if (!final && shown_ && now - last_ < every) return;
    last_ = now;
    shown_ = true;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    constexpr size_t kWidth = 30;
    size_t filled = done * kWidth / total_;
    std::string bar(filled, '#');
    bar.resize(kWidth, '-');
    char rate_text[32];
    std::snprintf(rate_text, sizeof rate_text, "%.1f", rate);
    ProgressOut() << (interactive_ ? "\r" : "") << "[" << bar << "] " << done << "/" << total_
                  << " lines  " << rate_text << " lines/s" << (interactive_ && !final ? "" : "\n");
    std::cerr.flush();
  }

 private:
  bool enabled_;
  bool interactive_;
  size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

std::string CodeName(const grpc::Status& status) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
}

std::string StatusText(const grpc::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())),
                      ": ", status.error_message());
}

std::string JsonError(size_t line, const std::string& code, const std::string& message) {
  google::protobuf::Value value;
  value.set_string_value(message);
  return absl::StrCat("{\"line\":", line, ",\"error\":{\"code\":\"", code,
                      "\",\"message\":", ToJsonLine(value), "}}");
}

absl::StatusOr<int> RunImport(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.empty()) return UsageError("import needs a FILE ('-' = standard input)");
  if (positionals.size() > 1) {
    return UsageError(absl::StrCat("unexpected argument '", positionals[1], "'"));
  }
  absl::StatusOr<std::string> file = ReadInputFile(positionals[0]);
  if (!file.ok()) return file.status();
  const std::string& content = *file;

  // (line number, text) of every non-blank line.
  std::vector<std::pair<size_t, std::string>> lines;
  size_t number = 0;
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    std::string text = content.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    ++number;
    if (text.find_first_not_of(" \t") != std::string::npos) lines.emplace_back(number, text);
    start = end + 1;
  }

  const bool keep_going = args.Has("keep-going");
  Progress progress(args.Has("progress") || isatty(STDERR_FILENO) == 1, lines.size());
  CommandClient client(globals, CallerFrom(args));
  size_t recorded = 0;
  size_t duplicates = 0;
  size_t done = 0;
  std::vector<Rejection> rejected;
  bool stopped = false;
  std::string stop_reason;
  Rejection stop_line;  // the line that stopped the run, when stop_reason is set

  // With --keep-going, the lines go in the order of their dates, and a line that may wait for
  // others (MayWaitForOtherLines) waits for the next pass; the passes go on, in that order,
  // while one records something. So a complete file imports in any line order.
  std::vector<std::pair<size_t, std::string>> pending = lines;
  if (keep_going) {
    std::vector<std::string> dates;
    for (const auto& [line_number, text] : lines) {
      auto line = ParseImportLine(text);
      dates.push_back(line.ok() ? BusinessDateOf(*line) : "");
    }
    std::vector<size_t> order(lines.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&dates](size_t a, size_t b) { return dates[a] < dates[b]; });
    pending.clear();
    for (size_t i : order) pending.push_back(lines[i]);
  }
  while (!pending.empty() && !stopped) {
    std::vector<std::pair<size_t, std::string>> deferred;
    std::vector<Rejection> deferred_reasons;
    size_t progressed = 0;
    for (const auto& [line_number, text] : pending) {
      absl::StatusOr<ImportLine> line = ParseImportLine(text);
      if (!line.ok()) {
        const std::string error(line.status().message());
        if (globals.json) std::cout << JsonError(line_number, "INVALID_LINE", error) << "\n";
        rejected.push_back(
            {line_number, absl::StrCat("invalid line: ", error), "INVALID_LINE", error});
      } else {
        coop::v1::CommandReply reply;
        grpc::Status status = client.Call(*line->rpc, *line->request, &reply);
        if (status.ok()) {
          ++progressed;
          ++(reply.duplicate() ? duplicates : recorded);
          if (globals.json) {
            std::cout << "{\"line\":" << line_number << ",\"reply\":" << ToJsonLine(reply) << "}\n";
          }
        } else if (keep_going && MayWaitForOtherLines(status.error_code())) {
          deferred.emplace_back(line_number, text);
          deferred_reasons.push_back(
              {line_number, StatusText(status), CodeName(status), status.error_message()});
          continue;
        } else {
          if (globals.json) {
            std::cout << JsonError(line_number, CodeName(status), status.error_message()) << "\n";
          }
          rejected.push_back(
              {line_number, StatusText(status), CodeName(status), status.error_message()});
          if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
            stopped = true;
            stop_reason = "the server is unavailable";
            stop_line = rejected.back();
          }
        }
      }
      ++done;
      progress.Update(done);
      if (!rejected.empty() && (!keep_going || stopped)) {
        stopped = true;
        break;
      }
    }
    if (stopped) {
      // Lines still waiting for another pass were not recorded: they count as rejected.
      for (const auto& rejection : deferred_reasons) rejected.push_back(rejection);
      break;
    }
    if (deferred.empty()) break;
    if (progressed == 0) {
      // Nothing more can be recorded: what is still missing is not in the file.
      for (const auto& rejection : deferred_reasons) {
        if (globals.json) {
          std::cout << JsonError(rejection.line, rejection.code, rejection.message) << "\n";
        }
        rejected.push_back(rejection);
        ++done;
      }
      break;
    }
    pending = std::move(deferred);
  }
  std::sort(rejected.begin(), rejected.end(),
            [](const Rejection& a, const Rejection& b) { return a.line < b.line; });
  progress.Update(done, true);
  std::cout.flush();

  const size_t total = lines.size();
  std::string summary =
      absl::StrCat(done, " of ", total, total == 1 ? " line" : " lines", " sent: ", recorded,
                   " recorded, ", duplicates, duplicates == 1 ? " duplicate" : " duplicates", ", ",
                   rejected.size(), " rejected");
  if (stopped && !keep_going && !rejected.empty() && stop_reason.empty()) {
    const Rejection& first = rejected.front();
    std::cerr << "error: line " << first.line << ": " << first.reason << "\n";
    std::cerr << "stopped at line " << first.line << "; " << summary
              << " (the lines before it are recorded; fix the line and import the file again, "
                 "or use --keep-going)\n";
    return kExitServerError;
  }
  if (!stop_reason.empty()) {
    std::cerr << "error: line " << stop_line.line << ": " << stop_line.reason << "\n";
    std::cerr << "stopped: " << stop_reason << "; " << summary << "\n";
    return kExitServerError;
  }
  if (!rejected.empty()) {
    std::cerr << "rejected lines:\n";
    for (const auto& rejection : rejected) {
      std::cerr << "  line " << rejection.line << ": " << rejection.reason << "\n";
    }
  }
  if (!globals.json) std::cout << summary << "\n";
  return rejected.empty() ? kExitOk : kExitServerError;
}

}  // namespace

Command ImportCommand() {
  std::vector<OptionSpec> options = {{"keep-going", false, false, ""},
                                     {"progress", false, false, ""}};
  for (const auto& spec : CallerOptionSpecs()) options.push_back(spec);
  return {"import", "gửi các lệnh JSON từ tệp / send newline-delimited JSON commands from a file",
          kUsage, options, &RunImport};
}

}  // namespace coop::coopctl
