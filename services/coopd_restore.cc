#include "services/coopd_restore.h"

#include <iostream>

#include "services/log_restore.h"
#include "verify/canonical.h"

namespace coop::services {

int RunCoopdRestore(const std::vector<std::string>& args) {
  if (args.size() != 2 || args[0].rfind("--", 0) == 0) {
    std::cerr << "cách dùng / usage: coopd restore EXPORT DATA_DIR\n"
                 "  Ghi sổ sự kiện từ một bản xuất (coopctl audit export) vào một thư mục dữ liệu "
                 "trống, giữ nguyên vị trí, thời điểm ghi, đầu chuỗi băm và đầu cây.\n"
                 "  Fills an empty data folder with the log of an export (coopctl audit export), "
                 "keeping positions, recorded-at times, the chain head and the tree head.\n";
    return 2;
  }
  std::cerr << "coopd: đang khôi phục / restoring " << args[0] << " → " << args[1] << std::endl;
  auto report = RestoreLog(args[0], args[1], [](uint64_t events) {
    std::cerr << "coopd: đã khôi phục / restored " << events << " sự kiện / events" << std::endl;
  });
  if (!report.ok()) {
    std::cerr << "coopd: khôi phục thất bại, thư mục để nguyên như trước / restore failed, the "
                 "folder is left as it was: "
              << report.status().ToString() << "\n";
    return 1;
  }
  std::cerr << "coopd: đã khôi phục " << report->events << " sự kiện / restored " << report->events
            << " events\n"
            << "  đầu chuỗi / chain head " << verify::HexEncode(report->chain_head) << "\n"
            << "  gốc cây / tree root    " << verify::HexEncode(report->tree_root) << "\n";
  if (report->matched_signed_head) {
    std::cerr << "  khớp đầu cây đã ký trong bản xuất / matches the export's signed head "
                 "(chữ ký do kiểm toán viên kiểm bằng / its signature is checked with: coopctl "
                 "audit verify)\n";
  } else {
    std::cerr << "  CẢNH BÁO: bản xuất không có đầu cây đã ký / WARNING: the export has no "
                 "signed head\n";
  }
  std::cerr << "  Thông tin cá nhân không có trong bản xuất / the export carries no personal "
               "data: the people named in the log have no details on this node.\n";
  return 0;
}

}  // namespace coop::services
