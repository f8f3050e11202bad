#include "tools/bench/random_data.h"

#include <cstring>
#include <random>

namespace coop::bench {
namespace {

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t SplitMix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

Rng::Rng() {
  std::random_device device;
  uint64_t seed = (static_cast<uint64_t>(device()) << 32) ^ device();
  for (uint64_t& s : s_) s = SplitMix(seed);
}

uint64_t Rng::Next() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

uint64_t Rng::Below(uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

void Rng::Fill(char* out, size_t n) {
  while (n >= 8) {
    uint64_t v = Next();
    std::memcpy(out, &v, 8);
    out += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t v = Next();
    std::memcpy(out, &v, n);
  }
}

void FillUuidV4(Rng& rng, std::string* out) {
  unsigned char b[16];
  rng.Fill(reinterpret_cast<char*>(b), sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  out->resize(36);
  char* p = out->data();
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
    *p++ = kHex[b[i] >> 4];
    *p++ = kHex[b[i] & 0x0f];
  }
}

std::string NewUuidV4(Rng& rng) {
  std::string s;
  FillUuidV4(rng, &s);
  return s;
}

std::string RandomBytes(Rng& rng, size_t n) {
  std::string s(n, '\0');
  rng.Fill(s.data(), n);
  return s;
}

std::string NewRunId() {
  Rng rng;
  std::string id(12, '0');
  uint64_t v = rng.Next();
  for (char& c : id) {
    c = kHex[v & 0x0f];
    v >>= 4;
  }
  return id;
}

}  // namespace coop::bench
