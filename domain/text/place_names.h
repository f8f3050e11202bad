// The name of an administrative unit as people read it, from its catalogue name ("Huyện U
// Minh", data/vn_units_*.csv): in Vietnamese running text the level word is lower case ("huyện
// U Minh", "xã Khánh An"); in English it follows the name ("U Minh District", "Khánh An
// Commune") or, for a numbered unit, leads ("Ward 1", "District 3").
//
//   Tỉnh → Province, Thành phố → City, Huyện and Quận → District, Thị xã → Town,
//   Xã → Commune, Phường → Ward, Thị trấn → Township, Đặc khu → Special Zone.
//
// A name without a known level word is given as it is. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_PLACE_NAMES_H_
#define COOPLEDGER_DOMAIN_TEXT_PLACE_NAMES_H_

#include <string>

#include "domain/text/language.h"

namespace coop::domain::text {

// In running text: "huyện U Minh" / "U Minh District".
std::string PlaceInText(const std::string& catalogue_name, Language language);

// As a title or table cell: "Huyện U Minh" / "U Minh District".
std::string PlaceTitle(const std::string& catalogue_name, Language language);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_PLACE_NAMES_H_
