#include "access/principal.h"

#include "absl/strings/str_cat.h"

namespace coop::access {

const std::string& RoleName(Role role) {
  static const auto* const kNames = new std::string[]{"admin", "recorder", "auditor", "reader"};
  return kNames[static_cast<int>(role)];
}

absl::StatusOr<Role> ParseRole(absl::string_view name) {
  for (Role role : {Role::kAdmin, Role::kRecorder, Role::kAuditor, Role::kReader}) {
    if (name == RoleName(role)) return role;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("role '", name, "' is not one of admin, recorder, auditor, reader"));
}

const std::string& PermissionName(Permission permission) {
  static const auto* const kNames = new std::string[]{
      "đọc báo cáo và thống kê / read views and statistics",
      "đọc sự kiện / read events",
      "ghi nhận nghiệp vụ / record commands",
      "kiểm tra sổ cái / verify the log",
      "ghi sự kiện trực tiếp / append raw events",
      "dựng lại phép chiếu / rebuild projections",
      "thông tin cá nhân / personal details",
      "nhật ký truy cập thông tin cá nhân / the personal-data access log",
      "xoá dữ liệu cá nhân / erase personal data",
      "sao lưu / back up",
  };
  return kNames[static_cast<int>(permission)];
}

bool RoleAllows(Role role, Permission permission) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kRecorder:
      return permission == Permission::kReadViews || permission == Permission::kReadEvents ||
             permission == Permission::kRecord || permission == Permission::kPersonalData;
    case Role::kAuditor:
      return permission == Permission::kReadViews || permission == Permission::kReadEvents ||
             permission == Permission::kVerifyLog || permission == Permission::kReadAccessLog;
    case Role::kReader:
      return permission == Permission::kReadViews;
  }
  return false;
}

const Principal& LocalAdmin() {
  static const auto* const kLocalAdmin = new Principal{
      .name = "local-admin (unauthenticated)", .role = Role::kAdmin, .authenticated = false};
  return *kLocalAdmin;
}

}  // namespace coop::access
