#include "verify/tree_head.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/big_endian.h"

namespace coop::verify {
namespace {

constexpr size_t kRawKeySize = 32;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

std::string RawPublic(EVP_PKEY* key) {
  std::string raw(kRawKeySize, '\0');
  size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length) !=
          1 ||
      length != kRawKeySize) {
    return "";
  }
  return raw;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return length > 0 ? std::string(data, static_cast<size_t>(length)) : std::string();
}

Pkey PublicPkey(const std::string& raw) {
  return Pkey(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
}

Pkey PrivatePkey(const std::string& seed) {
  return Pkey(EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), seed.size()));
}

}  // namespace

std::string TreeHeadSignedBytes(const TreeHead& head) {
  std::string bytes(kTreeHeadLabel);
  bytes.push_back('\0');
  base::PutU64(&bytes, head.size);
  base::PutU64(&bytes, static_cast<uint64_t>(head.timestamp_micros));
  bytes.append(head.root);
  return bytes;
}

absl::StatusOr<VerifyingKey> VerifyingKey::FromRaw(const std::string& raw) {
  if (raw.size() != kRawKeySize || PublicPkey(raw) == nullptr) {
    return absl::InvalidArgumentError("not a 32-byte Ed25519 public key");
  }
  VerifyingKey key;
  key.raw_ = raw;
  return key;
}

absl::StatusOr<VerifyingKey> VerifyingKey::FromPem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (pkey == nullptr || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("not a PEM Ed25519 public key (\"BEGIN PUBLIC KEY\")");
  }
  return FromRaw(RawPublic(pkey.get()));
}

std::string VerifyingKey::Pem() const {
  Pkey pkey = PublicPkey(raw_);
  Bio bio(BIO_new(BIO_s_mem()));
  if (pkey == nullptr || bio == nullptr || PEM_write_bio_PUBKEY(bio.get(), pkey.get()) != 1) {
    return "";
  }
  return BioText(bio.get());
}

std::string VerifyingKey::Fingerprint() const {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(raw_.data()), raw_.size(), digest);
  return absl::BytesToHexString(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string VerifyingKey::KeyId() const { return Fingerprint().substr(0, 16); }

absl::Status VerifyingKey::Verify(const std::string& message, const std::string& signature) const {
  Pkey pkey = PublicPkey(raw_);
  MdCtx ctx(EVP_MD_CTX_new());
  if (pkey == nullptr || ctx == nullptr ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) {
    return absl::InternalError("cannot set up an Ed25519 verification");
  }
  if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("the signature is not key ", KeyId(), "'s signature of these bytes"));
  }
  return absl::OkStatus();
}

absl::StatusOr<SigningKey> SigningKey::FromPkey(EVP_PKEY* pkey) {
  std::string seed(kRawKeySize, '\0');
  size_t length = seed.size();
  if (EVP_PKEY_get_raw_private_key(pkey, reinterpret_cast<unsigned char*>(seed.data()), &length) !=
          1 ||
      length != kRawKeySize) {
    return absl::InvalidArgumentError("not a 32-byte Ed25519 private key");
  }
  auto pub = VerifyingKey::FromRaw(RawPublic(pkey));
  if (!pub.ok()) return pub.status();
  SigningKey key;
  key.seed_ = std::move(seed);
  key.public_ = *std::move(pub);
  return key;
}

absl::StatusOr<SigningKey> SigningKey::Generate() {
  Pkey pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (pkey == nullptr) return absl::InternalError("cannot generate an Ed25519 key");
  return FromPkey(pkey.get());
}

absl::StatusOr<SigningKey> SigningKey::FromPem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (pkey == nullptr || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("not a PEM Ed25519 private key (\"BEGIN PRIVATE KEY\")");
  }
  return FromPkey(pkey.get());
}

std::string SigningKey::PrivatePem() const {
  Pkey pkey = PrivatePkey(seed_);
  Bio bio(BIO_new(BIO_s_mem()));
  if (pkey == nullptr || bio == nullptr ||
      PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return "";
  }
  return BioText(bio.get());
}

absl::StatusOr<std::string> SigningKey::Sign(const std::string& message) const {
  Pkey pkey = PrivatePkey(seed_);
  MdCtx ctx(EVP_MD_CTX_new());
  if (pkey == nullptr || ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) {
    return absl::InternalError("cannot set up an Ed25519 signature");
  }
  std::string signature(64, '\0');
  size_t length = signature.size();
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return absl::InternalError("cannot sign with the Ed25519 key");
  }
  signature.resize(length);
  return signature;
}

absl::Status VerifyTreeHead(const TreeHead& head, const std::string& signature,
                            const VerifyingKey& key) {
  if (head.root.size() != 32) {
    return absl::InvalidArgumentError(
        absl::StrCat("a tree head's root has 32 bytes, not ", head.root.size()));
  }
  return key.Verify(TreeHeadSignedBytes(head), signature);
}

}  // namespace coop::verify
