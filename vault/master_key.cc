#include "vault/master_key.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/secret_file.h"

namespace coop::vault {
namespace {

bool IsHex(const std::string& text) {
  for (char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void Wipe(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(s->data(), s->size());
}

}  // namespace

MasterKey::~MasterKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

absl::StatusOr<MasterKey> MasterKey::FromBytes(const std::string& bytes) {
  if (bytes.size() != kBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("a master key is ", kBytes, " bytes, not ", bytes.size()));
  }
  MasterKey key;
  std::memcpy(key.bytes_.data(), bytes.data(), kBytes);
  return key;
}

absl::StatusOr<MasterKey> MasterKey::Random() {
  MasterKey key;
  if (RAND_bytes(key.bytes_.data(), static_cast<int>(kBytes)) != 1) {
    return absl::InternalError("RAND_bytes failed to make a master key");
  }
  return key;
}

absl::StatusOr<MasterKey> MasterKey::Parse(const std::string& file_contents) {
  if (file_contents.size() == kBytes) return FromBytes(file_contents);  // raw
  std::string text(absl::StripAsciiWhitespace(file_contents));
  if (text.size() == 2 * kBytes && IsHex(text)) {
    std::string raw = absl::HexStringToBytes(text);
    auto key = FromBytes(raw);
    Wipe(&raw);
    Wipe(&text);
    return key;
  }
  Wipe(&text);
  return absl::InvalidArgumentError(absl::StrCat(
      "a master key file holds ", kBytes, " raw bytes or ", 2 * kBytes, " hexadecimal digits"));
}

std::string MasterKey::Hex() const {
  return absl::BytesToHexString(
      std::string(reinterpret_cast<const char*>(bytes_.data()), bytes_.size()));
}

absl::StatusOr<MasterKey> LoadMasterKey(const std::string& path) {
  auto contents = base::ReadSecretFile(path, "master key file");
  if (!contents.ok()) return contents.status();
  auto key = MasterKey::Parse(*contents);
  Wipe(&*contents);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("master key file ", path, ": ", key.status().message()));
  }
  return key;
}

absl::StatusOr<MasterKey> LoadOrCreateMasterKey(const std::string& path, bool* created) {
  if (created) *created = false;
  auto loaded = LoadMasterKey(path);
  if (!absl::IsNotFound(loaded.status())) return loaded;

  auto key = MasterKey::Random();
  if (!key.ok()) return key.status();
  std::string text = key->Hex() + "\n";
  const absl::Status written = base::CreateSecretFile(path, text, "master key file");
  Wipe(&text);
  if (absl::IsAlreadyExists(written)) return LoadMasterKey(path);  // another process won
  if (!written.ok()) return written;
  if (created) *created = true;
  return key;
}

}  // namespace coop::vault
