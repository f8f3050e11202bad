#include "base/uuid.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdio>

namespace coop::base {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsDashPosition(size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

}  // namespace

std::optional<UuidBytes> ParseUuid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  UuidBytes out{};
  size_t byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (IsDashPosition(i)) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    int hi = HexValue(text[i]);
    int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0 || IsDashPosition(i + 1)) return std::nullopt;
    out[byte++] = static_cast<unsigned char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool IsCanonicalUuidText(std::string_view text) {
  for (char c : text) {
    if (c >= 'A' && c <= 'F') return false;
  }
  return true;
}

std::string FormatUuid(const UuidBytes& b) {
  char buf[37];
  std::snprintf(buf, sizeof buf,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return std::string(buf, 36);
}

std::string UuidKey(const UuidBytes& bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::string NewRandomUuid() {
  UuidBytes b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    // OpenSSL's generator failing is not recoverable here; an all-zero id would collide.
    std::abort();
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  return FormatUuid(b);
}

}  // namespace coop::base

namespace coop::base {

std::string NameBasedUuid(const UuidBytes& name_space, std::string_view name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, name_space.data(), name_space.size());
  EVP_DigestUpdate(ctx, name.data(), name.size());
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  UuidBytes b{};
  std::copy(digest, digest + 16, b.begin());
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x50);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  return FormatUuid(b);
}

}  // namespace coop::base
