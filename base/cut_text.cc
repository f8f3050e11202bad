#include "base/cut_text.h"

#include "absl/strings/str_cat.h"

namespace coop::base {

std::string CutText(const std::string& text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars++ == max_chars) return absl::StrCat(text.substr(0, i), "…");
  }
  return text;
}

}  // namespace coop::base
