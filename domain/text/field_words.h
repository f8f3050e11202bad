// What the fields and enum values of recorded events are called in a history sentence, in
// Vietnamese and English: "charter_capital_vnd" → "vốn điều lệ" / "charter capital",
// "COOPERATIVE_UNION" → "liên hiệp HTX" / "cooperative union". Lower case, as the words read
// inside a sentence. Every field and every enum value of every event type the services record
// has words (a test walks the event unions and the messages they nest). Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_FIELD_WORDS_H_
#define COOPLEDGER_DOMAIN_TEXT_FIELD_WORDS_H_

#include <string_view>

#include "domain/text/language.h"

namespace coop::domain::text {

// The words for a field named `field_name` ("charter_capital_vnd"), whatever message holds it;
// nullptr for a name no event field has.
const Bilingual* FieldWords(std::string_view field_name);

// The words for the enum value named `value_name` ("COOPERATIVE_UNION"; value names are unique
// in package coop.v1); nullptr for a name no event enum has.
const Bilingual* EnumValueWords(std::string_view value_name);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_FIELD_WORDS_H_
