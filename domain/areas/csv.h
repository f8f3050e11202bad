// A small CSV reader for the reference data: comma-separated fields, optional double quotes
// (with "" for a quote inside), LF or CRLF line ends, an optional UTF-8 byte-order mark.
// Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_AREAS_CSV_H_
#define COOPLEDGER_DOMAIN_AREAS_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace coop::domain::areas {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// All records in order, the header row included; blank lines are skipped. INVALID_ARGUMENT
// naming the line for an unterminated quote or text after a closing quote.
absl::StatusOr<std::vector<CsvRecord>> ReadCsv(std::string_view text);

}  // namespace coop::domain::areas

#endif  // COOPLEDGER_DOMAIN_AREAS_CSV_H_
