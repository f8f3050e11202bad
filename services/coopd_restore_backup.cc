#include "services/coopd_restore_backup.h"

#include <iostream>

#include "backup/restore.h"
#include "verify/canonical.h"

namespace coop::services {
namespace {

int Usage(const std::string& problem) {
  if (!problem.empty()) std::cerr << "coopd: " << problem << "\n";
  std::cerr
      << "cách dùng / usage: coopd restore-backup BACKUP DATA_DIR [--master_key FILE] "
         "[--signing_key FILE]\n"
         "           [--erasure_journal FILE | --without_erasure_journal]\n"
         "  Khôi phục một bản sao lưu trực tuyến (BACKUP_DIR/backups/NNNNNN) vào một thư mục dữ "
         "liệu mới. Bản sao lưu không chứa khóa chính trừ khi được yêu cầu: khi đó phải đưa khóa "
         "bằng --master_key.\n"
         "  Restores an online backup (BACKUP_DIR/backups/NNNNNN) into a new data folder. A "
         "backup leaves the vault's master key out unless asked: then give it with "
         "--master_key.\n";
  return 2;
}

}  // namespace

int RunCoopdRestoreBackup(const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  backup::RestoreOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--master_key" || arg == "--signing_key" || arg == "--erasure_journal") {
      if (i + 1 >= args.size()) return Usage(arg + ": needs a file");
      (arg == "--master_key"    ? options.master_key_file
       : arg == "--signing_key" ? options.signing_key_file
                                : options.erasure_journal) = args[++i];
    } else if (arg == "--without_erasure_journal") {
      options.without_erasure_journal = true;
    } else if (arg.rfind("--", 0) == 0) {
      return Usage("unknown flag " + arg);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) return Usage("");
  options.progress = [](absl::string_view line) { std::cerr << "coopd: " << line << std::endl; };
  auto report = backup::RestoreBackup(positional[0], positional[1], options);
  if (!report.ok()) {
    std::cerr << "coopd: khôi phục thất bại, không để lại gì trong thư mục / restore failed, "
                 "nothing is left in the folder: "
              << report.status().ToString() << "\n";
    return 1;
  }
  const auto& info = report->backup;
  std::cerr << "coopd: đã khôi phục bản sao lưu " << info.backup_id() << " / restored backup "
            << info.backup_id() << ": " << report->files << " tệp / files, " << report->bytes
            << " bytes\n"
            << "  sổ sự kiện đến vị trí / the log to position " << info.log_head_position() << "\n"
            << "  đầu chuỗi / chain head " << verify::HexEncode(info.chain_head()) << "\n"
            << "  gốc cây / tree root    " << verify::HexEncode(info.tree_root()) << "\n"
            << "  xoá lại dữ liệu cá nhân đã xoá sau bản sao lưu / erasures recorded after the "
               "backup, applied again: "
            << report->erasures_applied << "\n";
  if (!report->signing_key_restored) {
    std::cerr << "  CẢNH BÁO: không có khóa ký đầu cây; máy chủ sẽ tạo khóa mới / WARNING: no "
                 "tree-head signing key; the server creates a new one at its first start (tell "
                 "your auditors its fingerprint)\n";
  }
  return 0;
}

}  // namespace coop::services
