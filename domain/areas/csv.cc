#include "domain/areas/csv.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace coop::domain::areas {
namespace {

absl::Status Malformed(int line, const char* what) {
  return absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", what));
}

}  // namespace

absl::StatusOr<std::vector<CsvRecord>> ReadCsv(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  bool quoted = false;     // the current field began with a quote
  bool in_quotes = false;  // inside that quote
  int line = 1;
  record.line = 1;

  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_record = [&] {
    const bool blank = record.fields.empty() && field.empty() && !quoted;
    if (!blank) {
      end_field();
      records.push_back(std::move(record));
    }
    record = CsvRecord();
    record.line = line;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    switch (c) {
      case ',':
        end_field();
        break;
      case '\n':
        ++line;
        end_record();
        break;
      case '"':
        if (quoted || !field.empty()) return Malformed(line, "a quote inside an unquoted field");
        quoted = in_quotes = true;
        break;
      default:
        if (quoted) return Malformed(line, "text after a closing quote");
        field += c;
    }
  }
  if (in_quotes) return Malformed(record.line, "a quote that is never closed");
  end_record();
  return records;
}

}  // namespace coop::domain::areas
