// A tree head an auditor keeps (HEAD.json) and the public key it is checked with (KEY.pem).
//
// HEAD.json is coop.v1.SignedTreeHead in protobuf's JSON mapping with the proto field names:
//   {"size": "41", "root_hash": "<base64>", "timestamp_micros": "1733400000000000",
//    "key_id": "3f9c0d…", "signature": "<base64>"}
// (64-bit integers as strings, bytes in base64, as the mapping writes them). The signed bytes
// and what each field means: docs/audit.md.
//
// Pure but for the file reads and writes; thread-compatible.
#ifndef COOPLEDGER_TOOLS_COOPCTL_KEPT_HEAD_H_
#define COOPLEDGER_TOOLS_COOPCTL_KEPT_HEAD_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "coop/v1/audit.pb.h"
#include "verify/tree_head.h"

namespace coop::coopctl {

// Reads HEAD.json; a usage error (exit 2) if it cannot be read or is not a tree head.
absl::StatusOr<coop::v1::SignedTreeHead> ReadKeptHead(const std::string& path);
// Writes HEAD.json (replacing the file); INTERNAL if it cannot be written.
absl::Status WriteKeptHead(const std::string& path, const coop::v1::SignedTreeHead& head);
// Reads KEY.pem; a usage error if it cannot be read or is not an Ed25519 public key.
absl::StatusOr<verify::VerifyingKey> ReadPublicKey(const std::string& path);

// OK if `head` is signed by `key` (its key id and its signature); INVALID_ARGUMENT saying why,
// in Vietnamese and English, otherwise.
absl::Status CheckHeadSignature(const coop::v1::SignedTreeHead& head,
                                const verify::VerifyingKey& key);

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_KEPT_HEAD_H_
