// Sealed values of the person vault (person_vault.h, "Cryptography"): AES-256-GCM with a fresh
// random 96-bit nonce and a 128-bit tag, laid out as version (1) | nonce | ciphertext | tag, and
// authenticated with associated data (the version byte, then a label naming the value's place).
// Internal to vault/. Pure but for OpenSSL's random numbers; thread-safe.
#ifndef COOPLEDGER_VAULT_SEALED_VALUE_H_
#define COOPLEDGER_VAULT_SEALED_VALUE_H_

#include <string>

#include "absl/status/statusor.h"

namespace coop::vault {

// Seals `plaintext` under the 32-byte `key`. INTERNAL if OpenSSL fails.
absl::StatusOr<std::string> Seal(const unsigned char* key, const std::string& label,
                                 const std::string& plaintext);
// Opens a sealed value; DATA_LOSS naming `what` when it has an unknown layout or fails
// authentication (another key, another label, altered bytes).
absl::StatusOr<std::string> Unseal(const unsigned char* key, const std::string& label,
                                   const std::string& sealed, const std::string& what);
// Overwrites a secret before its memory goes.
void Wipe(std::string* s);
// A string's bytes as OpenSSL takes them.
const unsigned char* Bytes(const std::string& s);

}  // namespace coop::vault

#endif  // COOPLEDGER_VAULT_SEALED_VALUE_H_
