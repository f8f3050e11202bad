// The reference CSVs of data/reference/, compiled into the binary (see embed_file.cmake and
// CMakeLists.txt). Each view covers the file's exact bytes and lives for the whole program;
// constant-initialised, so safe to use from any thread and from other static initialisers.
// Internal to domain/areas: use AreaCatalog::Reference and SuccessorTable::Reference.
#ifndef COOPLEDGER_DOMAIN_AREAS_EMBEDDED_DATA_H_
#define COOPLEDGER_DOMAIN_AREAS_EMBEDDED_DATA_H_

#include <string_view>

namespace coop::domain::areas::embedded {

extern const std::string_view kUnits2025_03Csv;       // vn_units_2025-03.csv
extern const std::string_view kUnits2025_07Csv;       // vn_units_2025-07.csv
extern const std::string_view kSuccessors2025_07Csv;  // vn_units_2025-07_successors.csv

}  // namespace coop::domain::areas::embedded

#endif  // COOPLEDGER_DOMAIN_AREAS_EMBEDDED_DATA_H_
