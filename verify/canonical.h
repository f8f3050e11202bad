// The canonical, language-independent encoding of a recorded event and the hashes built on it
// (hash chain and RFC 9162 leaf hash). Specified byte by byte in eventstore/README.md; a
// change here is a new format version. Here in verify/ because an auditor's tools rebuild the
// same bytes from an export without the server (the event store uses it through
// eventstore/canonical.h). Pure functions; thread-safe.
#ifndef COOPLEDGER_VERIFY_CANONICAL_H_
#define COOPLEDGER_VERIFY_CANONICAL_H_

#include <cstdint>
#include <string>

#include "coop/v1/event.pb.h"

namespace coop::verify {

// The newest format: 2 adds the metadata's principal after the client, 3 the command digest
// after the principal. An event is encoded in the lowest format that holds its fields (one
// whose principal and digest are empty in format 1, byte for byte as before format 2
// existed), so logs written earlier verify unchanged.
inline constexpr uint16_t kCanonicalFormatVersion = 3;
inline constexpr size_t kHashSize = 32;

// Every field of the event except prev_hash, hash and leaf_hash.
std::string CanonicalEncoding(const coop::v1::RecordedEvent& event);
// SHA-256(prev_hash ‖ canonical). REQUIRES: prev_hash.size() == 32.
std::string ChainHash(const std::string& prev_hash, const std::string& canonical);
// RFC 9162 leaf hash: SHA-256(0x00 ‖ canonical).
std::string LeafHash(const std::string& canonical);
// Lower-case hex, for messages and tools.
std::string HexEncode(const std::string& bytes);

}  // namespace coop::verify

#endif  // COOPLEDGER_VERIFY_CANONICAL_H_
