// The key of a person in every family of the vault: the person_ref's 16 raw bytes, beside its
// lower-case canonical text (what the associated data and the messages use). Internal to
// vault/. Pure; thread-safe.
#ifndef COOPLEDGER_VAULT_PERSON_KEY_H_
#define COOPLEDGER_VAULT_PERSON_KEY_H_

#include <string>

#include "absl/status/statusor.h"
#include "base/uuid.h"

namespace coop::vault {

struct PersonKey {
  std::string key;   // 16 raw bytes
  std::string text;  // lower-case canonical UUID
};

// INVALID_ARGUMENT naming person_ref if it is not a UUID.
inline absl::StatusOr<PersonKey> ParsePersonKey(const std::string& person_ref) {
  auto uuid = base::ParseUuid(person_ref);
  if (!uuid) return absl::InvalidArgumentError("person_ref: must be a UUID");
  return PersonKey{base::UuidKey(*uuid), base::FormatUuid(*uuid)};
}

}  // namespace coop::vault

#endif  // COOPLEDGER_VAULT_PERSON_KEY_H_
