// coopctl admin backup [create] [--include_keys] | list | verify [ID]: coop.v1.Admin on the
// server — online backups under its --backup_dir (docs/administration.md). Creating and
// verifying take as long as the data needs: their deadline is at least 12 hours, whatever
// --timeout says.
#include "tools/coopctl/cmd_admin_backup.h"

#include <algorithm>
#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "coop/v1/admin.grpc.pb.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/text_table.h"
#include "tools/coopctl/usage_error.h"
#include "verify/canonical.h"

namespace coop::coopctl {
namespace {

constexpr absl::Duration kLongWork = absl::Hours(12);

std::string When(int64_t micros) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", absl::FromUnixMicros(micros),
                          absl::UTCTimeZone());
}

void PrintInfo(const coop::v1::BackupInfo& info) {
  std::cout << "bản sao lưu / backup " << info.backup_id() << "  " << When(info.created_at_micros())
            << "\n"
            << "  thư mục / folder        " << info.path() << "\n"
            << "  sổ đến vị trí / log to  " << info.log_head_position() << "\n"
            << "  đầu chuỗi / chain head  " << verify::HexEncode(info.chain_head()) << "\n"
            << "  gốc cây / tree root     " << verify::HexEncode(info.tree_root()) << "\n"
            << "  tệp / files             " << info.files() << " (" << ByteSize(info.bytes())
            << ")\n"
            << "  mới chép / copied now   " << info.new_files() << " ("
            << ByteSize(info.new_bytes()) << ")\n"
            << "  có khóa / with keys     " << (info.includes_keys() ? "có / yes" : "không / no")
            << "\n";
  if (!info.removed_backups().empty()) {
    std::cout << "  đã xoá theo số bản giữ lại / removed by retention:";
    for (uint64_t id : info.removed_backups()) std::cout << " " << id;
    std::cout << "\n";
  }
}

template <typename Call>
grpc::Status CallAdmin(const Globals& globals, absl::Duration at_least, Call call) {
  auto stub = coop::v1::Admin::NewStub(NewChannel(globals));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + std::max(globals.timeout, at_least)));
  return call(*stub, &context);
}

int Create(const Globals& globals, const ParsedArgs& args) {
  coop::v1::CreateBackupRequest request;
  request.set_include_keys(args.Has("include_keys"));
  std::cerr << "đang sao lưu (máy chủ ghi tiến độ vào nhật ký của nó) / backing up (the server "
               "logs its progress)…\n";
  coop::v1::BackupInfo reply;
  grpc::Status status = CallAdmin(globals, kLongWork, [&](auto& stub, auto* context) {
    return stub.CreateBackup(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
  } else {
    PrintInfo(reply);
  }
  return kExitOk;
}

int List(const Globals& globals) {
  coop::v1::ListBackupsReply reply;
  grpc::Status status = CallAdmin(globals, absl::ZeroDuration(), [&](auto& stub, auto* context) {
    return stub.ListBackups(context, {}, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
    return kExitOk;
  }
  TextTable table;
  table.AddRow({"SỐ", "LÚC", "ĐẾN VỊ TRÍ", "TỆP", "DUNG LƯỢNG", "MỚI CHÉP", "KHÓA"});
  table.AddRow({"ID", "TAKEN", "LOG TO", "FILES", "SIZE", "COPIED", "KEYS"});
  for (const auto& info : reply.backups()) {
    table.AddRow({absl::StrCat(info.backup_id()), When(info.created_at_micros()),
                  absl::StrCat(info.log_head_position()), absl::StrCat(info.files()),
                  ByteSize(info.bytes()), ByteSize(info.new_bytes()),
                  info.includes_keys() ? "có/yes" : "-"});
  }
  std::cout << table.Render() << "\n"
            << reply.backups_size() << " bản sao lưu trong / backups in " << reply.backup_dir()
            << "; giữ lại / kept: " << reply.keep() << "\n";
  return kExitOk;
}

int Verify(const Globals& globals, uint64_t id) {
  coop::v1::VerifyBackupRequest request;
  request.set_backup_id(id);
  std::cerr << "đang kiểm tra bản sao lưu / verifying the backup…\n";
  coop::v1::VerifyBackupReply reply;
  grpc::Status status = CallAdmin(globals, kLongWork, [&](auto& stub, auto* context) {
    return stub.VerifyBackup(context, request, &reply);
  });
  if (!status.ok()) return ReportRpcError(status);
  if (globals.json) {
    std::cout << ToJsonLine(reply) << "\n";
    return kExitOk;
  }
  PrintInfo(reply.backup());
  std::cout << "HỢP LỆ / OK: " << reply.files_checked() << " tệp / files ("
            << ByteSize(reply.bytes_checked()) << ") khớp SHA-256 / match their SHA-256; chuỗi băm "
            << "đúng đến vị trí / the hash chain verifies to position " << reply.events_verified()
            << "; kho dữ liệu cá nhân mở được bằng khóa của máy chủ / the vault opens with the "
               "server's key\n";
  return kExitOk;
}

}  // namespace

absl::StatusOr<int> RunAdminBackup(const Globals& globals, const ParsedArgs& args) {
  const auto& words = args.positionals();  // "backup" [action] [id]
  const std::string action = words.size() >= 2 ? words[1] : "create";
  if (action == "create" && words.size() <= 2) return Create(globals, args);
  if (args.Has("include_keys")) {
    return UsageError(ViEn("--include_keys chỉ dùng với 'admin backup create'",
                           "--include_keys applies to 'admin backup create' only"));
  }
  if (action == "list" && words.size() == 2) return List(globals);
  if (action == "verify" && words.size() <= 3) {
    uint64_t id = 0;
    if (words.size() == 3 && (!absl::SimpleAtoi(words[2], &id) || id == 0)) {
      return UsageError(ViEn(absl::StrCat("số bản sao lưu không hợp lệ: '", words[2], "'"),
                             absl::StrCat("not a backup id: '", words[2], "'")));
    }
    return Verify(globals, id);
  }
  return UsageError(
      ViEn("cần: coopctl admin backup [create [--include_keys] | list | verify [SỐ]]",
           "expected: coopctl admin backup [create [--include_keys] | list | verify [ID]]"));
}

}  // namespace coop::coopctl
