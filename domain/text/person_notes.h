// What a node knows of the people a history names, for its sentences: a person_ref whose
// details were erased reads "… (đã xoá dữ liệu cá nhân ngày 05/12/2026)" / "… (personal data
// erased on 5 December 2026)", one whose details are not on this node (e.g. a node restored
// from an export, which carries no personal data) "… (không có thông tin cá nhân trên máy chủ
// này)" / "… (details not on this node)". The server fills the notes from the person vault
// (services/reporting_history.cc); this code never sees a person's details. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_PERSON_NOTES_H_
#define COOPLEDGER_DOMAIN_TEXT_PERSON_NOTES_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "coop/v1/event.pb.h"
#include "domain/text/language.h"

namespace coop::domain::text {

enum class PersonStanding {
  kPresent,        // the vault holds the details: nothing to say
  kErased,         // erased (ForgetPerson) on erased_on
  kNotOnThisNode,  // neither held nor erased here
};

struct PersonNote {
  PersonStanding standing = PersonStanding::kPresent;
  absl::CivilDay erased_on;  // kErased only
};

// By person_ref, as the events write it.
using PersonNotes = std::map<std::string, PersonNote>;

// Whether a field of that name holds a person reference: "person_ref" and every "…_ref"
// (legal_representative_ref, representative_ref).
bool IsPersonRefField(std::string_view field_name);

// Every person reference the events' payloads set (at any depth), for the server to look up.
std::set<std::string> PersonRefsIn(const std::vector<coop::v1::RecordedEvent>& events);

// The note's words, without parentheses; "" for kPresent.
std::string PersonNoteText(const PersonNote& note, Language language);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_PERSON_NOTES_H_
