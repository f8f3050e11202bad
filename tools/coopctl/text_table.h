// Plain-text tables for coopctl's human output: columns padded to their widest cell (counted
// in UTF-8 characters, so Vietnamese names line up), two spaces apart, the last column never
// padded. Not thread-safe; one per output.
#ifndef COOPLEDGER_TOOLS_COOPCTL_TEXT_TABLE_H_
#define COOPLEDGER_TOOLS_COOPCTL_TEXT_TABLE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace coop::coopctl {

// Characters of UTF-8 text (continuation bytes not counted).
size_t DisplayWidth(const std::string& text);
// 12400000000 -> "12,400,000,000"; -1500 -> "-1,500".
std::string Thousands(int64_t value);

class TextTable {
 public:
  enum Align { kLeft, kRight };
  // One alignment per column; columns beyond are left-aligned.
  explicit TextTable(std::vector<Align> aligns = {}) : aligns_(std::move(aligns)) {}

  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // A line printed as is, between the rows, not counted in the column widths.
  void AddLine(std::string line);
  bool empty() const { return rows_.empty(); }
  // Every row, each ending in '\n'; trailing blanks trimmed.
  std::string Render() const;

 private:
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> lines_;  // indexes of rows_ that are free lines
};

}  // namespace coop::coopctl

#endif  // COOPLEDGER_TOOLS_COOPCTL_TEXT_TABLE_H_
