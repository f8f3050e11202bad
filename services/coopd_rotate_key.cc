#include "services/coopd_rotate_key.h"

#include <iostream>

#include "vault/master_key.h"
#include "vault/person_vault.h"

namespace coop::services {
namespace {

int Usage(const std::string& problem) {
  if (!problem.empty()) std::cerr << "coopd: " << problem << "\n";
  std::cerr << "cách dùng / usage: coopd rotate-master-key DATA_DIR --old FILE --new FILE\n"
               "  Bọc lại khóa của từng người trong DATA_DIR/people bằng khóa chính mới (máy chủ "
               "phải đang dừng). Tạo khóa mới: openssl rand -hex 32 > FILE; chmod 600 FILE.\n"
               "  Re-wraps every person's key in DATA_DIR/people under a new master key (the "
               "server must be stopped). A new key: openssl rand -hex 32 > FILE; chmod 600 FILE.\n";
  return 2;
}

}  // namespace

int RunCoopdRotateMasterKey(const std::vector<std::string>& args) {
  std::string data_dir, old_file, new_file;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--old" || arg == "--new") {
      if (i + 1 >= args.size()) return Usage(arg + ": needs a file");
      (arg == "--old" ? old_file : new_file) = args[++i];
    } else if (arg.rfind("--", 0) == 0 || !data_dir.empty()) {
      return Usage("unexpected argument " + arg);
    } else {
      data_dir = arg;
    }
  }
  if (data_dir.empty() || old_file.empty() || new_file.empty()) return Usage("");
  auto old_key = vault::LoadMasterKey(old_file);
  if (!old_key.ok()) return Usage("--old: " + std::string(old_key.status().message()));
  auto new_key = vault::LoadMasterKey(new_file);
  if (!new_key.ok()) return Usage("--new: " + std::string(new_key.status().message()));
  auto rotation = vault::PersonVault::RotateMasterKey(data_dir + "/people", *old_key, *new_key);
  if (!rotation.ok()) {
    std::cerr << "coopd: không thay được khóa chính, kho vẫn dùng khóa cũ / the master key was not "
                 "rotated, the vault is still under the old key: "
              << rotation.status().ToString() << "\n";
    return 1;
  }
  if (rotation->already_rotated) {
    std::cerr << "coopd: kho đã dùng khóa mới, không làm gì / the vault is under the new key "
                 "already; nothing done\n";
  } else {
    std::cerr << "coopd: đã bọc lại " << rotation->keys_rewrapped
              << " khóa bằng khóa chính mới / re-wrapped " << rotation->keys_rewrapped
              << " keys under the new master key\n";
  }
  std::cerr << "  Khởi động coopd với --master_key_file " << new_file
            << " (hoặc chép nó thành DATA_DIR/master.key). Giữ khóa cũ cho các bản sao lưu cũ.\n"
            << "  Start coopd with --master_key_file " << new_file
            << " (or copy it to DATA_DIR/master.key). Keep the old key for older backups.\n";
  return 0;
}

}  // namespace coop::services
