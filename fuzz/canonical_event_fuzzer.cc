// Fuzz target 1: the canonical encoding of a recorded event and the hashes of the chain
// (eventstore/canonical.h), and the chain verifier that relies on them
// (eventstore/staging/chain_verifier.h).
//
// Input: a serialized coop.v1.RecordedEvent, the value format of the log's `events` column
// family. Properties, each an abort when broken:
//   - the encoding is deterministic, also for a copy of the event through its wire format;
//   - it follows eventstore/README.md byte by byte: read back with the spec's own layout
//     (CanonicalReader below), it gives every field of the event, in the lowest format that
//     holds them, and nothing after the payload; so two events whose fields differ never share
//     an encoding — except through the event id, kept as 16 bytes, not as text;
//   - hence tamper evidence: an event the verifier accepts with its hashes recomputed has the
//     id text the store writes (lower-case canonical UUID), so no field a reader sees can be
//     changed without changing the hash;
//   - hashes are 32 bytes, deterministic, the chain hash depends on the previous hash, and the
//     leaf hash differs from the chain hash; HexEncode gives two lower-case digits a byte.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/big_endian.h"
#include "base/uuid.h"
#include "coop/v1/event.pb.h"
#include "eventstore/canonical.h"
#include "eventstore/staging/chain_verifier.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/quiet_protobuf.h"

namespace coop::fuzz {
namespace {

// Reads the encoding's parts in order; any read past the end sets failed().
class CanonicalReader {
 public:
  explicit CanonicalReader(std::string_view bytes) : rest_(bytes) {}

  std::string_view Bytes(size_t n) {
    if (failed_ || rest_.size() < n) {
      failed_ = true;
      return {};
    }
    std::string_view out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return out;
  }
  uint16_t U16() {
    std::string_view b = Bytes(2);
    return failed_ ? 0
                   : static_cast<uint16_t>((static_cast<uint8_t>(b[0]) << 8) |
                                           static_cast<uint8_t>(b[1]));
  }
  uint32_t U32() {
    std::string_view b = Bytes(4);
    return failed_ ? 0 : base::GetU32(b);
  }
  uint64_t U64() {
    std::string_view b = Bytes(8);
    return failed_ ? 0 : base::GetU64(b);
  }
  std::string Str() { return std::string(Bytes(U32())); }

  bool failed() const { return failed_; }
  bool at_end() const { return rest_.empty(); }

 private:
  std::string_view rest_;
  bool failed_ = false;
};

// The 16 bytes the encoding keeps of an event id: the UUID, or zeros if it does not parse.
std::string IdBytes(const std::string& event_id) {
  std::optional<base::UuidBytes> id = base::ParseUuid(event_id);
  return id ? base::UuidKey(*id) : std::string(16, '\0');
}

void CheckLayout(const coop::v1::RecordedEvent& e, const std::string& canonical) {
  const auto& m = e.metadata();
  const uint16_t lowest = !m.command_digest().empty() ? 3 : !m.principal().empty() ? 2 : 1;
  CanonicalReader in(canonical);
  COOP_FUZZ_CHECK(in.Bytes(7) == "COOPEVT", "magic");
  const uint16_t version = in.U16();
  COOP_FUZZ_CHECK(version == lowest, "the lowest format that holds the fields");
  COOP_FUZZ_CHECK(in.U64() == e.position(), "position");
  COOP_FUZZ_CHECK(in.Str() == e.stream_id(), "stream id");
  COOP_FUZZ_CHECK(in.U64() == e.stream_version(), "stream version");
  COOP_FUZZ_CHECK(in.Bytes(16) == IdBytes(e.event_id()), "event id bytes");
  COOP_FUZZ_CHECK(in.Str() == e.type(), "type");
  COOP_FUZZ_CHECK(in.U32() == e.schema_version(), "schema version");
  COOP_FUZZ_CHECK(in.U64() == static_cast<uint64_t>(e.recorded_at_micros()), "recorded_at");
  COOP_FUZZ_CHECK(in.Str() == e.occurred_on(), "occurred_on");
  COOP_FUZZ_CHECK(in.Str() == e.area().code(), "area code");
  COOP_FUZZ_CHECK(in.Str() == e.area().unit_set(), "area unit set");
  COOP_FUZZ_CHECK(in.Str() == m.actor(), "actor");
  COOP_FUZZ_CHECK(in.Str() == m.agency(), "agency");
  COOP_FUZZ_CHECK(in.Str() == m.correlation_id(), "correlation id");
  COOP_FUZZ_CHECK(in.Str() == m.causation_id(), "causation id");
  COOP_FUZZ_CHECK(in.Str() == m.client(), "client");
  if (version >= 2) COOP_FUZZ_CHECK(in.Str() == m.principal(), "principal");
  if (version >= 3) COOP_FUZZ_CHECK(in.Str() == m.command_digest(), "command digest");
  COOP_FUZZ_CHECK(in.Str() == e.payload(), "payload");
  COOP_FUZZ_CHECK(!in.failed() && in.at_end(), "nothing after the payload");
}

void CheckHashes(const std::string& prev_hash, const std::string& canonical) {
  const std::string chain = eventstore::ChainHash(prev_hash, canonical);
  const std::string leaf = eventstore::LeafHash(canonical);
  COOP_FUZZ_CHECK(chain.size() == eventstore::kHashSize, "chain hash size");
  COOP_FUZZ_CHECK(leaf.size() == eventstore::kHashSize, "leaf hash size");
  COOP_FUZZ_CHECK(chain == eventstore::ChainHash(prev_hash, canonical), "chain hash deterministic");
  COOP_FUZZ_CHECK(leaf == eventstore::LeafHash(canonical), "leaf hash deterministic");
  COOP_FUZZ_CHECK(chain != leaf, "chain and leaf hashes differ");
  std::string other_prev = prev_hash;
  other_prev[0] = static_cast<char>(other_prev[0] ^ 1);
  COOP_FUZZ_CHECK(chain != eventstore::ChainHash(other_prev, canonical),
                  "the chain hash depends on the previous hash");
  const std::string hex = eventstore::HexEncode(chain);
  COOP_FUZZ_CHECK(hex.size() == 2 * chain.size(), "hex size");
  COOP_FUZZ_CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos, "hex digits");
}

// The event with its hashes recomputed, as a tamperer who rewrites it would store it: if the
// verifier accepts it, the hash must have pinned everything a reader sees.
void CheckVerifierPinsTheEvent(coop::v1::RecordedEvent e, const std::string& prev_hash,
                               const std::string& canonical) {
  if (e.position() == 0) return;  // positions start at 1
  e.set_prev_hash(prev_hash);
  e.set_hash(eventstore::ChainHash(prev_hash, canonical));
  e.set_leaf_hash(eventstore::LeafHash(canonical));
  eventstore::ChainVerifier verifier(e.position(), e.position(), prev_hash);
  if (!verifier.Next(e.position(), &e)) return;
  std::optional<base::UuidBytes> id = base::ParseUuid(e.event_id());
  COOP_FUZZ_CHECK(id && base::FormatUuid(*id) == e.event_id(),
                  "a verified event's id text is the one its hash covers");
}

int TestOneInput(const uint8_t* data, size_t size) {
  QuietProtobuf();
  coop::v1::RecordedEvent event;
  if (!event.ParseFromArray(data, static_cast<int>(size))) return 0;
  const std::string canonical = eventstore::CanonicalEncoding(event);
  COOP_FUZZ_CHECK(canonical == eventstore::CanonicalEncoding(event), "deterministic");
  coop::v1::RecordedEvent copy;
  COOP_FUZZ_CHECK(copy.ParseFromString(event.SerializeAsString()), "the event's own bytes parse");
  COOP_FUZZ_CHECK(canonical == eventstore::CanonicalEncoding(copy), "same event, same encoding");
  CheckLayout(event, canonical);
  // The previous hash is the stored one if it has the right size.
  const std::string prev_hash = event.prev_hash().size() == eventstore::kHashSize
                                    ? event.prev_hash()
                                    : std::string(eventstore::kHashSize, '\0');
  CheckHashes(prev_hash, canonical);
  CheckVerifierPinsTheEvent(event, prev_hash, canonical);
  return 0;
}

}  // namespace
}  // namespace coop::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return coop::fuzz::TestOneInput(data, size);
}
