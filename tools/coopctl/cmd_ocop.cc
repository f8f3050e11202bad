// coopctl ocop: OCOP products of an area valid on a date (Reporting.ListOcopProducts).
#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/report_flags.h"
#include "tools/coopctl/report_text.h"
#include "tools/coopctl/reporting_call.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl ocop --area CODE [--unit-set SET] [--valid-on DATE] [--min-stars N]\n"
    "\n"
    "Các sản phẩm OCOP của các HTX trên địa bàn có kết quả đánh giá còn hiệu lực vào ngày DATE\n"
    "(mặc định: hôm nay), theo số sao giảm dần: số sao, điểm, sản phẩm, HTX, địa bàn, đánh giá,\n"
    "ngày hết hạn; sau đó là số sản phẩm theo từng hạng sao.\n"
    "The OCOP products of the area's cooperatives whose rating is valid on DATE (default:\n"
    "today), stars descending: stars, score, product, cooperative, area, rating, expiry; then\n"
    "the count per star level.\n"
    "\n"
    "  --valid-on DATE   ngày xét hiệu lực, dạng YYYY-MM-DD\n"
    "                    YYYY-MM-DD\n"
    "  --min-stars N     3, 4 hoặc 5 (mặc định: mọi sản phẩm đã được công nhận)\n"
    "                    3, 4 or 5 (default: every recognised product)\n";

absl::StatusOr<int> RunOcop(const Globals& globals, const ParsedArgs& args) {
  if (absl::Status status = RequireNoPositionals(args); !status.ok()) return status;
  absl::StatusOr<coop::v1::Area> area = AreaFrom(args);
  if (!area.ok()) return area.status();
  coop::v1::ListOcopProductsRequest request;
  *request.mutable_area() = *area;
  if (auto text = args.Get("valid-on")) {
    absl::StatusOr<std::string> date = CheckDate(*text, "--valid-on");
    if (!date.ok()) return date.status();
    request.set_valid_on(*date);
  }
  absl::StatusOr<std::optional<uint64_t>> stars = args.GetUint("min-stars");
  if (!stars.ok()) return stars.status();
  if (*stars) {
    if (**stars < 3 || **stars > 5) {
      return UsageError(absl::StrCat("--min-stars: expected 3, 4 or 5, got ", **stars));
    }
    request.set_min_stars(static_cast<int32_t>(**stars));
  }
  coop::v1::ListOcopProductsReply reply;
  grpc::Status status = CallReporting(globals, [&](auto& stub, grpc::ClientContext* context) {
    return stub.ListOcopProducts(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  std::cout << (globals.json ? ToJsonLine(reply) + "\n"
                             : FormatOcopProducts(reply, LanguageOf(globals.lang)));
  return kExitOk;
}

}  // namespace

Command OcopCommand() {
  std::vector<OptionSpec> options = AreaOptionSpecs();
  options.push_back({"valid-on"});
  options.push_back({"min-stars"});
  return {"ocop", "sản phẩm OCOP còn hiệu lực / OCOP products of an area valid on a date", kUsage,
          options, &RunOcop};
}

}  // namespace coop::coopctl
