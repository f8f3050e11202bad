#include "tools/coopctl/kept_head.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "tools/coopctl/input_file.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/usage_error.h"

namespace coop::coopctl {

absl::StatusOr<coop::v1::SignedTreeHead> ReadKeptHead(const std::string& path) {
  auto text = ReadInputFile(path);
  if (!text.ok()) return text.status();
  coop::v1::SignedTreeHead head;
  if (!google::protobuf::util::JsonStringToMessage(*text, &head).ok() || head.size() == 0 ||
      head.root_hash().size() != 32 || head.signature().empty()) {
    return UsageError(ViEn(absl::StrCat(path, ": không phải một đầu cây đã ký (HEAD.json)"),
                           absl::StrCat(path, ": not a signed tree head (HEAD.json)")),
                      false);
  }
  return head;
}

absl::Status WriteKeptHead(const std::string& path, const coop::v1::SignedTreeHead& head) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << ToJsonLine(head) << "\n";
  file.close();
  if (!file) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

absl::StatusOr<verify::VerifyingKey> ReadPublicKey(const std::string& path) {
  auto pem = ReadInputFile(path);
  if (!pem.ok()) return pem.status();
  auto key = verify::VerifyingKey::FromPem(*pem);
  if (!key.ok()) {
    return UsageError(ViEn(absl::StrCat(path, ": không phải khóa công khai Ed25519 (PEM)"),
                           absl::StrCat(path, ": not an Ed25519 public key (PEM)")),
                      false);
  }
  return key;
}

absl::Status CheckHeadSignature(const coop::v1::SignedTreeHead& head,
                                const verify::VerifyingKey& key) {
  if (head.key_id() != key.KeyId()) {
    return absl::InvalidArgumentError(
        ViEn(absl::StrCat("đầu cây cỡ ", head.size(), " được ký bằng khóa ", head.key_id(),
                          ", không phải khóa ", key.KeyId()),
             absl::StrCat("the head of size ", head.size(), " is signed by key ", head.key_id(),
                          ", not by key ", key.KeyId())));
  }
  const verify::TreeHead plain{head.size(), head.timestamp_micros(), head.root_hash()};
  if (!verify::VerifyTreeHead(plain, head.signature(), key).ok()) {
    return absl::InvalidArgumentError(
        ViEn(absl::StrCat("chữ ký của đầu cây cỡ ", head.size(), " không hợp lệ"),
             absl::StrCat("the signature of the head of size ", head.size(), " does not hold")));
  }
  return absl::OkStatus();
}

}  // namespace coop::coopctl
