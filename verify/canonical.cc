#include "verify/canonical.h"

#include <openssl/evp.h>

#include "base/big_endian.h"
#include "base/uuid.h"

namespace coop::verify {
namespace {

void PutString(std::string* out, const std::string& s) {
  base::PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

std::string Sha256(const std::string& a, const std::string& b) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, a.data(), a.size());
  EVP_DigestUpdate(ctx, b.data(), b.size());
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

std::string CanonicalEncoding(const coop::v1::RecordedEvent& e) {
  std::string out;
  out.reserve(160 + e.payload().size());
  out.append("COOPEVT", 7);
  // Format 1 before principals existed, 2 with a principal, 3 with a command digest too; an
  // event is encoded in the lowest format that holds its fields, so old hashes stay valid.
  const uint16_t version = !e.metadata().command_digest().empty() ? 3
                           : !e.metadata().principal().empty()    ? 2
                                                                  : 1;
  out.push_back(static_cast<char>(version >> 8));
  out.push_back(static_cast<char>(version & 0xFF));
  base::PutU64(&out, e.position());
  PutString(&out, e.stream_id());
  base::PutU64(&out, e.stream_version());
  // The id in its 16 raw bytes; the store only records ids that parse.
  auto id = base::ParseUuid(e.event_id());
  out.append(id ? base::UuidKey(*id) : std::string(16, '\0'));
  PutString(&out, e.type());
  base::PutU32(&out, e.schema_version());
  base::PutU64(&out, static_cast<uint64_t>(e.recorded_at_micros()));
  PutString(&out, e.occurred_on());
  PutString(&out, e.area().code());
  PutString(&out, e.area().unit_set());
  PutString(&out, e.metadata().actor());
  PutString(&out, e.metadata().agency());
  PutString(&out, e.metadata().correlation_id());
  PutString(&out, e.metadata().causation_id());
  PutString(&out, e.metadata().client());
  if (version >= 2) PutString(&out, e.metadata().principal());
  if (version >= 3) PutString(&out, e.metadata().command_digest());
  PutString(&out, e.payload());
  return out;
}

std::string ChainHash(const std::string& prev_hash, const std::string& canonical) {
  return Sha256(prev_hash, canonical);
}

std::string LeafHash(const std::string& canonical) {
  return Sha256(std::string(1, '\0'), canonical);
}

std::string HexEncode(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xF]);
  }
  return out;
}

}  // namespace coop::verify
