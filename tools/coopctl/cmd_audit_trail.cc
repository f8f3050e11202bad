// coopctl audit trail: the audit trail (coop.v1.Audit.ListTrail) — events by actor, agency,
// recorded-at range, area, or only the corrections, each correction with what it voided or
// amended and why. Pages until the server has examined the whole range (or --limit entries).
// One line per event (`coopctl read`'s), then, for a correction, what it corrected; with
// --json one TrailEntry per line.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "coop/v1/audit.grpc.pb.h"
#include "tools/coopctl/audit_commands.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/filter_options.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/time_text.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {
namespace {

constexpr uint32_t kTrailPage = 500;

absl::StatusOr<coop::v1::TrailRequest> TrailRequestFrom(const ParsedArgs& args) {
  coop::v1::TrailRequest request;
  if (auto actor = args.Get("actor")) request.set_actor(*actor);
  if (auto agency = args.Get("agency")) request.set_agency(*agency);
  if (auto since = args.Get("since")) {
    auto micros = ParseTimeArg(*since, "--since");
    if (!micros.ok()) return micros.status();
    request.set_recorded_from_micros(*micros);
  }
  if (auto until = args.Get("until")) {
    auto micros = ParseTimeArg(*until, "--until");
    if (!micros.ok()) return micros.status();
    request.set_recorded_to_micros(*micros);
  }
  auto filter = FilterFrom(args);
  if (!filter.ok()) return filter.status();
  if (filter->event_types_size() > 0 || filter->stream_prefixes_size() > 0 ||
      filter->areas_size() > 1) {
    return UsageError(
        ViEn("audit trail nhận một --area (với --unit-set), không nhận --type "
             "hay --prefix",
             "audit trail takes one --area (with --unit-set), not --type or "
             "--prefix"));
  }
  if (filter->areas_size() == 1) *request.mutable_area() = filter->areas(0);
  request.set_corrections_only(args.Has("corrections"));
  return request;
}

std::string CorrectionText(const coop::v1::TrailCorrection& correction, Language language) {
  const bool voided = correction.kind() == "void";
  std::string target =
      correction.target_position() == 0
          ? absl::StrCat(correction.target_event_id(),
                         Say(language, " (không có trong sổ)", " (not in the log)"))
          : absl::StrCat("#", correction.target_position(), " ", correction.target_type());
  return absl::StrCat("    → ",
                      voided ? Say(language, "hủy ", "voids ") : Say(language, "sửa ", "amends "),
                      target, Say(language, " — lý do: ", " — reason: "), correction.reason());
}

}  // namespace

absl::StatusOr<int> RunAuditTrail(const Globals& globals, const ParsedArgs& args) {
  auto request = TrailRequestFrom(args);
  if (!request.ok()) return request.status();
  auto limit = args.GetUintOr("limit", 0);  // 0: the whole range
  if (!limit.ok()) return limit.status();
  const Language language = LanguageOf(globals.lang);
  auto stub = coop::v1::Audit::NewStub(NewChannel(globals));
  uint64_t shown = 0;
  do {
    request->set_page_size(static_cast<uint32_t>(
        *limit == 0 ? kTrailPage : std::min<uint64_t>(kTrailPage, *limit - shown)));
    coop::v1::TrailReply reply;
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    grpc::Status status = stub->ListTrail(&context, *request, &reply);
    if (!status.ok()) return ReportRpcError(status);
    for (const auto& entry : reply.entries()) {
      if (globals.json) {
        std::cout << ToJsonLine(entry) << "\n";
      } else {
        std::cout << FormatEventLine(entry.event()) << "  " << entry.event().metadata().actor()
                  << " / " << entry.event().metadata().agency() << "\n";
        if (entry.has_correction()) {
          std::cout << CorrectionText(entry.correction(), language) << "\n";
        }
      }
      ++shown;
    }
    std::cout.flush();
    if (!reply.next_page_token().empty() && reply.next_page_token() == request->page_token()) {
      return absl::InternalError("the server's next_page_token does not move on");
    }
    request->set_page_token(reply.next_page_token());
  } while (!request->page_token().empty() && (*limit == 0 || shown < *limit));
  std::cerr << Say(language, "nhật ký kiểm toán: ", "audit trail: ") << shown
            << Say(language, " sự kiện", " events") << "\n";
  return kExitOk;
}

}  // namespace coop::coopctl
