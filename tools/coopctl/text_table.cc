#include "tools/coopctl/text_table.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace coop::coopctl {

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string Thousands(int64_t value) {
  const bool negative = value < 0;
  // Via unsigned, so INT64_MIN has a magnitude.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = absl::StrCat(magnitude);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return negative ? absl::StrCat("-", out) : out;
}

void TextTable::AddLine(std::string line) {
  rows_.push_back({std::move(line)});
  lines_.push_back(rows_.size() - 1);
}

std::string TextTable::Render() const {
  auto is_line = [&](size_t row) {
    return std::find(lines_.begin(), lines_.end(), row) != lines_.end();
  };
  std::vector<size_t> widths;
  for (size_t r = 0; r < rows_.size(); ++r) {
    if (is_line(r)) continue;
    const auto& row = rows_[r];
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  std::string out;
  for (size_t r = 0; r < rows_.size(); ++r) {
    const auto& row = rows_[r];
    std::string line;
    if (is_line(r)) {
      line = row.front();
    } else {
      for (size_t c = 0; c < row.size(); ++c) {
        if (c > 0) line += "  ";
        const std::string padding(widths[c] - DisplayWidth(row[c]), ' ');
        const bool right = c < aligns_.size() && aligns_[c] == kRight;
        line += right ? padding + row[c] : row[c] + (c + 1 < row.size() ? padding : "");
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace coop::coopctl
