// coopctl audit read: a verifiable read (coop.v1.Audit.ReadProven). Pages through the log from
// --from, each event with its audit path in the tree of the kept head's size, and checks every
// event against the kept head: the leaf hash recomputed here from the event's fields, folded up
// the path, must give the kept root. An event changed on the server's disk after the head was
// kept fails, naming its position. Prints each event as `coopctl read` does (or JSON).
#include <algorithm>
#include <iostream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/audit.grpc.pb.h"
#include "tools/coopctl/audit_commands.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/filter_options.h"
#include "tools/coopctl/kept_head.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/usage_error.h"
#include "verify/canonical.h"
#include "verify/merkle.h"

namespace coop::coopctl {
namespace {

constexpr uint32_t kProvenPage = 500;

}  // namespace

absl::StatusOr<int> RunAuditRead(const Globals& globals, const ParsedArgs& args) {
  auto head_path = args.Get("head");
  auto key_path = args.Get("public-key");
  if (!head_path || !key_path) {
    return UsageError(ViEn("audit read cần --head HEAD.json và --public-key KEY.pem",
                           "audit read needs --head HEAD.json and --public-key KEY.pem"));
  }
  auto from = args.GetUintOr("from", 1);
  if (!from.ok()) return from.status();
  auto limit = args.GetUintOr("limit", 0);  // 0: every event up to the kept head
  if (!limit.ok()) return limit.status();
  auto filter = FilterFrom(args);
  if (!filter.ok()) return filter.status();
  auto key = ReadPublicKey(*key_path);
  if (!key.ok()) return key.status();
  auto kept = ReadKeptHead(*head_path);
  if (!kept.ok()) return kept.status();
  const Language language = LanguageOf(globals.lang);
  if (auto st = CheckHeadSignature(*kept, *key); !st.ok()) return NotVerified(st, language);

  auto stub = coop::v1::Audit::NewStub(NewChannel(globals));
  const Output output(globals.json);
  uint64_t next = std::max<uint64_t>(*from, 1);
  uint64_t checked = 0;
  // Without a filter every position is owed, in order: a server that leaves one out (or stops
  // early) is caught, not only one that changes an event. With a filter, positions increase.
  const bool every_position = !HasFilterOptions(args);
  uint64_t expected = next;
  uint64_t last_seen = 0;
  while (next != 0 && (*limit == 0 || checked < *limit)) {
    coop::v1::ProvenReadRequest request;
    request.set_from_position(next);
    request.set_tree_size(kept->size());
    request.set_max_count(static_cast<uint32_t>(
        *limit == 0 ? kProvenPage : std::min<uint64_t>(kProvenPage, *limit - checked)));
    *request.mutable_filter() = *filter;
    coop::v1::ProvenReadReply reply;
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    grpc::Status status = stub->ReadProven(&context, request, &reply);
    if (!status.ok()) return ReportRpcError(status);
    for (const auto& proven : reply.events()) {
      const auto& event = proven.event();
      const std::vector<std::string> path(proven.audit_path().begin(), proven.audit_path().end());
      // The leaf is recomputed from the fields received, never taken from the reply.
      const std::string leaf = verify::LeafHash(verify::CanonicalEncoding(event));
      if (event.position() == 0 || event.position() > kept->size() ||
          !verify::VerifyInclusion(event.position() - 1, kept->size(), leaf, path,
                                   kept->root_hash())
               .ok()) {
        return NotVerifiedAt(event.position(),
                             "sự kiện không nằm trong đầu cây đã giữ như máy chủ gửi (đã bị "
                             "thay đổi?)",
                             "the event as the server sent it is not in the kept head (was it "
                             "changed?)",
                             language);
      }
      if (event.position() <= last_seen) {
        return NotVerifiedAt(event.position(), "máy chủ gửi lại hoặc đảo thứ tự sự kiện",
                             "the server sent this position again or out of order", language);
      }
      if (every_position && event.position() != expected) {
        return NotVerifiedAt(expected, "máy chủ bỏ qua vị trí này",
                             "the server left out this position", language);
      }
      last_seen = event.position();
      expected = last_seen + 1;
      coop::v1::ReadResponse shown;
      *shown.mutable_event() = event;
      output.Print(shown);
      ++checked;
    }
    if (reply.next_position() != 0 && reply.next_position() <= next) {
      return NotVerifiedAt(next, "máy chủ không đọc tiếp (next_position không tăng)",
                           "the server does not read on (next_position does not move)", language);
    }
    next = reply.next_position();
  }
  const uint64_t owed_to =
      *limit == 0 ? kept->size() : std::min<uint64_t>(kept->size(), *from + *limit - 1);
  if (every_position && expected <= owed_to) {
    return NotVerifiedAt(expected, "máy chủ dừng trước khi hết đầu cây đã giữ",
                         "the server stopped before the end of the kept head", language);
  }
  std::cerr << Say(language, "HỢP LỆ: ", "VERIFIED: ") << checked
            << Say(language, " sự kiện nằm trong đầu cây đã giữ cỡ ",
                   " events are in the kept head of size ")
            << kept->size() << "\n";
  return kExitOk;
}

}  // namespace coop::coopctl
