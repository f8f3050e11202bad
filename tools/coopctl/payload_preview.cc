#include "tools/coopctl/payload_preview.h"

#include <cstdint>

namespace coop::coopctl {
namespace {

// Decodes the UTF-8 sequence at `text[*i]`, advancing *i; nullopt when malformed
// (overlong forms, surrogates and values above U+10FFFF included).
std::optional<uint32_t> DecodeUtf8(const std::string& text, size_t* i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(*i);
  size_t length = 0;
  uint32_t code = 0;
  uint32_t min = 0;
  if (lead < 0x80) {
    ++*i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (*i + length > text.size()) return std::nullopt;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(*i + k) & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (byte(*i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
  *i += length;
  return code;
}

bool IsControl(uint32_t code) { return code < 0x20 || (code >= 0x7F && code <= 0x9F); }

}  // namespace

std::optional<std::string> PayloadPreview(const std::string& payload, size_t max_chars) {
  if (payload.empty()) return std::nullopt;
  std::string out;
  size_t chars = 0;
  bool truncated = false;
  size_t i = 0;
  while (i < payload.size()) {
    size_t start = i;
    std::optional<uint32_t> code = DecodeUtf8(payload, &i);
    if (!code) return std::nullopt;
    if (IsControl(*code) && *code != '\t' && *code != '\n' && *code != '\r') return std::nullopt;
    if (chars >= max_chars) {
      truncated = true;  // keep validating: a binary tail still means "not text"
      continue;
    }
    ++chars;
    switch (*code) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out.append(payload, start, i - start);
    }
  }
  if (truncated) out += "…";
  return out;
}

}  // namespace coop::coopctl
