// coopctl list: cooperatives, groups or community halls, filtered, page after page
// (Reporting.ListCooperatives / ListGroups / ListHalls).
#include <iostream>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/report_flags.h"
#include "tools/coopctl/reporting_call.h"
#include "tools/coopctl/view_text.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl list cooperatives|groups|halls [--area CODE [--unit-set SET]]\n"
    "                    [--status STATUS] [--kind cooperative|union] [--sector SECTOR]\n"
    "                    [--page-size N] [--page-token TOKEN | --all]\n"
    "\n"
    "Mỗi HTX, THT hoặc hội quán một dòng, theo thứ tự id: HTX gồm id, mã, trạng thái, địa chỉ,\n"
    "tên; THT và hội quán gồm id, trạng thái, địa chỉ, số thành viên, tên. Không có --all thì\n"
    "chỉ in một trang, và nếu còn trang sau thì in --page-token của trang kế tiếp trên stderr.\n"
    "One line per entity, in id order: cooperatives as id, code, status, address, name;\n"
    "groups and halls as id, status, address, members, name. Without --all one page is\n"
    "printed, and if more follow, the --page-token for the next one on stderr.\n"
    "\n"
    "  --area CODE      địa chỉ nằm trong địa bàn này (xã, huyện hoặc tỉnh)\n"
    "                   the address lies in this area (commune, district or province)\n"
    "  --status STATUS  trạng thái, ví dụ active, suspended, dissolved\n"
    "                   e.g. active, suspended, dissolved\n"
    "  --kind KIND      chỉ với HTX: cooperative (HTX) hoặc union (LHHTX)\n"
    "                   cooperatives only: cooperative (HTX) or union (LHHTX)\n"
    "  --sector SECTOR  lĩnh vực; chỉ với HTX\n"
    "                   cooperatives only\n"
    "  --page-size N    số dòng mỗi lần gọi (máy chủ mặc định 100, tối đa 1000)\n"
    "                   rows per call (server default 100, at most 1000)\n"
    "  --all            mọi trang\n"
    "                   every page\n"
    "  --json           mỗi dòng một đối tượng JSON (CooperativeView, GroupView, HallView)\n"
    "                   one JSON object per entity (CooperativeView, GroupView, HallView)\n";

struct Paging {
  int32_t page_size = 0;
  std::string token;
  bool all = false;
};

// Calls `fetch(token, &next_token)` for one or every page; it prints the page's rows.
// Returns the exit code.
template <typename Fetch>
int Pages(const Globals& globals, const Paging& paging, const std::string& what, Fetch fetch) {
  std::string token = paging.token;
  for (;;) {
    std::string next;
    grpc::Status status = fetch(token, &next);
    if (!status.ok()) return ReportRpcError(status);
    if (next.empty()) return kExitOk;
    if (!paging.all) {
      std::cerr << (globals.lang == "en"
                        ? absl::StrCat("-- more ", what, ": add --page-token ", next,
                                       " (or --all)\n")
                        : absl::StrCat("-- còn nữa: thêm --page-token ", next, " (hoặc --all)\n"));
      return kExitOk;
    }
    token = next;
  }
}

template <typename View>
void PrintRows(const Globals& globals, const google::protobuf::RepeatedPtrField<View>& rows,
               std::string (*format)(const std::vector<View>&, Language)) {
  if (globals.json) {
    for (const auto& row : rows) std::cout << ToJsonLine(row) << "\n";
  } else {
    std::cout << format(std::vector<View>(rows.begin(), rows.end()), LanguageOf(globals.lang));
  }
  std::cout.flush();
}

absl::StatusOr<int> RunList(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() != 1) {
    return UsageError("expected: coopctl list cooperatives|groups|halls");
  }
  const std::string& what = positionals[0];
  if (absl::Status status = RequireAtMostOne(args, {"page-token", "all"}); !status.ok()) {
    return status;
  }
  Paging paging;
  absl::StatusOr<std::optional<uint64_t>> size = args.GetUint("page-size");
  if (!size.ok()) return size.status();
  if (*size) {
    if (**size == 0 || **size > 1000) return UsageError("--page-size: expected 1 to 1000");
    paging.page_size = static_cast<int32_t>(**size);
  }
  paging.token = args.Get("page-token").value_or("");
  paging.all = args.Has("all");
  absl::StatusOr<std::optional<coop::v1::Area>> optional_area = OptionalAreaFrom(args);
  if (!optional_area.ok()) return optional_area.status();
  const std::optional<coop::v1::Area>& area = *optional_area;
  const std::string status = args.Get("status").value_or("");
  if (what != "cooperatives" && (args.Has("kind") || args.Has("sector"))) {
    return UsageError("--kind and --sector apply to 'list cooperatives' only");
  }

  if (what == "cooperatives") {
    coop::v1::ListCooperativesRequest request;
    request.set_page_size(paging.page_size);
    if (area) *request.mutable_area() = *area;
    request.set_status(status);
    request.set_sector(args.Get("sector").value_or(""));
    if (auto kind = args.Get("kind")) {
      if (*kind == "cooperative" || *kind == "htx") {
        request.set_kind(coop::v1::COOPERATIVE);
      } else if (*kind == "union" || *kind == "cooperative-union" || *kind == "lhhtx") {
        request.set_kind(coop::v1::COOPERATIVE_UNION);
      } else {
        return UsageError(absl::StrCat("--kind: expected cooperative or union, got '", *kind, "'"));
      }
    }
    return Pages(globals, paging, what, [&](const std::string& token, std::string* next) {
      request.set_page_token(token);
      coop::v1::ListCooperativesReply reply;
      grpc::Status st = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
        return stub.ListCooperatives(context, request, &reply);
      });
      if (st.ok()) {
        PrintRows(globals, reply.cooperatives(), &FormatCooperativeList);
        *next = reply.next_page_token();
      }
      return st;
    });
  }
  if (what == "groups") {
    coop::v1::ListGroupsRequest request;
    request.set_page_size(paging.page_size);
    if (area) *request.mutable_area() = *area;
    request.set_status(status);
    return Pages(globals, paging, what, [&](const std::string& token, std::string* next) {
      request.set_page_token(token);
      coop::v1::ListGroupsReply reply;
      grpc::Status st = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
        return stub.ListGroups(context, request, &reply);
      });
      if (st.ok()) {
        PrintRows(globals, reply.groups(), &FormatGroupList);
        *next = reply.next_page_token();
      }
      return st;
    });
  }
  if (what == "halls") {
    coop::v1::ListHallsRequest request;
    request.set_page_size(paging.page_size);
    if (area) *request.mutable_area() = *area;
    request.set_status(status);
    return Pages(globals, paging, what, [&](const std::string& token, std::string* next) {
      request.set_page_token(token);
      coop::v1::ListHallsReply reply;
      grpc::Status st = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
        return stub.ListHalls(context, request, &reply);
      });
      if (st.ok()) {
        PrintRows(globals, reply.halls(), &FormatHallList);
        *next = reply.next_page_token();
      }
      return st;
    });
  }
  return UsageError(
      absl::StrCat("unknown kind '", what, "'; expected cooperatives, groups or halls"));
}

}  // namespace

Command ListCommand() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.insert(options.end(),
                 {{"status"}, {"kind"}, {"sector"}, {"page-size"}, {"page-token"}, {"all", false}});
  return {"list",
          "danh sách HTX, THT, hội quán / cooperatives, groups or halls, filtered and paged",
          kUsage, options, &RunList};
}

}  // namespace coop::coopctl
