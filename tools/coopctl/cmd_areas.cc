// coopctl areas: the administrative unit tree one level at a time, names written by the server
// (Reporting.ListAreas).
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/reporting_call.h"
#include "tools/coopctl/text_table.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl areas [PARENT] [--unit-set SET]\n"
    "\n"
    "Các đơn vị hành chính ngay dưới PARENT (không có PARENT: các tỉnh, thành phố), theo danh\n"
    "mục của Tổng cục Thống kê: mã, tên, cấp và số đơn vị trực thuộc.\n"
    "The administrative units directly below PARENT (without it: the provinces), from the\n"
    "statistics office's list: code, name, level and how many units lie directly below.\n"
    "\n"
    "  PARENT          mã tỉnh hoặc mã huyện, ví dụ 96 (Cà Mau) hoặc 966 (U Minh)\n"
    "                  a province or district code, e.g. 96 (Cà Mau) or 966 (U Minh)\n"
    "  --unit-set SET  2025-03 (tỉnh → huyện → xã, trước ngày 1/7/2025) hoặc 2025-07 (tỉnh → xã);\n"
    "                  mặc định: bộ đơn vị đang có hiệu lực hôm nay\n"
    "                  2025-03 (province → district → commune, before 1 July 2025) or\n"
    "                  2025-07 (province → commune); default: the set in force today\n"
    "  --json          câu trả lời dưới dạng một đối tượng JSON (coop.v1.ListAreasReply)\n"
    "                  the reply as one JSON object (coop.v1.ListAreasReply)\n";

// The level's word: "tỉnh" / "province".
std::string LevelWord(const std::string& level, bool english) {
  if (english) return level;
  if (level == "province") return "tỉnh";
  if (level == "district") return "huyện";
  if (level == "commune") return "xã";
  return level;
}

absl::StatusOr<int> RunAreas(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() > 1) {
    return UsageError(ViEn(absl::StrCat("thừa tham số '", positionals[1], "'"),
                           absl::StrCat("unexpected argument '", positionals[1], "'")));
  }
  coop::v1::ListAreasRequest request;
  if (!positionals.empty()) request.set_parent(positionals[0]);
  if (auto set = args.Get("unit-set")) request.set_unit_set(*set);
  request.set_lang(globals.lang);
  coop::v1::ListAreasReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ListAreas(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
    return kExitOk;
  }
  const bool english = globals.lang == "en";
  if (reply.has_parent()) {
    std::cout << reply.parent().name() << " (" << reply.parent().area().code() << ", "
              << reply.unit_set() << ")\n";
  } else {
    std::cout << (english ? "Provinces" : "Tỉnh, thành phố") << " (" << reply.unit_set() << ")\n";
  }
  TextTable table({TextTable::kLeft, TextTable::kLeft, TextTable::kLeft, TextTable::kRight});
  table.AddRow({english ? "code" : "mã", english ? "name" : "tên", english ? "level" : "cấp",
                english ? "units below" : "đơn vị trực thuộc"});
  for (const auto& entry : reply.areas()) {
    table.AddRow({entry.area().code(), entry.name(), LevelWord(entry.level(), english),
                  absl::StrCat(entry.child_count())});
  }
  std::cout << table.Render();
  return kExitOk;
}

}  // namespace

Command AreasCommand() {
  return {"areas",
          "đơn vị hành chính / the administrative unit tree",
          kUsage,
          {{"unit-set"}},
          &RunAreas};
}

}  // namespace coop::coopctl
