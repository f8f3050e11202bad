// Bearer tokens and certificate fingerprints: how a secret is made, and the only form in
// which coopledger ever stores it (a SHA-256 in lower-case hex). Pure apart from OpenSSL's
// random generator; thread-safe.
//
// A token is "coop_" followed by 43 base64url characters of 32 random bytes (256 bits) from
// OpenSSL's CSPRNG. The prefix lets secret scanners and people recognise one.
#ifndef COOPLEDGER_ACCESS_ACCESS_TOKEN_H_
#define COOPLEDGER_ACCESS_ACCESS_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace coop::access {

inline constexpr char kTokenPrefix[] = "coop_";

// A fresh token. INTERNAL if the random generator fails (never returns a weak token).
absl::StatusOr<std::string> NewAccessToken();

// SHA-256 of `bytes`, 64 lower-case hex digits.
std::string Sha256Hex(absl::string_view bytes);

// The SHA-256 fingerprint of a PEM certificate's DER encoding, 64 lower-case hex digits (what
// `openssl x509 -fingerprint -sha256` prints, without colons, in lower case).
// INVALID_ARGUMENT if `pem` holds no certificate.
absl::StatusOr<std::string> CertificateFingerprint(absl::string_view pem);

// A fingerprint as written by people or tools ("AB:CD:…" or "abcd…") in the canonical
// form above; INVALID_ARGUMENT unless it is 32 bytes of hex.
absl::StatusOr<std::string> CanonicalFingerprint(absl::string_view text);

}  // namespace coop::access

#endif  // COOPLEDGER_ACCESS_ACCESS_TOKEN_H_
