// Signed tree heads: the server's Ed25519 signature over a Merkle tree head (merkle.h), so that
// an auditor who keeps a head can later hold the server to it. The signed bytes, exactly:
//
//   "coopledger tree head v1"   23 ASCII bytes (domain separation: no other signed message
//                               of the project starts so)
//   0x00                        1 byte
//   size                        u64, big-endian: the tree covers log positions 1..size
//   timestamp                   u64, big-endian: microseconds since the Unix epoch, UTC — the
//                               recorded_at of position `size` (0 for the empty tree), so the
//                               head of a size is the same whenever it is asked for
//   root                        32 bytes: MTH of the leaf hashes of positions 1..size
//
// The key id is the first 16 hexadecimal digits of the SHA-256 of the raw 32-byte public key;
// the fingerprint, all 64. Keys travel as PEM (PKCS#8 private, SubjectPublicKeyInfo public).
//
// Pure functions and immutable key objects; thread-safe.
#ifndef COOPLEDGER_VERIFY_TREE_HEAD_H_
#define COOPLEDGER_VERIFY_TREE_HEAD_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace coop::verify {

inline constexpr char kTreeHeadLabel[] = "coopledger tree head v1";

struct TreeHead {
  uint64_t size = 0;
  int64_t timestamp_micros = 0;
  std::string root;  // 32 bytes
};

// The bytes above. REQUIRES: head.root.size() == 32.
std::string TreeHeadSignedBytes(const TreeHead& head);

// An Ed25519 public key: checks signatures.
class VerifyingKey {
 public:
  // From a PEM "PUBLIC KEY" block; INVALID_ARGUMENT if it is not an Ed25519 public key.
  static absl::StatusOr<VerifyingKey> FromPem(const std::string& pem);
  // From the raw 32 bytes.
  static absl::StatusOr<VerifyingKey> FromRaw(const std::string& raw);

  const std::string& raw() const { return raw_; }
  std::string Pem() const;
  std::string KeyId() const;        // 16 hex digits
  std::string Fingerprint() const;  // 64 hex digits

  // OK if `signature` is this key's signature of `message`; INVALID_ARGUMENT otherwise.
  absl::Status Verify(const std::string& message, const std::string& signature) const;

 private:
  std::string raw_;
};

// An Ed25519 private key: signs tree heads. Never written anywhere by this class.
class SigningKey {
 public:
  static absl::StatusOr<SigningKey> Generate();
  // From a PEM "PRIVATE KEY" block; INVALID_ARGUMENT if it is not an Ed25519 private key.
  static absl::StatusOr<SigningKey> FromPem(const std::string& pem);

  std::string PrivatePem() const;
  const VerifyingKey& public_key() const { return public_; }
  absl::StatusOr<std::string> Sign(const std::string& message) const;

 private:
  // From an OpenSSL Ed25519 key (EVP_PKEY*, opaque here so that this header needs no OpenSSL).
  static absl::StatusOr<SigningKey> FromPkey(evp_pkey_st* pkey);

  std::string seed_;  // the raw 32-byte private key
  VerifyingKey public_;
};

// OK if `signature` is `key`'s signature of `head`; INVALID_ARGUMENT saying why otherwise.
absl::Status VerifyTreeHead(const TreeHead& head, const std::string& signature,
                            const VerifyingKey& key);

}  // namespace coop::verify

#endif  // COOPLEDGER_VERIFY_TREE_HEAD_H_
