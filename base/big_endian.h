// Fixed-width big-endian integers, as the store's keys and the canonical hash encoding write
// them: byte order is numeric order. Pure functions; thread-safe.
#ifndef COOPLEDGER_BASE_BIG_ENDIAN_H_
#define COOPLEDGER_BASE_BIG_ENDIAN_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace coop::base {

void PutU64(std::string* out, uint64_t v);
void PutU32(std::string* out, uint32_t v);
// REQUIRES: in.size() >= 8 (resp. 4).
uint64_t GetU64(std::string_view in);
uint32_t GetU32(std::string_view in);

}  // namespace coop::base

#endif  // COOPLEDGER_BASE_BIG_ENDIAN_H_
