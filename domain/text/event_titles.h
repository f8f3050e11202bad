// What each kind of recorded event is called, in Vietnamese and English: "Đăng ký HTX" /
// "Cooperative registered". The title of a history line, and of an event type in lists. Every
// event type the services record has one (a test walks the event unions). Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_EVENT_TITLES_H_
#define COOPLEDGER_DOMAIN_TEXT_EVENT_TITLES_H_

#include <string_view>

#include "domain/text/language.h"

namespace coop::domain::text {

// The title of the event type `full_name` ("coop.v1.CooperativeRegistered"); nullptr for a type
// the services do not record.
const Bilingual* EventTitle(std::string_view full_name);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_EVENT_TITLES_H_
