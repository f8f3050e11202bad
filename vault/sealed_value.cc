#include "vault/sealed_value.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "absl/strings/str_cat.h"

namespace coop::vault {
namespace {

constexpr unsigned char kFormatVersion = 1;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

// Frees the context on every path.
struct CipherContext {
  CipherContext() : ctx(EVP_CIPHER_CTX_new()) {}
  ~CipherContext() { EVP_CIPHER_CTX_free(ctx); }
  CipherContext(const CipherContext&) = delete;
  CipherContext& operator=(const CipherContext&) = delete;
  EVP_CIPHER_CTX* ctx;
};

// The associated data of a sealed value: its version byte, then its label.
std::string AssociatedData(const std::string& label) {
  return absl::StrCat(std::string(1, static_cast<char>(kFormatVersion)), label);
}

}  // namespace

void Wipe(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(s->data(), s->size());
}

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// AES-256-GCM: version | nonce | ciphertext | tag.
absl::StatusOr<std::string> Seal(const unsigned char* key, const std::string& label,
                                 const std::string& plaintext) {
  const std::string ad = AssociatedData(label);
  std::string out(1 + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  out[0] = static_cast<char>(kFormatVersion);
  auto* nonce = reinterpret_cast<unsigned char*>(&out[1]);
  auto* body = nonce + kNonceBytes;
  if (RAND_bytes(nonce, static_cast<int>(kNonceBytes)) != 1) {
    return absl::InternalError("RAND_bytes failed to make a nonce");
  }
  CipherContext c;
  int len = 0;
  bool ok = c.ctx != nullptr &&
            EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
            EVP_EncryptInit_ex(c.ctx, nullptr, nullptr, key, nonce) == 1 &&
            EVP_EncryptUpdate(c.ctx, nullptr, &len, Bytes(ad), static_cast<int>(ad.size())) == 1;
  if (ok && !plaintext.empty()) {
    ok = EVP_EncryptUpdate(c.ctx, body, &len, Bytes(plaintext),
                           static_cast<int>(plaintext.size())) == 1;
  }
  unsigned char* tag = body + plaintext.size();
  ok = ok && EVP_EncryptFinal_ex(c.ctx, tag, &len) == 1 &&
       EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, tag) == 1;
  if (!ok) return absl::InternalError("AES-256-GCM encryption failed");
  return out;
}

absl::StatusOr<std::string> Unseal(const unsigned char* key, const std::string& label,
                                   const std::string& sealed, const std::string& what) {
  if (sealed.size() < 1 + kNonceBytes + kTagBytes) {
    return absl::DataLossError(
        absl::StrCat(what, ": stored value is truncated (", sealed.size(), " bytes)"));
  }
  if (static_cast<unsigned char>(sealed[0]) != kFormatVersion) {
    return absl::DataLossError(
        absl::StrCat(what, ": unknown value format version ",
                     static_cast<int>(static_cast<unsigned char>(sealed[0]))));
  }
  const std::string ad = AssociatedData(label);
  const unsigned char* nonce = Bytes(sealed) + 1;
  const unsigned char* body = nonce + kNonceBytes;
  const size_t body_size = sealed.size() - 1 - kNonceBytes - kTagBytes;
  // The tag is passed through a copy: EVP_CTRL_GCM_SET_TAG takes a non-const pointer.
  std::string tag = sealed.substr(sealed.size() - kTagBytes);
  std::string plaintext(body_size, '\0');
  CipherContext c;
  int len = 0;
  bool ok = c.ctx != nullptr &&
            EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
            EVP_DecryptInit_ex(c.ctx, nullptr, nullptr, key, nonce) == 1 &&
            EVP_DecryptUpdate(c.ctx, nullptr, &len, Bytes(ad), static_cast<int>(ad.size())) == 1;
  if (ok && body_size > 0) {
    ok = EVP_DecryptUpdate(c.ctx, reinterpret_cast<unsigned char*>(plaintext.data()), &len, body,
                           static_cast<int>(body_size)) == 1;
  }
  ok = ok && EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1;
  unsigned char final_block[16];
  if (!ok || EVP_DecryptFinal_ex(c.ctx, final_block, &len) != 1) {
    Wipe(&plaintext);
    return absl::DataLossError(absl::StrCat(
        what,
        ": AES-256-GCM authentication failed (tag mismatch): the master key is not the one "
        "it was written with, or the stored bytes were altered"));
  }
  return plaintext;
}

}  // namespace coop::vault
