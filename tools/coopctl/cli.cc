#include "tools/coopctl/cli.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "tools/coopctl/command.h"

namespace coop::coopctl {
namespace {

constexpr char kGlobalOptionsText[] =
    "Tuỳ chọn chung (đặt trước hoặc sau lệnh con):\n"
    "Global options (before or after the subcommand):\n"
    "  --server HOST:PORT   máy chủ coopd (mặc định 127.0.0.1:50051)\n"
    "                       the coopd server (default 127.0.0.1:50051)\n"
    "  --json               in mỗi dòng một đối tượng JSON (theo ánh xạ JSON của protobuf)\n"
    "                       print one JSON object per line (protobuf JSON mapping)\n"
    "  --lang vi|en         ngôn ngữ của nhãn, tên và câu do máy chủ viết (mặc định vi)\n"
    "                       the language the server writes labels, names and sentences in\n"
    "  --timeout DURATION   thời hạn mỗi lời gọi: số giây (30) hoặc 500ms, 2m (mặc định 30s)\n"
    "                       deadline per call: seconds (30) or 500ms, 2m (default 30s)\n"
    "  --request_id ID      mã yêu cầu gửi kèm mọi lời gọi (x-request-id), để tìm trong nhật ký\n"
    "                       máy chủ (mặc định: một mã mới mỗi lần chạy)\n"
    "                       the request id sent with every call (x-request-id), to find in\n"
    "                       the server's log (default: a new one each run)\n"
    "  --help, -h           in hướng dẫn sử dụng\n"
    "                       print usage\n"
    "\n"
    "TLS và xác thực (viết '_' hay '-' đều được: --tls-ca):\n"
    "TLS and credentials ('_' or '-' alike: --tls-ca):\n"
    "  --tls_ca FILE        các CA (PEM) xác minh máy chủ; bật TLS\n"
    "                       CA bundle (PEM) that verifies the server; turns TLS on\n"
    "  --tls_cert FILE      chứng thư máy khách (PEM), đi cùng --tls_key; bật TLS\n"
    "                       client certificate (PEM), with --tls_key; turns TLS on\n"
    "  --tls_key FILE       khóa riêng của chứng thư máy khách (PEM)\n"
    "                       the client certificate's private key (PEM)\n"
    "  --tls_server_name NAME\n"
    "                       tên trên chứng thư của máy chủ, nếu khác tên trong --server\n"
    "                       the name the server's certificate carries, if not --server's host\n"
    "  --token_file FILE    mã truy cập: dòng đầu của tệp (mặc định: biến môi trường\n"
    "                       COOP_TOKEN); gửi với mỗi lời gọi là 'authorization: Bearer ...'\n"
    "                       the token: the first line of FILE (default: the environment\n"
    "                       variable COOP_TOKEN); sent on every call as 'authorization: Bearer'\n"
    "  Không có cờ --token: giá trị cờ hiện trong `ps` và lịch sử shell.\n"
    "  There is no --token flag: flag values show in `ps` and in shell history.\n";

const Command* FindCommand(const std::string& name) {
  for (const Command& command : AllCommands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

// The global option an argument before the subcommand names ("--server", "--tls-ca=x"), or
// nullptr.
const OptionSpec* FindGlobalOption(const std::string& arg) {
  if (arg.size() < 3 || arg[0] != '-' || arg[1] != '-') return nullptr;
  const size_t eq = arg.find('=');
  const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
  for (const OptionSpec& spec : GlobalOptionSpecs()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

int UsageFailure(absl::string_view message, const std::string& usage) {
  std::cerr << "error: " << message << "\n";
  if (!usage.empty()) std::cerr << "\n" << usage;
  return kExitUsage;
}

// Parses the subcommand's options (global ones included) and runs it: the exit code, or the
// error to report.
absl::StatusOr<int> RunCommand(const Command& command, const std::vector<std::string>& args) {
  std::vector<OptionSpec> specs = GlobalOptionSpecs();
  specs.insert(specs.end(), command.options.begin(), command.options.end());
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(args, specs, command.underscores_as_dashes);
  if (!parsed.ok()) return parsed.status();
  if (parsed->Has("help")) {
    std::cout << CommandUsage(command);
    return kExitOk;
  }
  absl::StatusOr<Globals> globals = GlobalsFrom(*parsed);
  if (!globals.ok()) return globals.status();
  return command.run(*globals, *parsed);
}

// Prints a failed subcommand's error: a usage error (exit code 2) with the usage text if it
// asks for it; anything else (exit code 1) as is.
int ReportFailure(const Command& command, const absl::Status& status) {
  if (!IsUsageError(status)) {
    std::cerr << "error: " << status.message() << "\n";
    return kExitServerError;
  }
  if (!ShowsUsage(status)) return UsageFailure(status.message(), "");
  if (!command.section.empty()) {
    // A generated command's usage is long: point to it instead.
    return UsageFailure(status.message(),
                        absl::StrCat("run 'coopctl ", command.name, " --help' for its flags\n"));
  }
  return UsageFailure(status.message(), CommandUsage(command));
}

}  // namespace

std::string CommandUsage(const Command& command) {
  return absl::StrCat(command.usage, "\n", kGlobalOptionsText);
}

std::string GlobalUsage() {
  std::string text =
      "usage: coopctl [--server HOST:PORT] [--json] [--lang vi|en] [--timeout DURATION]\n"
      "               [--tls_ca FILE]\n"
      "               [--tls_cert FILE --tls_key FILE] [--token_file FILE] SUBCOMMAND ...\n"
      "\nCông cụ dòng lệnh của coopledger: sổ sự kiện (coop.v1.EventStore), các lệnh của các\n"
      "dịch vụ coop.v1 và các báo cáo của coop.v1.Reporting.\n"
      "Command-line client of coopledger: the event store (coop.v1.EventStore), the\n"
      "commands of the coop.v1 services and the reports of coop.v1.Reporting.\n"
      "\nLệnh con / subcommands:\n";
  size_t width = 0;
  for (const Command& command : AllCommands()) {
    if (command.section.empty()) width = std::max(width, command.name.size() + 2);
  }
  for (const Command& command : AllCommands()) {
    if (!command.section.empty()) continue;
    std::string name = command.name;
    name.resize(width, ' ');
    // "Vietnamese / English": the English on a line of its own, under the Vietnamese.
    const size_t slash = command.summary.find(" / ");
    if (slash == std::string::npos) {
      absl::StrAppend(&text, "  ", name, command.summary, "\n");
    } else {
      absl::StrAppend(&text, "  ", name, command.summary.substr(0, slash), "\n  ",
                      std::string(width, ' '), command.summary.substr(slash + 3), "\n");
    }
  }
  // The generated commands, by service, names only (wrapped).
  std::string section;
  std::string line;
  auto flush = [&] {
    if (!line.empty()) absl::StrAppend(&text, line, "\n");
    line.clear();
  };
  for (const Command& command : AllCommands()) {
    if (command.section.empty()) continue;
    if (command.section != section) {
      flush();
      section = command.section;
      absl::StrAppend(&text, "\nCác lệnh của / commands of ", section, ":\n");
    }
    if (!line.empty() && line.size() + 2 + command.name.size() > 92) flush();
    absl::StrAppend(&line, "  ", command.name);
  }
  flush();
  absl::StrAppend(
      &text, "\n", kGlobalOptionsText,
      "\nXem tuỳ chọn của một lệnh con: 'coopctl LỆNH_CON --help'.\n"
      "Run 'coopctl SUBCOMMAND --help' for a subcommand's options.\n"
      "Mã thoát: 0 thành công, 1 lỗi máy chủ, 2 sai cách dùng, 3 verify thấy sổ bị sửa.\n"
      "Exit codes: 0 ok, 1 server error, 2 usage error, 3 verify found tampering.\n");
  return text;
}

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> all = {AppendCommand(),     ReadCommand(),        TailCommand(),
                                InfoCommand(),       VerifyCommand(),      HistoryCommand(),
                                ImportCommand(),     ProjectionsCommand(), StatsCommand(),
                                ReportCommand(),     ExplainCommand(),     PlanCommand(),
                                ComplianceCommand(), ShowCommand(),        ListCommand(),
                                OcopCommand(),       Criterion13Command(), AreasCommand(),
                                AuditCommand(),      AdminCommand(),       HealthCommand()};
    for (Command& command : GeneratedCommands()) all.push_back(std::move(command));
    return all;
  }();
  return commands;
}

int RunCli(const std::vector<std::string>& args) {
  // Before anything else: a token on the command line is refused, whatever follows.
  if (absl::Status refused = RefuseTokenFlag(args); !refused.ok()) {
    return UsageFailure(refused.message(), "");
  }
  // The subcommand is the first word that is neither an option nor a global option's value.
  // Only global options may come before it.
  size_t index = 0;
  for (; index < args.size(); ++index) {
    const std::string& arg = args[index];
    if (arg.empty() || arg[0] != '-') break;
    if (arg == "--help" || arg == "-h") {
      std::cout << GlobalUsage();
      return kExitOk;
    }
    const OptionSpec* spec = FindGlobalOption(arg);
    if (spec == nullptr) {
      return UsageFailure(absl::StrCat("unknown option '", arg, "' before the subcommand"),
                          GlobalUsage());
    }
    if (spec->takes_value && arg.find('=') == std::string::npos) ++index;
  }
  if (index >= args.size()) return UsageFailure("missing subcommand", GlobalUsage());

  std::string name = args[index];
  std::vector<std::string> rest(args.begin(), args.begin() + index);
  rest.insert(rest.end(), args.begin() + index + 1, args.end());
  if (name == "help") {
    if (rest.empty()) {
      std::cout << GlobalUsage();
      return kExitOk;
    }
    const Command* command = FindCommand(rest.front());
    if (command == nullptr) {
      return UsageFailure(absl::StrCat("unknown subcommand '", rest.front(), "'"), GlobalUsage());
    }
    std::cout << CommandUsage(*command);
    return kExitOk;
  }
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    return UsageFailure(absl::StrCat("unknown subcommand '", name, "'"), GlobalUsage());
  }

  absl::StatusOr<int> exit_code = RunCommand(*command, rest);
  if (exit_code.ok()) return *exit_code;
  return ReportFailure(*command, exit_code.status());
}

}  // namespace coop::coopctl
