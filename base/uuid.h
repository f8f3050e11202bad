// UUIDs (event ids, command ids, person refs) in their 36-character text form, stored as 16
// raw bytes.
// Pure functions; thread-safe.
#ifndef COOPLEDGER_BASE_UUID_H_
#define COOPLEDGER_BASE_UUID_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace coop::base {

using UuidBytes = std::array<unsigned char, 16>;

// Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits, either case).
std::optional<UuidBytes> ParseUuid(std::string_view text);
// True if `text` is already in lower-case canonical form. REQUIRES: ParseUuid(text) succeeds.
bool IsCanonicalUuidText(std::string_view text);
// Lower-case canonical text form.
std::string FormatUuid(const UuidBytes& bytes);
// The 16 bytes as a string, for RocksDB keys.
std::string UuidKey(const UuidBytes& bytes);
// A random (version 4) UUID in text form.
std::string NewRandomUuid();
// A name-based (version 5, SHA-1) UUID in text form: the same namespace and name always give
// the same id (RFC 9562 section 5.5). Used to derive event ids from a command id.
std::string NameBasedUuid(const UuidBytes& name_space, std::string_view name);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_UUID_H_
