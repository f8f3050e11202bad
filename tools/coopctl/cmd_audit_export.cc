// coopctl audit export: the log up to a signed head, as newline-delimited JSON (one
// coop.v1.ExportLine per line: every event with its hashes, then the signed head), for an
// auditor to verify offline (cmd_audit_verify.cc) or a node to be restored from (coopd restore).
// The events carry no personal data (people are opaque refs; their details stay in the vault).
// While writing, coopctl replays the chain and the tree itself (verify/log_replay.h), so an
// export whose events do not make the head the server signed is reported, not kept.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "coop/v1/audit.grpc.pb.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/coopctl/audit_commands.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/kept_head.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/usage_error.h"
#include "verify/canonical.h"
#include "verify/log_replay.h"

namespace coop::coopctl {
namespace {

constexpr uint32_t kExportPage = 1000;
constexpr uint64_t kProgressEvery = 100'000;

coop::v1::ExportLine EventLine(const coop::v1::RecordedEvent& event) {
  coop::v1::ExportLine line;
  *line.mutable_event() = event;
  return line;
}

}  // namespace

absl::StatusOr<int> RunAuditExport(const Globals& globals, const ParsedArgs& args) {
  auto out = args.Get("out");
  if (!out) {
    return UsageError(
        ViEn("audit export cần --out EXPORT.ndjson", "audit export needs --out EXPORT.ndjson"));
  }
  auto size = args.GetUintOr("size", 0);
  if (!size.ok()) return size.status();
  const Language language = LanguageOf(globals.lang);
  auto channel = NewChannel(globals);
  auto audit = coop::v1::Audit::NewStub(channel);
  auto log = coop::v1::EventStore::NewStub(channel);

  coop::v1::SignedTreeHead head;
  {
    coop::v1::TreeHeadRequest request;
    request.set_size(*size);
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    grpc::Status status = audit->GetTreeHead(&context, request, &head);
    if (!status.ok()) return ReportRpcError(status);
  }
  if (*size != 0 && head.size() != *size) {
    return NotVerified(
        absl::InvalidArgumentError(
            ViEn(absl::StrCat("máy chủ trả đầu cây cỡ ", head.size(), " khi hỏi cỡ ", *size),
                 absl::StrCat("the server gave a head of size ", head.size(),
                              " when asked for size ", *size))),
        language);
  }
  if (auto path = args.Get("public-key")) {
    auto key = ReadPublicKey(*path);
    if (!key.ok()) return key.status();
    if (auto st = CheckHeadSignature(head, *key); !st.ok()) return NotVerified(st, language);
  }

  const std::string partial = *out + ".partial";
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) return absl::InternalError(absl::StrCat("cannot write ", partial));
  verify::LogReplay replay;
  while (replay.size() < head.size()) {
    const uint64_t from = replay.size() + 1;
    coop::v1::ReadAllRequest request;
    request.set_from_position(from);
    request.set_max_count(
        static_cast<uint32_t>(std::min<uint64_t>(kExportPage, head.size() - from + 1)));
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    auto reader = log->ReadAll(&context, request);
    coop::v1::ReadResponse response;
    while (reader->Read(&response)) {
      if (!response.has_event() || response.event().position() > head.size()) continue;
      const auto& event = response.event();
      const verify::LinkProblem problem = replay.Add(event);
      if (problem != verify::LinkProblem::kNone) {
        file.close();
        std::remove(partial.c_str());
        return NotVerifiedAt(replay.size() + 1, verify::LinkProblemText(problem, true),
                             verify::LinkProblemText(problem, false), language);
      }
      file << ToJsonLine(EventLine(event)) << "\n";
      if (replay.size() % kProgressEvery == 0) {
        std::cerr << Say(language, "đã xuất ", "exported ") << replay.size() << "/" << head.size()
                  << std::endl;
      }
    }
    grpc::Status status = reader->Finish();
    if (!status.ok()) {
      file.close();
      std::remove(partial.c_str());
      return ReportRpcError(status);
    }
    if (replay.size() < from) {
      file.close();
      std::remove(partial.c_str());
      return NotVerifiedAt(from, "máy chủ không gửi sự kiện ở vị trí này dù đã ký đầu cây chứa nó",
                           "the server sent no event at this position, although its signed head "
                           "covers it",
                           language);
    }
  }
  if (replay.Root() != head.root_hash()) {
    file.close();
    std::remove(partial.c_str());
    return NotVerified(
        absl::InvalidArgumentError(ViEn(absl::StrCat("các sự kiện 1..", head.size(),
                                                     " không tạo ra gốc của đầu cây máy chủ đã ký"),
                                        absl::StrCat("events 1..", head.size(),
                                                     " do not make the root of the head the "
                                                     "server signed"))),
        language);
  }
  coop::v1::ExportLine last;
  *last.mutable_tree_head() = head;
  file << ToJsonLine(last) << "\n";
  file.close();
  if (!file || std::rename(partial.c_str(), out->c_str()) != 0) {
    return absl::InternalError(absl::StrCat("cannot write ", *out));
  }
  std::cout << Say(language, "đã xuất ", "exported ") << head.size()
            << Say(language, " sự kiện và đầu cây đã ký (gốc ",
                   " events and the signed head (root ")
            << verify::HexEncode(head.root_hash()) << ") → " << *out << "\n";
  return kExitOk;
}

}  // namespace coop::coopctl
