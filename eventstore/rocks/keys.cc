#include "eventstore/rocks/keys.h"

#include "base/big_endian.h"

namespace coop::eventstore::keys {

std::string EventKey(uint64_t position) {
  std::string k;
  base::PutU64(&k, position);
  return k;
}

std::string StreamIndexPrefix(std::string_view stream_id) {
  std::string k(stream_id);
  k.push_back('\0');
  return k;
}

std::string StreamIndexKey(std::string_view stream_id, uint64_t version) {
  std::string k = StreamIndexPrefix(stream_id);
  base::PutU64(&k, version);
  return k;
}

std::string MerkleNodeKey(int level, uint64_t index) {
  std::string k(1, static_cast<char>(level));
  base::PutU64(&k, index);
  return k;
}

std::string TimeIndexKey(int64_t recorded_at_micros, uint64_t position) {
  std::string k;
  base::PutU64(&k, static_cast<uint64_t>(recorded_at_micros < 0 ? 0 : recorded_at_micros));
  base::PutU64(&k, position);
  return k;
}

std::string AreaIndexPrefix(std::string_view unit_set, std::string_view code) {
  std::string k(unit_set);
  k.push_back('\0');
  k.append(code);
  k.push_back('\0');
  return k;
}

std::string AreaIndexKey(std::string_view unit_set, std::string_view code, uint64_t position) {
  std::string k = AreaIndexPrefix(unit_set, code);
  base::PutU64(&k, position);
  return k;
}

std::string EncodeStreamHead(const StreamHead& h) {
  std::string v;
  base::PutU64(&v, h.version);
  base::PutU64(&v, h.first_position);
  base::PutU64(&v, h.last_position);
  base::PutU64(&v, static_cast<uint64_t>(h.created_at_micros));
  base::PutU64(&v, static_cast<uint64_t>(h.last_recorded_at_micros));
  return v;
}

bool DecodeStreamHead(std::string_view in, StreamHead* h) {
  if (in.size() != 40) return false;
  h->version = base::GetU64(in.substr(0));
  h->first_position = base::GetU64(in.substr(8));
  h->last_position = base::GetU64(in.substr(16));
  h->created_at_micros = static_cast<int64_t>(base::GetU64(in.substr(24)));
  h->last_recorded_at_micros = static_cast<int64_t>(base::GetU64(in.substr(32)));
  return true;
}

std::string EncodeLogHead(const LogHead& h) {
  std::string v;
  base::PutU64(&v, h.position);
  v.append(h.chain_hash);
  base::PutU64(&v, static_cast<uint64_t>(h.last_recorded_at_micros));
  return v;
}

bool DecodeLogHead(std::string_view in, LogHead* h) {
  if (in.size() != 48) return false;
  h->position = base::GetU64(in);
  h->chain_hash = std::string(in.substr(8, 32));
  h->last_recorded_at_micros = static_cast<int64_t>(base::GetU64(in.substr(40)));
  return true;
}

}  // namespace coop::eventstore::keys
