// Who is calling and what that role may do: the principal of a call (from a bearer token, a
// client certificate, or coopd's open loopback mode), its role, and the table of roles to
// permissions. Pure; thread-safe.
//
//   permission            admin  recorder  auditor  reader
//   read views & stats      ✓       ✓         ✓        ✓
//   read events             ✓       ✓         ✓
//   record (commands)       ✓    in scope
//   verify the log          ✓                 ✓
//   raw append              ✓   (never to a domain stream: services/domain_stream_guard.h)
//   rebuild projections     ✓
//   personal details        ✓    in scope
//   read the access log     ✓                 ✓
//   erase personal data     ✓
//
// A recorder's scope is its list of areas (commands/recorder_scope.h checks a command's area
// against it). docs/administration.md is the administrator's account of the same table.
#ifndef COOPLEDGER_ACCESS_PRINCIPAL_H_
#define COOPLEDGER_ACCESS_PRINCIPAL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "coop/v1/event.pb.h"

namespace coop::access {

enum class Role { kAdmin, kRecorder, kAuditor, kReader };

enum class Permission {
  kReadViews,           // coop.v1.Reporting queries, projection status
  kReadEvents,          // EventStore reads, subscriptions, stream and log info;
                        // Reporting/GetHistory
  kRecord,              // the command services (Registry, Programs, Planning, Corrections)
  kVerifyLog,           // EventStore/VerifyLog; coop.v1.Audit (tree heads, proofs)
  kAppendRaw,           // EventStore/Append, outside the domain's streams
  kRebuildProjections,  // Reporting/RebuildProjection
  kPersonalData,        // People: record, read and change a person's details
  kReadAccessLog,       // People/ListPersonAccess
  kErasePersonalData,   // People/ForgetPerson (crypto-shredding; admins only)
  kBackup,              // coop.v1.Admin: backups (admins only)
};

// "admin", "recorder", "auditor", "reader".
const std::string& RoleName(Role role);
// The inverse of RoleName; INVALID_ARGUMENT naming the roles for anything else.
absl::StatusOr<Role> ParseRole(absl::string_view name);
// What the permission lets one do, in words, Vietnamese first ("ghi sự kiện / record").
const std::string& PermissionName(Permission permission);
// The table above (without the scope: a recorder "may" record anywhere here).
bool RoleAllows(Role role, Permission permission);

struct Principal {
  // The principal's name: the actor of the events it records.
  std::string name;
  Role role = Role::kReader;
  // The agency it acts for: the agency of the events it records.
  std::string agency;
  // A recorder's areas; empty for the other roles.
  std::vector<coop::v1::Area> areas;
  // False only for the open loopback mode's local admin, whose events keep the actor and
  // agency the caller claims.
  bool authenticated = true;
};

// The principal of coopd's open loopback mode (no --auth_config): an admin named
// "local-admin (unauthenticated)".
const Principal& LocalAdmin();

}  // namespace coop::access

#endif  // COOPLEDGER_ACCESS_PRINCIPAL_H_
