// AuthConfig: the principals of an --auth_config file (coop.v1.AuthConfig in protobuf's JSON
// form, proto/coop/v1/access.proto), checked, with the lookups authentication needs: by the
// SHA-256 of a bearer token, by a certificate fingerprint, by a subject alternative name.
// Revoked principals are kept in the file but found by no lookup.
//
// Immutable once built: every const method is thread-safe. coopd keeps the current one
// behind a pointer that a reload swaps (services/call_gate.h); coopctl admin principal edits
// the file with the functions at the end.
//
// Errors: INVALID_ARGUMENT naming the entry and field ("principals[2].role: role 'boss' is
// not one of ..."); NOT_FOUND for a missing file; FAILED_PRECONDITION for a file that group or
// others may read (it names who may call the server: chmod 600, as for the vault's key).
#ifndef COOPLEDGER_ACCESS_AUTH_CONFIG_H_
#define COOPLEDGER_ACCESS_AUTH_CONFIG_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "access/principal.h"
#include "coop/v1/access.pb.h"

namespace coop::access {

class AuthConfig {
 public:
  // Checks every entry: a unique name of [a-z0-9._-] (1–64), a known role, a recorder's areas
  // (at least one, each a unit of its unit set), token hashes and fingerprints in canonical
  // hex, no token, fingerprint or alternative name shared by two principals that are not
  // revoked, and no certificate of a revoked principal (fingerprint or alternative name)
  // given to an active one.
  static absl::StatusOr<AuthConfig> FromProto(coop::v1::AuthConfig file);
  static absl::StatusOr<AuthConfig> Parse(absl::string_view json);
  static absl::StatusOr<AuthConfig> Load(const std::string& path);

  const coop::v1::AuthConfig& file() const { return file_; }
  // Principals that are not revoked.
  size_t active_count() const { return principals_.size(); }

  // The principal whose token has this SHA-256 (hex), or nullptr.
  const Principal* ByTokenSha256(absl::string_view sha256_hex) const;
  // The principal of a certificate with this fingerprint (canonical hex), or nullptr.
  const Principal* ByCertificateFingerprint(absl::string_view fingerprint) const;
  // The principal of a certificate with this subject alternative name, or nullptr.
  const Principal* ByCertificateSan(absl::string_view san) const;

 private:
  AuthConfig() = default;

  coop::v1::AuthConfig file_;
  // Pointers into principals_ stay valid: it is filled once, then never changes.
  std::vector<std::unique_ptr<Principal>> principals_;
  absl::flat_hash_map<std::string, const Principal*> by_token_;
  absl::flat_hash_map<std::string, const Principal*> by_fingerprint_;
  absl::flat_hash_map<std::string, const Principal*> by_san_;
};

// The file's JSON text (two-space indented, fields as in access.proto).
std::string AuthConfigJson(const coop::v1::AuthConfig& file);

// Writes `file` to `path` (after checking it): mode 0600, written and fsynced under a
// temporary name, then renamed into place, so that a running coopd never reads half a file.
absl::Status SaveAuthConfig(const std::string& path, const coop::v1::AuthConfig& file);

// Reads `path` as Load does, or an empty configuration if it does not exist yet.
absl::StatusOr<coop::v1::AuthConfig> LoadAuthConfigOrEmpty(const std::string& path);

}  // namespace coop::access

#endif  // COOPLEDGER_ACCESS_AUTH_CONFIG_H_
