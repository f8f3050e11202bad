#include "services/tree_head_signer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/secret_file.h"

namespace coop::services {
namespace {

constexpr char kWhat[] = "tree-head signing key file";

absl::StatusOr<verify::SigningKey> LoadKey(const std::string& key_file) {
  auto pem = base::ReadSecretFile(key_file, kWhat);
  if (!pem.ok()) return pem.status();
  auto key = verify::SigningKey::FromPem(*pem);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kWhat, " ", key_file, ": ", key.status().message()));
  }
  return key;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TreeHeadSigner>> TreeHeadSigner::Open(const std::string& key_file,
                                                                     bool create_if_missing,
                                                                     bool* created) {
  if (created != nullptr) *created = false;
  auto key = LoadKey(key_file);
  if (absl::IsNotFound(key.status()) && create_if_missing) {
    auto generated = verify::SigningKey::Generate();
    if (!generated.ok()) return generated.status();
    const absl::Status written = base::CreateSecretFile(key_file, generated->PrivatePem(), kWhat);
    if (written.ok()) {
      if (created != nullptr) *created = true;
      key = *std::move(generated);
    } else if (absl::IsAlreadyExists(written)) {
      key = LoadKey(key_file);  // another process created it first
    } else {
      return written;
    }
  }
  if (!key.ok()) return key.status();
  return std::unique_ptr<TreeHeadSigner>(new TreeHeadSigner(*std::move(key)));
}

absl::StatusOr<coop::v1::SignedTreeHead> TreeHeadSigner::HeadOf(eventstore::EventStore& log,
                                                                uint64_t size) const {
  if (size == 0) size = log.GetLogInfo().head_position();
  auto root = log.TreeRoot(size);
  if (!root.ok()) return root.status();
  verify::TreeHead head;
  head.size = size;
  head.root = *root;
  if (size > 0) {
    eventstore::ReadAllQuery query;
    query.from_position = size;
    query.max_count = 1;
    auto page = log.ReadAll(query);
    if (!page.ok()) return page.status();
    if (page->events.empty() || page->events.front().position() != size) {
      return absl::DataLossError(absl::StrCat("position ", size, " cannot be read"));
    }
    head.timestamp_micros = page->events.front().recorded_at_micros();
  }
  auto signature = key_.Sign(verify::TreeHeadSignedBytes(head));
  if (!signature.ok()) return signature.status();
  coop::v1::SignedTreeHead out;
  out.set_size(head.size);
  out.set_root_hash(head.root);
  out.set_timestamp_micros(head.timestamp_micros);
  out.set_key_id(key_.public_key().KeyId());
  out.set_signature(*signature);
  return out;
}

}  // namespace coop::services
