// The master key of the person vault: 32 bytes that wrap (encrypt) every person's own data key.
// Whoever holds it and the vault folder can read every person's details; losing it loses them
// all. Keep it out of backups of the data folder (or back it up separately) in production.
//
// Key file format: either exactly 32 raw bytes, or 64 hexadecimal digits (either case), with
// optional surrounding whitespace (a trailing newline is fine). A created file holds 64
// lower-case hex digits and a newline.
//
// Permissions: a key file that group or others may read, write or execute (any of mode 077) is
// REFUSED with FAILED_PRECONDITION ("chmod 600 ..."), as ssh does with private keys: a key
// readable by every local user protects nothing, and refusing is the only way such a mistake
// gets noticed. Files created here are created 0600, written and fsynced under a temporary
// name, then linked into place (never overwriting; a crash leaves no partial key file).
//
// Pure apart from file access; thread-safe. The key bytes are wiped on destruction.
#ifndef COOPLEDGER_VAULT_MASTER_KEY_H_
#define COOPLEDGER_VAULT_MASTER_KEY_H_

#include <array>
#include <string>

#include "absl/status/statusor.h"

namespace coop::vault {

class MasterKey {
 public:
  static constexpr size_t kBytes = 32;

  // INVALID_ARGUMENT unless `bytes` is exactly 32 bytes.
  static absl::StatusOr<MasterKey> FromBytes(const std::string& bytes);
  // A fresh random key (OpenSSL's RAND_bytes).
  static absl::StatusOr<MasterKey> Random();
  // The contents of a key file: 32 raw bytes or 64 hex digits (whitespace around is ignored).
  static absl::StatusOr<MasterKey> Parse(const std::string& file_contents);

  MasterKey(const MasterKey& other) = default;
  MasterKey& operator=(const MasterKey& other) = default;
  ~MasterKey();

  const unsigned char* data() const { return bytes_.data(); }
  // 64 lower-case hex digits (what a created key file holds, without the newline).
  std::string Hex() const;

 private:
  MasterKey() = default;
  std::array<unsigned char, kBytes> bytes_{};
};

// Reads a key file. NOT_FOUND if it does not exist; FAILED_PRECONDITION if group or others
// have any permission on it; INVALID_ARGUMENT if it holds neither form.
absl::StatusOr<MasterKey> LoadMasterKey(const std::string& path);

// As LoadMasterKey; when the file does not exist, creates it (mode 0600, never overwriting a
// file created meanwhile) with a fresh random key. `*created` (if given) tells which happened.
absl::StatusOr<MasterKey> LoadOrCreateMasterKey(const std::string& path, bool* created = nullptr);

}  // namespace coop::vault

#endif  // COOPLEDGER_VAULT_MASTER_KEY_H_
