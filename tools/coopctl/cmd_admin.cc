// coopctl admin principal add|list|revoke: edits coopd's principals file (--auth_config, the
// JSON of coop.v1.AuthConfig) on this machine, through access/auth_config.h; coopd re-reads
// the file when it changes. No server is contacted. A new token is printed once and stored
// only as its SHA-256. coopctl admin backup and admin compact ask the server
// (cmd_admin_backup.cc, cmd_admin_compact.cc).
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "access/access_token.h"
#include "access/auth_config.h"
#include "access/principal.h"
#include "coop/v1/access.pb.h"
#include "tools/coopctl/cmd_admin_backup.h"
#include "tools/coopctl/cmd_admin_compact.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/text_table.h"

namespace coop::coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl admin principal add --auth_config FILE --name NAME --role ROLE\n"
    "           [--agency TEXT] [--area CODE@UNITSET ...] [--cert_sha256 HEX ...]\n"
    "           [--cert_san SAN ...] [--no_token]\n"
    "       coopctl admin principal list --auth_config FILE [--json]\n"
    "       coopctl admin principal revoke --auth_config FILE --name NAME\n"
    "       coopctl admin backup [create] [--include_keys]\n"
    "       coopctl admin backup list\n"
    "       coopctl admin backup verify [ID]\n"
    "       coopctl admin compact\n"
    "\n"
    "principal: Sửa tệp chủ thể của coopd (--auth_config của coopd) ngay trên máy này, không\n"
    "cần máy chủ; coopd tự đọc lại tệp khi tệp đổi. Tệp được ghi với quyền 0600.\n"
    "principal: Edits coopd's principals file (coopd's --auth_config) on this machine, without\n"
    "a server; coopd re-reads the file when it changes. The file is written with mode 0600.\n"
    "\n"
    "add: thêm một chủ thể và tạo cho nó một mã truy cập mới, in ra MỘT LẦN trên stdout (tệp\n"
    "     chỉ giữ SHA-256 của mã). Tệp chưa có thì được tạo.\n"
    "     adds a principal with a new token, printed ONCE on stdout (the file keeps only its\n"
    "     SHA-256). A missing file is created.\n"
    "  --name NAME           tên (a-z, 0-9, '.', '_', '-'; tối đa 64 ký tự), được ghi làm người\n"
    "                        ghi của các sự kiện\n"
    "                        the name (at most 64), recorded as the events' actor\n"
    "  --role ROLE           vai trò: admin | recorder | auditor | reader\n"
    "                        the role: admin | recorder | auditor | reader\n"
    "  --agency TEXT         cơ quan mà chủ thể làm việc cho\n"
    "                        the agency it acts for\n"
    "  --area CODE@UNITSET   địa bàn của người ghi (recorder), lặp lại được, ví dụ 966@2025-03\n"
    "                        a recorder's area, repeatable, e.g. 966@2025-03\n"
    "  --cert_sha256 HEX     vân tay SHA-256 của chứng thư máy khách, lặp lại được\n"
    "                        a client certificate's SHA-256 fingerprint, repeatable\n"
    "  --cert_san SAN        tên thay thế (SAN) của chứng thư máy khách, lặp lại được\n"
    "                        a client certificate's subject alternative name, repeatable\n"
    "  --no_token            không tạo mã truy cập (chỉ dùng chứng thư)\n"
    "                        make no token (certificate only)\n"
    "list: bảng các chủ thể (không in mã băm của mã truy cập); --json in nội dung JSON của tệp.\n"
    "      the principals as a table (no token hashes); --json prints the file's JSON.\n"
    "revoke: thu hồi chủ thể NAME (vẫn giữ trong tệp); coopd từ chối mã truy cập và chứng thư\n"
    "        của nó.\n"
    "        revokes principal NAME (kept in the file); coopd refuses its token and\n"
    "        certificates.\n"
    "\n"
    "backup: hỏi máy chủ (cần vai trò admin), sao lưu vào --backup_dir của máy chủ.\n"
    "        asks the server (admin role), backing up under the server's --backup_dir.\n"
    "  create           sao lưu trực tuyến trong khi vẫn ghi được: sổ sự kiện, phép chiếu, kho dữ\n"
    "                   liệu cá nhân; chỉ chép tệp mới; giữ --backup_keep bản mới nhất\n"
    "                   an online backup while appends go on: the log, the projections, the\n"
    "                   person vault; copies only new files; keeps the newest --backup_keep\n"
    "  --include_keys   chép cả khóa chính và khóa ký; khi đó bản sao lưu cũng nhạy cảm như chính\n"
    "                   dữ liệu cá nhân\n"
    "                   also copy the master and signing keys (the backup is then as\n"
    "                   sensitive as the personal data)\n"
    "  list             các bản sao lưu đang giữ\n"
    "                   the backups kept\n"
    "  verify [ID]      đọc lại mọi tệp, kiểm SHA-256, chuỗi băm, đầu sổ (mặc định: bản mới nhất)\n"
    "                   reads every file back, checks SHA-256, the hash chain and the\n"
    "                   heads (default: the newest)\n"
    "  Khôi phục (ngoại tuyến): coopd restore-backup BACKUP DATA_DIR\n"
    "  Restore (offline): coopd restore-backup BACKUP DATA_DIR\n"
    "\n"
    "compact: hỏi máy chủ (cần vai trò admin) nén ngay các bảng của sổ sự kiện và của phép\n"
    "         chiếu, trong khi vẫn ghi và đọc được; in dung lượng trước và sau.\n"
    "         asks the server (admin role) to compact the event log's and the projections'\n"
    "         tables now, while appends and queries go on; prints the sizes before and after.\n"
    "\n"
    "Tên tuỳ chọn viết '-' thay cho '_' cũng được (--auth-config, --no-token).\n"
    "Options may be spelled with '-' for '_' (--auth-config, --no-token).\n";

// The options of an action (besides --auth_config); `add` takes them all.
std::vector<std::string> OptionsOf(const std::string& action) {
  if (action == "add") {
    return {"name", "role", "agency", "area", "cert_sha256", "cert_san", "no_token"};
  }
  if (action == "revoke") return {"name"};
  return {};
}

std::string NowRfc3339() {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
}

// A usage error for an option given to an action that does not take it.
absl::Status RefuseOtherOptions(const ParsedArgs& args, const std::string& action,
                                const std::vector<std::string>& allowed) {
  for (const std::string& option : OptionsOf("add")) {
    if (!args.Has(option)) continue;
    bool ok = false;
    for (const std::string& name : allowed) ok = ok || name == option;
    if (!ok) {
      return UsageError(
          ViEn(absl::StrCat("--", option, " không dùng với 'admin principal ", action, "'"),
               absl::StrCat("--", option, " does not apply to 'admin principal ", action, "'")));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> RequiredOption(const ParsedArgs& args, const std::string& option) {
  std::optional<std::string> value = args.Get(option);
  if (!value || value->empty()) {
    return UsageError(ViEn(absl::StrCat("thiếu --", option), absl::StrCat("missing --", option)));
  }
  return *value;
}

// A principals file that cannot be read or is not valid: invalid local input (exit code 2).
absl::Status FileError(const std::string& path, const absl::Status& status) {
  return UsageError(ViEn(absl::StrCat("không đọc được tệp chủ thể '", path, "'"),
                         absl::StrCat("cannot read the principals file: ", status.message())),
                    false);
}

// "966@2025-03" -> {code 966, unit set 2025-03}.
absl::StatusOr<coop::v1::Area> ParseAreaFlag(const std::string& text) {
  const size_t at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size() ||
      text.find('@', at + 1) != std::string::npos) {
    return UsageError(
        ViEn(absl::StrCat("--area: cần MÃ@BỘ_ĐƠN_VỊ như 966@2025-03, nhận được '", text, "'"),
             absl::StrCat("--area: expected CODE@UNITSET like 966@2025-03, got '", text, "'")),
        false);
  }
  coop::v1::Area area;
  area.set_code(text.substr(0, at));
  area.set_unit_set(text.substr(at + 1));
  return area;
}

const coop::v1::PrincipalEntry* FindEntry(const coop::v1::AuthConfig& file,
                                          const std::string& name) {
  for (const auto& entry : file.principals()) {
    if (entry.name() == name) return &entry;
  }
  return nullptr;
}

// The new entry from the flags (without token and creation time).
absl::StatusOr<coop::v1::PrincipalEntry> EntryFromFlags(const ParsedArgs& args) {
  coop::v1::PrincipalEntry entry;
  absl::StatusOr<std::string> name = RequiredOption(args, "name");
  if (!name.ok()) return name.status();
  absl::StatusOr<std::string> role_name = RequiredOption(args, "role");
  if (!role_name.ok()) return role_name.status();
  absl::StatusOr<access::Role> role = access::ParseRole(*role_name);
  if (!role.ok()) {
    return UsageError(ViEn(absl::StrCat("--role: vai trò phải là admin, recorder, auditor hoặc "
                                        "reader, nhận được '",
                                        *role_name, "'"),
                           absl::StrCat("--role: ", role.status().message())),
                      false);
  }
  entry.set_name(*name);
  entry.set_role(access::RoleName(*role));
  if (auto agency = args.Get("agency")) entry.set_agency(*agency);
  for (const std::string& text : args.GetAll("area")) {
    absl::StatusOr<coop::v1::Area> area = ParseAreaFlag(text);
    if (!area.ok()) return area.status();
    *entry.add_areas() = *std::move(area);
  }
  if (*role == access::Role::kRecorder && entry.areas().empty()) {
    return UsageError(ViEn("người ghi (recorder) cần ít nhất một --area: địa bàn mà họ được ghi",
                           "a recorder needs at least one --area: the areas it records for"),
                      false);
  }
  if (*role != access::Role::kRecorder && !entry.areas().empty()) {
    return UsageError(ViEn("chỉ người ghi (recorder) có --area (phạm vi ghi)",
                           "only a recorder has --area (its scope)"),
                      false);
  }
  for (const std::string& text : args.GetAll("cert_sha256")) {
    absl::StatusOr<std::string> fingerprint = access::CanonicalFingerprint(text);
    if (!fingerprint.ok()) {
      return UsageError(ViEn(absl::StrCat("--cert_sha256: cần 64 chữ số hex (có thể có dấu ':'), "
                                          "nhận được '",
                                          text, "'"),
                             absl::StrCat("--cert_sha256: ", fingerprint.status().message())),
                        false);
    }
    entry.add_cert_sha256(*fingerprint);
  }
  for (const std::string& san : args.GetAll("cert_san")) {
    if (san.empty()) {
      return UsageError(ViEn("--cert_san: không được trống", "--cert_san: must not be empty"),
                        false);
    }
    entry.add_cert_san(san);
  }
  if (args.Has("no_token") && entry.cert_sha256().empty() && entry.cert_san().empty()) {
    return UsageError(
        ViEn("--no_token cần --cert_sha256 hoặc --cert_san: chủ thể phải có cách xác thực",
             "--no_token needs --cert_sha256 or --cert_san: the principal must have a way to "
             "authenticate"),
        false);
  }
  return entry;
}

absl::StatusOr<int> Add(const Globals& globals, const ParsedArgs& args, const std::string& path) {
  absl::StatusOr<coop::v1::PrincipalEntry> entry = EntryFromFlags(args);
  if (!entry.ok()) return entry.status();
  absl::StatusOr<coop::v1::AuthConfig> file = access::LoadAuthConfigOrEmpty(path);
  if (!file.ok()) return FileError(path, file.status());
  if (const coop::v1::PrincipalEntry* existing = FindEntry(*file, entry->name())) {
    const char* revoked_vi = existing->revoked() ? " (đã thu hồi; tên không dùng lại được)" : "";
    const char* revoked_en = existing->revoked() ? " (revoked; names are not reused)" : "";
    return absl::AlreadyExistsError(
        ViEn(absl::StrCat("đã có chủ thể tên '", entry->name(), "' trong ", path, revoked_vi),
             absl::StrCat("a principal named '", entry->name(), "' already exists in ", path,
                          revoked_en)));
  }
  std::string token;
  if (!args.Has("no_token")) {
    absl::StatusOr<std::string> made = access::NewAccessToken();
    if (!made.ok()) return made.status();
    token = *std::move(made);
    entry->set_token_sha256(access::Sha256Hex(token));
  }
  entry->set_created_at(NowRfc3339());
  *file->add_principals() = *entry;
  if (absl::Status saved = access::SaveAuthConfig(path, *file); !saved.ok()) {
    if (saved.code() == absl::StatusCode::kInvalidArgument) {
      // The file was valid before: the new entry is what is wrong (a name, an area, ...).
      return UsageError(
          ViEn(absl::StrCat("không thêm được chủ thể '", entry->name(), "' (lỗi bên dưới)"),
               absl::StrCat("cannot add principal '", entry->name(), "': ", saved.message())),
          false);
    }
    return absl::Status(saved.code(),
                        ViEn(absl::StrCat("không ghi được tệp chủ thể '", path, "'"),
                             absl::StrCat("cannot write the principals file: ", saved.message())));
  }

  if (globals.json) {
    std::cout << "{\"principal\":" << ToJsonLine(*entry);
    if (!token.empty()) std::cout << ",\"token\":\"" << token << "\"";
    std::cout << "}\n";
  } else if (!token.empty()) {
    std::cout << token << "\n";
  }
  std::cout.flush();
  std::cerr << "đã thêm chủ thể '" << entry->name() << "' (vai trò " << entry->role() << ") vào "
            << path << "\n"
            << "added principal '" << entry->name() << "' (role " << entry->role() << ") to "
            << path << "\n";
  if (!token.empty()) {
    std::cerr << "\nMã truy cập in trên stdout chỉ hiện MỘT LẦN này: tệp chỉ giữ SHA-256 của nó.\n"
                 "Hãy cất ngay vào một tệp chỉ người dùng mới đọc được (chmod 600), rồi dùng\n"
                 "coopctl --token_file TỆP hoặc biến môi trường COOP_TOKEN. Mất mã thì thu hồi\n"
                 "chủ thể (revoke) và thêm một chủ thể mới.\n"
                 "The token printed on stdout is shown only this ONCE: the file keeps only its\n"
                 "SHA-256. Store it now in a file only its user can read (chmod 600), then use\n"
                 "coopctl --token_file FILE or the environment variable COOP_TOKEN. If it is\n"
                 "lost, revoke the principal and add a new one.\n";
  }
  return kExitOk;
}

// "token, cert_sha256 ×2, cert_san ×1" or "-".
std::string Credentials(const coop::v1::PrincipalEntry& entry) {
  std::vector<std::string> parts;
  if (!entry.token_sha256().empty()) parts.push_back("token");
  if (entry.cert_sha256_size() > 0) {
    parts.push_back(absl::StrCat("cert_sha256 ×", entry.cert_sha256_size()));
  }
  if (entry.cert_san_size() > 0) parts.push_back(absl::StrCat("cert_san ×", entry.cert_san_size()));
  return parts.empty() ? "-" : absl::StrJoin(parts, ", ");
}

std::string Areas(const coop::v1::PrincipalEntry& entry) {
  std::vector<std::string> areas;
  for (const auto& area : entry.areas()) {
    areas.push_back(absl::StrCat(area.code(), "@", area.unit_set()));
  }
  return areas.empty() ? "-" : absl::StrJoin(areas, " ");
}

absl::StatusOr<int> List(const Globals& globals, const std::string& path) {
  absl::StatusOr<access::AuthConfig> config = access::AuthConfig::Load(path);
  if (!config.ok()) return FileError(path, config.status());
  const coop::v1::AuthConfig& file = config->file();
  if (globals.json) {
    std::string json = access::AuthConfigJson(file);
    while (!json.empty() && json.back() == '\n') json.pop_back();
    std::cout << json << "\n";
    return kExitOk;
  }
  if (file.principals().empty()) {
    std::cout << "chưa có chủ thể nào trong " << path << "\n"
              << "no principals in " << path << "\n";
    return kExitOk;
  }
  TextTable table;
  table.AddRow({"TÊN", "VAI TRÒ", "CƠ QUAN", "ĐỊA BÀN", "XÁC THỰC", "THU HỒI"});
  table.AddRow({"NAME", "ROLE", "AGENCY", "AREAS", "CREDENTIALS", "REVOKED"});
  for (const auto& entry : file.principals()) {
    std::string revoked = "-";
    if (entry.revoked()) revoked = entry.revoked_at().empty() ? "có/yes" : entry.revoked_at();
    table.AddRow({entry.name(), entry.role(), entry.agency().empty() ? "-" : entry.agency(),
                  Areas(entry), Credentials(entry), revoked});
  }
  std::cout << table.Render();
  const size_t total = file.principals_size();
  const size_t active = config->active_count();
  std::cout << "\n"
            << total << " chủ thể, " << active << " còn hiệu lực, " << total - active
            << " đã thu hồi\n"
            << total << (total == 1 ? " principal, " : " principals, ") << active << " active, "
            << total - active << " revoked\n";
  return kExitOk;
}

absl::StatusOr<int> Revoke(const ParsedArgs& args, const std::string& path) {
  absl::StatusOr<std::string> name = RequiredOption(args, "name");
  if (!name.ok()) return name.status();
  absl::StatusOr<access::AuthConfig> config = access::AuthConfig::Load(path);
  if (!config.ok()) return FileError(path, config.status());
  coop::v1::AuthConfig file = config->file();
  coop::v1::PrincipalEntry* entry = nullptr;
  for (auto& candidate : *file.mutable_principals()) {
    if (candidate.name() == *name) entry = &candidate;
  }
  if (entry == nullptr) {
    return absl::NotFoundError(ViEn(absl::StrCat("không có chủ thể tên '", *name, "' trong ", path,
                                                 " (xem coopctl admin principal list)"),
                                    absl::StrCat("no principal named '", *name, "' in ", path,
                                                 " (see coopctl admin principal list)")));
  }
  if (entry->revoked()) {
    std::cout << "chủ thể '" << *name << "' đã bị thu hồi từ trước (" << entry->revoked_at()
              << "); tệp không đổi\n"
              << "principal '" << *name << "' was already revoked (" << entry->revoked_at()
              << "); the file is unchanged\n";
    return kExitOk;
  }
  entry->set_revoked(true);
  entry->set_revoked_at(NowRfc3339());
  if (absl::Status saved = access::SaveAuthConfig(path, file); !saved.ok()) {
    return absl::Status(saved.code(),
                        ViEn(absl::StrCat("không ghi được tệp chủ thể '", path, "'"),
                             absl::StrCat("cannot write the principals file: ", saved.message())));
  }
  std::cout << "đã thu hồi chủ thể '" << *name
            << "': coopd từ chối mã truy cập và chứng thư của nó ngay khi đọc lại tệp\n"
            << "revoked principal '" << *name
            << "': coopd refuses its token and certificates as soon as it re-reads the file\n";
  return kExitOk;
}

absl::StatusOr<int> RunAdmin(const Globals& globals, const ParsedArgs& args) {
  const auto& positionals = args.positionals();
  if (!positionals.empty() && positionals[0] == "backup") return RunAdminBackup(globals, args);
  if (!positionals.empty() && positionals[0] == "compact") return RunAdminCompact(globals, args);
  if (positionals.size() != 2 || positionals[0] != "principal") {
    return UsageError(
        ViEn("cần: coopctl admin principal add | list | revoke, admin backup hoặc admin compact",
             "expected: coopctl admin principal add | list | revoke, admin backup or admin "
             "compact"));
  }
  const std::string& action = positionals[1];
  if (action != "add" && action != "list" && action != "revoke") {
    return UsageError(
        ViEn(absl::StrCat("không có lệnh 'admin principal ", action, "': chỉ có add, list, revoke"),
             absl::StrCat("unknown action 'admin principal ", action,
                          "': expected add, list or revoke")));
  }
  if (absl::Status st = RefuseOtherOptions(args, action, OptionsOf(action)); !st.ok()) return st;
  absl::StatusOr<std::string> path = RequiredOption(args, "auth_config");
  if (!path.ok()) return path.status();
  if (action == "add") return Add(globals, args, *path);
  if (action == "list") return List(globals, *path);
  return Revoke(args, *path);
}

}  // namespace

Command AdminCommand() {
  return {"admin",
          "quản trị: chủ thể, sao lưu, nén kho / administration: admin principal "
          "add|list|revoke, admin backup [create|list|verify], admin compact",
          kUsage,
          {{"auth_config", true, false},
           {"auth-config", true, false, "auth_config"},
           {"name", true, false},
           {"role", true, false},
           {"agency", true, false},
           {"area", true, true},
           {"cert_sha256", true, true},
           {"cert-sha256", true, true, "cert_sha256"},
           {"cert_san", true, true},
           {"cert-san", true, true, "cert_san"},
           {"no_token", false, false},
           {"no-token", false, false, "no_token"},
           {"include_keys", false, false},
           {"include-keys", false, false, "include_keys"}},
          &RunAdmin};
}

}  // namespace coop::coopctl
