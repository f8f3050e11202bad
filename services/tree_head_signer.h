// TreeHeadSigner: the server's Ed25519 key for tree heads (verify/tree_head.h), and the signed
// head of the log at any size. The key file is PEM (PKCS#8), mode 0600; by default
// <data_dir>/tree-head-signing.pem, created on first start. A key kept in the data folder
// proves nothing against someone who controls that folder (they can re-sign a rewritten log):
// heads are evidence only once an auditor keeps them elsewhere (docs/audit.md).
//
// Immutable once opened; thread-safe.
#ifndef COOPLEDGER_SERVICES_TREE_HEAD_SIGNER_H_
#define COOPLEDGER_SERVICES_TREE_HEAD_SIGNER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "coop/v1/audit.pb.h"
#include "eventstore/event_store.h"
#include "verify/tree_head.h"

namespace coop::services {

class TreeHeadSigner {
 public:
  // Loads the key in `key_file`; if it does not exist and `create_if_missing`, creates one
  // there (`*created` says so). NOT_FOUND for a missing file otherwise; FAILED_PRECONDITION
  // for a file others may read; INVALID_ARGUMENT for a file that holds no Ed25519 key.
  static absl::StatusOr<std::unique_ptr<TreeHeadSigner>> Open(const std::string& key_file,
                                                              bool create_if_missing,
                                                              bool* created = nullptr);

  // The signed head of positions 1..size of `log` (0: its head now). OUT_OF_RANGE beyond the
  // head. The same size gives the same head every time (Ed25519 is deterministic and the
  // timestamp is the recorded_at of position `size`).
  absl::StatusOr<coop::v1::SignedTreeHead> HeadOf(eventstore::EventStore& log, uint64_t size) const;

  const verify::VerifyingKey& public_key() const { return key_.public_key(); }

 private:
  explicit TreeHeadSigner(verify::SigningKey key) : key_(std::move(key)) {}
  const verify::SigningKey key_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_TREE_HEAD_SIGNER_H_
