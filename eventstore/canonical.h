// The canonical encoding of an event and its hashes, under the event store's names. The code
// lives in verify/canonical.h, which an auditor's tools share (eventstore/README.md,
// "Canonical encoding", specifies the bytes). Pure; thread-safe.
#ifndef COOPLEDGER_EVENTSTORE_CANONICAL_H_
#define COOPLEDGER_EVENTSTORE_CANONICAL_H_

#include "verify/canonical.h"

namespace coop::eventstore {

using verify::CanonicalEncoding;
using verify::ChainHash;
using verify::HexEncode;
using verify::kCanonicalFormatVersion;
using verify::kHashSize;
using verify::LeafHash;

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_CANONICAL_H_
