// The role table, cell by cell: what each role may do (access/principal.h).
#include "access/principal.h"

#include <gtest/gtest.h>

namespace coop::access {
namespace {

TEST(PrincipalTest, TheRoleTableIsTheDocumentedOne) {
  using P = Permission;
  struct Row {
    Permission permission;
    bool admin, recorder, auditor, reader;
  };
  const Row table[] = {
      {P::kReadViews, true, true, true, true},
      {P::kReadEvents, true, true, true, false},
      {P::kRecord, true, true, false, false},
      {P::kVerifyLog, true, false, true, false},
      {P::kAppendRaw, true, false, false, false},
      {P::kRebuildProjections, true, false, false, false},
      {P::kPersonalData, true, true, false, false},
      {P::kReadAccessLog, true, false, true, false},
      {P::kErasePersonalData, true, false, false, false},
      {P::kBackup, true, false, false, false},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(PermissionName(row.permission));
    EXPECT_EQ(RoleAllows(Role::kAdmin, row.permission), row.admin);
    EXPECT_EQ(RoleAllows(Role::kRecorder, row.permission), row.recorder);
    EXPECT_EQ(RoleAllows(Role::kAuditor, row.permission), row.auditor);
    EXPECT_EQ(RoleAllows(Role::kReader, row.permission), row.reader);
  }
}

TEST(PrincipalTest, RolesParseByNameAndAnUnknownOneIsNamed) {
  for (Role role : {Role::kAdmin, Role::kRecorder, Role::kAuditor, Role::kReader}) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, role);
  }
  auto bad = ParseRole("boss");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("boss"), std::string::npos);
}

TEST(PrincipalTest, TheOpenModesLocalAdminIsAnUnauthenticatedAdmin) {
  EXPECT_EQ(LocalAdmin().name, "local-admin (unauthenticated)");
  EXPECT_EQ(LocalAdmin().role, Role::kAdmin);
  EXPECT_FALSE(LocalAdmin().authenticated);
}

}  // namespace
}  // namespace coop::access
