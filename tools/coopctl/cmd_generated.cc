// The command subcommands: one per RPC of a coop.v1 service returning coop.v1.CommandReply,
// made at run time from the descriptors (command_catalog.h), flags from the request's fields
// (request_flags.h).
#include <iostream>
#include <memory>
#include <set>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/command_catalog.h"
#include "tools/coopctl/command_client.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/request_flags.h"

namespace coop::coopctl {
namespace {

constexpr size_t kHelpColumn = 40;
constexpr size_t kHelpWidth = 96;

std::set<std::string> TakenNames() {
  std::set<std::string> taken;
  for (const auto& spec : GlobalOptionSpecs()) taken.insert(spec.name);
  for (const auto& spec : CallerOptionSpecs()) taken.insert(spec.name);
  return taken;
}

// How many characters `text` holds in UTF-8 (what a terminal shows, for Vietnamese text).
size_t Width(const std::string& text) {
  size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

// "  left" and `right` at kHelpColumn, wrapped; an empty `left` continues the option above.
std::string HelpLine(const std::string& left, const std::string& right) {
  std::string text = absl::StrCat("  ", left);
  if (right.empty()) return absl::StrCat(text, "\n");
  if (text.size() + 2 > kHelpColumn) {
    absl::StrAppend(&text, "\n");
    text.append(kHelpColumn, ' ');
  } else {
    text.resize(kHelpColumn, ' ');
  }
  // Wraps `right` at spaces to fit kHelpWidth, continuation lines at the column.
  size_t line_start = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  size_t pos = 0;
  bool first = true;
  while (pos < right.size()) {
    size_t end = right.find(' ', pos);
    if (end == std::string::npos) end = right.size();
    std::string word = right.substr(pos, end - pos);
    if (!first && Width(text.substr(line_start)) + 1 + Width(word) > kHelpWidth) {
      absl::StrAppend(&text, "\n");
      line_start = text.size();
      text.append(kHelpColumn, ' ');
      first = true;
    }
    absl::StrAppend(&text, first ? "" : " ", word);
    first = false;
    pos = end + 1;
  }
  return absl::StrCat(text, "\n");
}

std::string Usage(const CommandRpc& rpc, const std::vector<FieldFlag>& flags) {
  const auto* method = rpc.method;
  const std::string& name = method->full_name();
  const std::string& request = method->input_type()->full_name();
  std::string text =
      absl::StrCat("usage: coopctl ", rpc.name, " [FLAGS] [--actor NAME] [--agency NAME]\n\n");
  absl::StrAppend(
      &text, "Gửi lệnh ", name, " (yêu cầu ", request,
      ")\nrồi in \"recorded: STREAM@VERSION position P\", hoặc \"duplicate: ...\" nếu một lệnh\n"
      "cùng mã lệnh đã được thực hiện trước đó (kết quả lần đầu; không ghi gì thêm).\n");
  absl::StrAppend(
      &text, "Sends the command ", name, " (request ", request,
      ")\nand prints \"recorded: STREAM@VERSION position P\", or \"duplicate: ...\" if a command\n"
      "with the same command id was already executed (its first result; nothing written).\n");
  absl::StrAppend(
      &text,
      "\nCờ (các trường của yêu cầu; trường lồng nhau nối bằng '.', viết '_' hay '-' đều được):\n"
      "Flags (the request's fields; nested fields joined with '.', '_' or '-' alike):\n");
  for (const auto& flag : flags) {
    std::string left = absl::StrCat("--", flag.name, " ", FlagTypeName(flag));
    std::string right = FlagValueHint(flag);
    if (!flag.alias.empty()) {
      right = right.empty() ? absl::StrCat("also --", flag.alias)
                            : absl::StrCat("also --", flag.alias, "; ", right);
    }
    absl::StrAppend(&text, HelpLine(left, right));
    if (flag.name == "header.command-id") {
      absl::StrAppend(
          &text,
          HelpLine("",
                   "mặc định: một UUID ngẫu nhiên mới (được in ra: dùng lại để thử lại an toàn)"),
          HelpLine("", "default: a new random UUID (printed: reuse it to retry safely)"));
    }
  }
  absl::StrAppend(
      &text,
      "\nNgười gọi (gửi kèm lời gọi dưới dạng siêu dữ liệu):\nCaller (sent as call metadata):\n",
      HelpLine("--actor NAME", "người ghi lệnh này (mặc định: $COOP_ACTOR)"),
      HelpLine("", "who records this (default: $COOP_ACTOR)"),
      HelpLine("--agency NAME", "cơ quan người ghi làm việc cho (mặc định: $COOP_AGENCY)"),
      HelpLine("", "the agency they act for (default: $COOP_AGENCY)"),
      "\nGiá trị: enum theo tên (hoa hay thường đều được, có hay không có tiền tố của kiểu) hoặc\n"
      "theo số; bool là true hoặc false; trường lặp bằng cách lặp lại cờ; trường JSON viết theo\n"
      "ánh xạ JSON của protobuf.\n"
      "Lỗi: 'error: CODE: message' (ví dụ INVALID_ARGUMENT, FAILED_PRECONDITION kèm mã quy tắc)\n"
      "và mã thoát 1.\n"
      "Values: enums by name (any case, with or without the type prefix) or number; bools\n"
      "true or false; repeated fields by repeating the flag; JSON fields as protobuf JSON.\n"
      "Errors: 'error: CODE: message' (e.g. INVALID_ARGUMENT, FAILED_PRECONDITION with the\n"
      "rule id) and exit code 1.\n");
  return text;
}

absl::StatusOr<int> RunGenerated(const CommandRpc& rpc, const std::vector<FieldFlag>& flags,
                                 const Globals& globals, const ParsedArgs& args) {
  if (!args.positionals().empty()) {
    return UsageError(absl::StrCat("unexpected argument '", args.positionals().front(),
                                   "' (values are given as --FIELD VALUE)"));
  }
  std::unique_ptr<google::protobuf::Message> request = NewRequest(rpc);
  if (absl::Status status = FillRequest(request.get(), flags, args); !status.ok()) return status;
  std::string generated_id = base::NewRandomUuid();
  if (!FillCommandId(request.get(), generated_id)) generated_id.clear();

  CommandClient client(globals, CallerFrom(args));
  coop::v1::CommandReply reply;
  grpc::Status status = client.Call(rpc, *request, &reply);
  if (!status.ok()) {
    ReportRpcError(status);
    if (!generated_id.empty()) std::cerr << "  command id " << generated_id << " (generated)\n";
    return kExitServerError;
  }
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
    if (!generated_id.empty()) std::cerr << "command id " << generated_id << " (generated)\n";
  } else {
    std::cout << FormatReply(reply) << "\n";
    if (!reply.aggregate_id().empty()) std::cout << "  id " << reply.aggregate_id() << "\n";
    if (!generated_id.empty()) {
      std::cout << "  command id " << generated_id
                << " (generated; to retry safely, pass --command-id with it)\n";
    }
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> GeneratedCommands() {
  std::vector<Command> commands;
  const std::set<std::string> taken = TakenNames();
  for (const CommandRpc& rpc : CommandRpcs()) {
    auto flags = std::make_shared<const std::vector<FieldFlag>>(
        FlattenRequest(rpc.method->input_type(), taken));
    std::vector<OptionSpec> options = FlagSpecs(*flags);
    for (const auto& spec : CallerOptionSpecs()) options.push_back(spec);
    Command command;
    command.name = rpc.name;
    command.summary = rpc.method->full_name();
    command.usage = Usage(rpc, *flags);
    command.options = std::move(options);
    command.run = [&rpc, flags](const Globals& globals, const ParsedArgs& args) {
      return RunGenerated(rpc, *flags, globals, args);
    };
    command.section = rpc.method->service()->full_name();
    command.underscores_as_dashes = true;
    commands.push_back(std::move(command));
  }
  return commands;
}

}  // namespace coop::coopctl
