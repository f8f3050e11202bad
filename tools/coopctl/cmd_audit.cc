// coopctl audit: the auditor's checks against coop.v1.Audit, made here with verify/ rather than
// trusted to the server — keep a signed tree head, prove an event is in it, prove a later head
// extends it.
#include <fstream>
#include <iostream>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/audit.grpc.pb.h"
#include "tools/coopctl/audit_commands.h"
#include "tools/coopctl/cli_words.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/filter_options.h"
#include "tools/coopctl/kept_head.h"
#include "tools/coopctl/usage_error.h"
#include "verify/merkle.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl audit public-key [--out KEY.pem]\n"
    "       coopctl audit head [--size N] [--public-key KEY.pem] --out HEAD.json\n"
    "       coopctl audit prove POSITION|EVENT_ID --head HEAD.json --public-key KEY.pem\n"
    "       coopctl audit consistent OLD.json NEW.json --public-key KEY.pem\n"
    "       coopctl audit read [--from POS] [--limit N] [filter] --head HEAD.json\n"
    "                          --public-key KEY.pem\n"
    "       coopctl audit trail [--actor A] [--agency G] [--since T] [--until T]\n"
    "                           [--area CODE --unit-set SET] [--corrections] [--limit N]\n"
    "       coopctl audit export [--size N] [--public-key KEY.pem] --out EXPORT.ndjson\n"
    "       coopctl audit verify EXPORT.ndjson --head HEAD.json --public-key KEY.pem\n"
    "\n"
    "Kiểm tra sổ sự kiện mà không cần tin máy chủ (docs/audit.md): giữ một đầu cây đã ký, chứng\n"
    "minh một sự kiện nằm trong đó, chứng minh một đầu cây sau nối tiếp đầu cây đã giữ. Cần\n"
    "quyền kiểm tra sổ (kiểm toán viên, quản trị).\n"
    "Checks the log without trusting the server (docs/audit.md): keep a signed tree head, prove\n"
    "an event is in it, prove a later head extends a kept one. Needs the permission to verify\n"
    "the log (auditors, admins).\n"
    "\n"
    "  public-key   in khóa công khai Ed25519 (PEM) của máy chủ và, trên stderr, vân tay của\n"
    "               khóa: hãy so với vân tay coopd đã in lúc khởi động\n"
    "               prints the server's Ed25519 public key (PEM) and, on stderr, its\n"
    "               fingerprint: compare it with the one coopd printed at start\n"
    "  head         lấy đầu cây cỡ N (mặc định: đầu sổ hiện tại), kiểm chữ ký của nó bằng KEY.pem\n"
    "               (không có KEY.pem thì bằng khóa của chính máy chủ, nên chứng minh được ít\n"
    "               hơn) và ghi ra HEAD.json\n"
    "               fetches the head of size N (default: the log's head now), checks its\n"
    "               signature with KEY.pem (or, without it, with the server's own key, which\n"
    "               proves less) and writes HEAD.json\n"
    "  prove        lấy bằng chứng rằng sự kiện ở vị trí POSITION (hoặc có mã EVENT_ID) nằm trong\n"
    "               đầu cây đã giữ, và kiểm bằng chứng đó với gốc của đầu cây ấy\n"
    "               fetches the proof that the event at POSITION (or with EVENT_ID) is in the\n"
    "               kept head, and checks it against that head's root\n"
    "  consistent   lấy bằng chứng rằng cây của NEW.json nối tiếp cây của OLD.json, và kiểm bằng\n"
    "               chứng đó với cả hai gốc đã giữ\n"
    "               fetches the proof that NEW.json's tree extends OLD.json's, and checks it\n"
    "               against both kept roots\n"
    "  read         đọc sổ từ vị trí POS (lọc: --type, --prefix, --area/--unit-set) kèm bằng\n"
    "               chứng của từng sự kiện, và kiểm từng sự kiện với đầu cây đã giữ\n"
    "               reads the log from POS (filter: --type, --prefix, --area/--unit-set) with\n"
    "               the proof of each event, and checks each against the kept head\n"
    "  trail        nhật ký kiểm toán: sự kiện theo người ghi, cơ quan, khoảng thời điểm ghi\n"
    "               (--since, --until: một ngày hoặc thời điểm RFC 3339), địa bàn, hoặc chỉ các\n"
    "               lần sửa (cái gì bị hủy hay sửa, do ai, vì sao); lọc trên máy chủ, theo trang\n"
    "               the audit trail: events by actor, agency, recorded-at range (--since,\n"
    "               --until: a date or RFC 3339 time), area, or only corrections (what was\n"
    "               voided or amended, by whom, why); filtered on the server, paged\n"
    "  export       ghi sổ đến một đầu cây đã ký (mặc định: đầu cây hiện tại) thành JSON mỗi dòng\n"
    "               một đối tượng, đầu cây ở dòng cuối; không chứa dữ liệu cá nhân\n"
    "               writes the log up to a signed head (default: the head now) as\n"
    "               newline-delimited JSON, the head last; holds no personal data\n"
    "  verify       ngoại tuyến, chỉ từ bản xuất: tính lại byte chuẩn tắc và mã băm của mọi sự\n"
    "               kiện, dựng lại cây, kiểm cả hai đầu cây đã ký; nêu vị trí đầu tiên không khớp\n"
    "               offline, from the export alone: recomputes every event's canonical bytes\n"
    "               and hashes, rebuilds the tree, checks both signed heads; names the first\n"
    "               position that does not match\n"
    "\n"
    "Mã thoát: 0 hợp lệ; 1 lỗi máy chủ; 2 sai cách dùng hoặc không đọc được tệp; 3 một chữ ký\n"
    "hay bằng chứng không đúng (sổ trên máy chủ không phải sổ mà đầu cây đã giữ cho thấy).\n"
    "Exit codes: 0 verified; 1 the server failed; 2 bad usage or an unreadable file; 3 a\n"
    "signature or proof does not hold (the server's log is not the one the kept head shows).\n";

std::vector<OptionSpec> AuditOptionSpecs() {
  std::vector<OptionSpec> specs = {{"out"},
                                   {"size"},
                                   {"public-key"},
                                   {"head"},
                                   {"from"},
                                   {"limit"},
                                   {"actor"},
                                   {"agency"},
                                   {"since"},
                                   {"until"},
                                   {"corrections", /*takes_value=*/false}};
  for (auto& spec : FilterOptionSpecs()) specs.push_back(spec);
  return specs;
}

std::unique_ptr<coop::v1::Audit::Stub> AuditStub(const Globals& globals) {
  return coop::v1::Audit::NewStub(NewChannel(globals));
}

absl::StatusOr<int> RunPublicKey(const Globals& globals, const ParsedArgs& args) {
  coop::v1::PublicKeyReply reply;
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  grpc::Status status = AuditStub(globals)->GetPublicKey(&context, {}, &reply);
  if (!status.ok()) return ReportRpcError(status);
  const Language language = LanguageOf(globals.lang);
  if (auto out = args.Get("out")) {
    std::ofstream file(*out, std::ios::trunc);
    file << reply.public_key_pem();
    file.close();
    if (!file) return absl::InternalError(absl::StrCat("cannot write ", *out));
  } else {
    std::cout << reply.public_key_pem();
  }
  std::cerr << Say(language, "khóa ", "key ") << reply.algorithm() << " " << reply.fingerprint()
            << "\n";
  return kExitOk;
}

absl::StatusOr<int> RunHead(const Globals& globals, const ParsedArgs& args) {
  auto out = args.Get("out");
  if (!out)
    return UsageError(ViEn("audit head cần --out HEAD.json", "audit head needs --out HEAD.json"));
  auto size = args.GetUintOr("size", 0);
  if (!size.ok()) return size.status();
  const Language language = LanguageOf(globals.lang);
  auto stub = AuditStub(globals);
  std::optional<verify::VerifyingKey> key;
  if (auto path = args.Get("public-key")) {
    auto read = ReadPublicKey(*path);
    if (!read.ok()) return read.status();
    key = *std::move(read);
  } else {
    coop::v1::PublicKeyReply reply;
    grpc::ClientContext context;
    SetDeadline(globals, &context);
    grpc::Status status = stub->GetPublicKey(&context, {}, &reply);
    if (!status.ok()) return ReportRpcError(status);
    auto read = verify::VerifyingKey::FromPem(reply.public_key_pem());
    if (!read.ok()) return NotVerified(read.status(), language);
    key = *std::move(read);
    std::cerr << Say(language, "lưu ý: kiểm tra bằng khóa do chính máy chủ đưa, vân tay ",
                     "note: checked with the key the server itself gave, fingerprint ")
              << key->Fingerprint() << "\n";
  }
  coop::v1::TreeHeadRequest request;
  request.set_size(*size);
  coop::v1::SignedTreeHead head;
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  grpc::Status status = stub->GetTreeHead(&context, request, &head);
  if (!status.ok()) return ReportRpcError(status);
  if (auto st = CheckHeadSignature(head, *key); !st.ok()) return NotVerified(st, language);
  if (auto st = WriteKeptHead(*out, head); !st.ok()) return st;
  std::cout << Say(language, "đã giữ đầu cây cỡ ", "kept the tree head of size ") << head.size()
            << Say(language, ", gốc ", ", root ") << absl::BytesToHexString(head.root_hash())
            << " → " << *out << "\n";
  return kExitOk;
}

absl::StatusOr<int> RunProve(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() != 2) {
    return UsageError(ViEn("audit prove cần POSITION hoặc EVENT_ID",
                           "audit prove needs a POSITION or an EVENT_ID"));
  }
  auto head_path = args.Get("head");
  auto key_path = args.Get("public-key");
  if (!head_path || !key_path) {
    return UsageError(ViEn("audit prove cần --head HEAD.json và --public-key KEY.pem",
                           "audit prove needs --head HEAD.json and --public-key KEY.pem"));
  }
  auto head = ReadKeptHead(*head_path);
  if (!head.ok()) return head.status();
  auto key = ReadPublicKey(*key_path);
  if (!key.ok()) return key.status();
  const Language language = LanguageOf(globals.lang);
  if (auto st = CheckHeadSignature(*head, *key); !st.ok()) return NotVerified(st, language);

  coop::v1::InclusionProofRequest request;
  uint64_t position = 0;
  if (absl::SimpleAtoi(positionals[1], &position)) {
    request.set_position(position);
  } else {
    request.set_event_id(positionals[1]);
  }
  request.set_tree_size(head->size());
  coop::v1::InclusionProofReply reply;
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  grpc::Status status = AuditStub(globals)->GetInclusionProof(&context, request, &reply);
  if (!status.ok()) return ReportRpcError(status);
  const std::vector<std::string> path(reply.audit_path().begin(), reply.audit_path().end());
  // Checked against the kept root, not the root in the reply.
  if (auto st = verify::VerifyInclusion(reply.position() - 1, head->size(), reply.leaf_hash(), path,
                                        head->root_hash());
      !st.ok()) {
    return NotVerified(st, language);
  }
  std::cout << Say(language, "HỢP LỆ: sự kiện #", "VERIFIED: event #") << reply.position()
            << Say(language, " nằm trong đầu cây đã giữ cỡ ", " is in the kept head of size ")
            << head->size() << "\n";
  return kExitOk;
}

absl::StatusOr<int> RunConsistent(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  auto key_path = args.Get("public-key");
  if (positionals.size() != 3 || !key_path) {
    return UsageError(ViEn("audit consistent cần OLD.json NEW.json --public-key KEY.pem",
                           "audit consistent needs OLD.json NEW.json --public-key KEY.pem"));
  }
  auto old_head = ReadKeptHead(positionals[1]);
  if (!old_head.ok()) return old_head.status();
  auto new_head = ReadKeptHead(positionals[2]);
  if (!new_head.ok()) return new_head.status();
  auto key = ReadPublicKey(*key_path);
  if (!key.ok()) return key.status();
  const Language language = LanguageOf(globals.lang);
  for (const auto* head : {&*old_head, &*new_head}) {
    if (auto st = CheckHeadSignature(*head, *key); !st.ok()) return NotVerified(st, language);
  }
  if (old_head->size() > new_head->size()) {
    return UsageError(ViEn("OLD.json phải có cỡ không lớn hơn NEW.json",
                           "OLD.json must not be larger than NEW.json"));
  }
  coop::v1::ConsistencyProofRequest request;
  request.set_old_size(old_head->size());
  request.set_new_size(new_head->size());
  coop::v1::ConsistencyProofReply reply;
  grpc::ClientContext context;
  SetDeadline(globals, &context);
  grpc::Status status = AuditStub(globals)->GetConsistencyProof(&context, request, &reply);
  if (!status.ok()) return ReportRpcError(status);
  const std::vector<std::string> proof(reply.proof().begin(), reply.proof().end());
  // Checked against the two kept roots, not the heads in the reply.
  if (auto st = verify::VerifyConsistency(old_head->size(), new_head->size(), old_head->root_hash(),
                                          new_head->root_hash(), proof);
      !st.ok()) {
    return NotVerified(st, language);
  }
  std::cout << Say(language, "HỢP LỆ: đầu cây cỡ ", "VERIFIED: the head of size ")
            << new_head->size()
            << Say(language, " nối tiếp đầu cây cỡ ", " extends the head of size ")
            << old_head->size() << "\n";
  return kExitOk;
}

absl::StatusOr<int> RunAudit(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  const std::string what = positionals.empty() ? "" : positionals[0];
  if (what == "public-key") return RunPublicKey(globals, args);
  if (what == "head") return RunHead(globals, args);
  if (what == "prove") return RunProve(globals, args);
  if (what == "consistent") return RunConsistent(globals, args);
  if (what == "read") return RunAuditRead(globals, args);
  if (what == "trail") return RunAuditTrail(globals, args);
  if (what == "export") return RunAuditExport(globals, args);
  if (what == "verify") return RunAuditVerify(globals, args);
  return UsageError(
      ViEn("audit cần public-key, head, prove, consistent, read, trail, export "
           "hoặc verify",
           "audit needs public-key, head, prove, consistent, read, trail, export "
           "or verify"));
}

}  // namespace

int NotVerified(const absl::Status& why, Language language) {
  std::cerr << Say(language, "KHÔNG HỢP LỆ: ", "NOT VERIFIED: ") << why.message() << "\n";
  return kExitTampered;
}

int NotVerifiedAt(uint64_t position, const std::string& vietnamese, const std::string& english,
                  Language language) {
  std::cerr << Say(language, "KHÔNG HỢP LỆ: vị trí ", "NOT VERIFIED: position ") << position << ": "
            << (language == Language::kEnglish ? english : vietnamese) << "\n";
  return kExitTampered;
}

Command AuditCommand() {
  return {"audit", "kiểm tra sổ không cần tin máy chủ / check the log without trusting the server",
          kUsage, AuditOptionSpecs(), &RunAudit};
}

}  // namespace coop::coopctl
