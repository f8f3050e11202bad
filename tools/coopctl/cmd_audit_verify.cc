// coopctl audit verify EXPORT --head HEAD.json --public-key KEY.pem: checks an export offline,
// trusting neither the server nor the export's own hash fields. For each event line it
// recomputes the canonical bytes, the leaf hash and the chain hash from the envelope's fields
// (verify/log_replay.h) and only compares the export's hash fields with them; it rebuilds the
// Merkle root, checks it at the kept head's size against the kept head, and at the end
// against the export's own signed head, whose signature it checks with KEY.pem. On failure it
// names the first position that does not match: a changed event at its position, a reordered
// one where the order breaks, a truncated export at the first position missing.
#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <iostream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "coop/v1/audit.pb.h"
#include "tools/coopctl/audit_commands.h"
#include "tools/coopctl/kept_head.h"
#include "tools/coopctl/usage_error.h"
#include "verify/canonical.h"
#include "verify/log_replay.h"

namespace coop::coopctl {

absl::StatusOr<int> RunAuditVerify(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  auto head_path = args.Get("head");
  auto key_path = args.Get("public-key");
  if (positionals.size() != 2 || !head_path || !key_path) {
    return UsageError(
        ViEn("audit verify cần EXPORT.ndjson --head HEAD.json --public-key KEY.pem",
             "audit verify needs EXPORT.ndjson --head HEAD.json --public-key KEY.pem"));
  }
  const Language language = LanguageOf(globals.lang);
  auto key = ReadPublicKey(*key_path);
  if (!key.ok()) return key.status();
  auto kept = ReadKeptHead(*head_path);
  if (!kept.ok()) return kept.status();
  if (auto st = CheckHeadSignature(*kept, *key); !st.ok()) return NotVerified(st, language);
  std::ifstream in(positionals[1], std::ios::binary);
  if (!in) {
    return UsageError(ViEn(absl::StrCat("không mở được ", positionals[1]),
                           absl::StrCat("cannot open ", positionals[1])),
                      false);
  }

  verify::LogReplay replay;
  std::optional<coop::v1::SignedTreeHead> signed_head;  // the export's last line
  std::string text;
  uint64_t line_number = 0;
  while (std::getline(in, text)) {
    ++line_number;
    if (text.empty()) continue;
    const uint64_t position = replay.size() + 1;
    const std::string line = absl::StrCat(line_number);
    if (signed_head.has_value()) {
      return NotVerifiedAt(position, absl::StrCat("dòng ", line, " nằm sau đầu cây đã ký"),
                           absl::StrCat("line ", line, " follows the signed head"), language);
    }
    coop::v1::ExportLine parsed;
    if (!google::protobuf::util::JsonStringToMessage(text, &parsed).ok() ||
        parsed.line_case() == coop::v1::ExportLine::LINE_NOT_SET) {
      return NotVerifiedAt(position, absl::StrCat("dòng ", line, " không phải dòng của bản xuất"),
                           absl::StrCat("line ", line, " is not an export line"), language);
    }
    if (parsed.has_tree_head()) {
      signed_head = parsed.tree_head();
      continue;
    }
    const verify::LinkProblem problem = replay.Add(parsed.event());
    if (problem != verify::LinkProblem::kNone) {
      return NotVerifiedAt(position, verify::LinkProblemText(problem, true),
                           verify::LinkProblemText(problem, false), language);
    }
    if (replay.size() == kept->size() &&
        kept->timestamp_micros() != replay.last_recorded_at_micros()) {
      return NotVerifiedAt(replay.size(),
                           "thời điểm của đầu cây đã giữ không phải thời điểm ghi của sự kiện này",
                           "the kept head's timestamp is not this event's recorded_at", language);
    }
    if (replay.size() == kept->size() && replay.Root() != kept->root_hash()) {
      return NotVerifiedAt(
          replay.size(),
          absl::StrCat("các vị trí 1..", kept->size(),
                       " không tạo ra gốc của đầu cây đã giữ: sổ đã bị viết lại ở một vị trí "
                       "không sau vị trí này"),
          absl::StrCat("positions 1..", kept->size(),
                       " do not make the kept head's root: the log was rewritten at or before "
                       "this position"),
          language);
    }
  }
  const uint64_t next = replay.size() + 1;
  if (replay.size() < kept->size()) {
    return NotVerifiedAt(next,
                         absl::StrCat("bản xuất dừng ở vị trí ", replay.size(),
                                      ", đầu cây đã giữ có ", kept->size(), " vị trí"),
                         absl::StrCat("the export ends at position ", replay.size(),
                                      "; the kept head covers ", kept->size()),
                         language);
  }
  if (!signed_head.has_value()) {
    return NotVerifiedAt(next,
                         absl::StrCat("bản xuất dừng ở vị trí ", replay.size(),
                                      " mà không có đầu cây đã ký (bị cắt?)"),
                         absl::StrCat("the export ends at position ", replay.size(),
                                      " without its signed head (truncated?)"),
                         language);
  }
  if (signed_head->size() != replay.size()) {
    return NotVerifiedAt(std::min(next, signed_head->size() + 1),
                         absl::StrCat("đầu cây của bản xuất có cỡ ", signed_head->size(),
                                      " nhưng bản xuất có ", replay.size(), " sự kiện"),
                         absl::StrCat("the export's head has size ", signed_head->size(),
                                      " but the export holds ", replay.size(), " events"),
                         language);
  }
  if (auto st = CheckHeadSignature(*signed_head, *key); !st.ok()) return NotVerified(st, language);
  if (signed_head->timestamp_micros() != replay.last_recorded_at_micros()) {
    return NotVerifiedAt(replay.size(),
                         "thời điểm của đầu cây trong bản xuất không phải thời điểm ghi của sự "
                         "kiện cuối",
                         "the export's head timestamp is not the last event's recorded_at",
                         language);
  }
  if (signed_head->root_hash() != replay.Root()) {
    return NotVerifiedAt(replay.size(),
                         "các sự kiện không tạo ra gốc của đầu cây đã ký trong bản xuất",
                         "the events do not make the root of the export's signed head", language);
  }
  std::cout << Say(language, "HỢP LỆ: ", "VERIFIED: ") << replay.size()
            << Say(language, " sự kiện, đầu chuỗi ", " events, chain head ")
            << verify::HexEncode(replay.chain_head()) << Say(language, ", gốc ", ", root ")
            << verify::HexEncode(replay.Root())
            << Say(language, "; khớp đầu cây đã giữ cỡ ", "; matches the kept head of size ")
            << kept->size() << "\n";
  return kExitOk;
}

}  // namespace coop::coopctl
