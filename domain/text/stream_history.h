// A stream's history for people (coop.v1.Reporting.GetHistory): each event as a line with its
// sentence (event_sentence.h), who recorded it, and what later corrected it; a correction's own
// line names the event it corrects by position and title:
//
//   #12 Kiểm tra HTX: …                    correction: "Đã hủy bỏ (#57): nhập trùng"
//   #57 Hủy bản ghi nhập nhầm: #12 Kiểm tra HTX; lý do: nhập trùng
//
// Nothing is left out: history keeps voided events and the corrections beside them. A person
// reference reads with what the node knows of the person (`people`, person_notes.h): erased on
// a date, or details not on this node. Pure; thread-safe.
#ifndef COOPLEDGER_DOMAIN_TEXT_STREAM_HISTORY_H_
#define COOPLEDGER_DOMAIN_TEXT_STREAM_HISTORY_H_

#include <cstdint>
#include <vector>

#include "coop/v1/event.pb.h"
#include "coop/v1/reporting.pb.h"
#include "domain/text/language.h"
#include "domain/text/person_notes.h"

namespace coop::domain::text {

// The page of `stream` (all its events, in version order) that starts at `from_version` (0 or
// 1: the first) and holds at most `max_count` (> 0) lines; next_from_version is 0 when the page
// reaches the stream's end. `withdrawn` is set when the record was withdrawn, whichever page.
coop::v1::HistoryReply StreamHistory(const std::vector<coop::v1::RecordedEvent>& stream,
                                     uint64_t from_version, uint32_t max_count, Language language,
                                     const PersonNotes* people = nullptr);

}  // namespace coop::domain::text

#endif  // COOPLEDGER_DOMAIN_TEXT_STREAM_HISTORY_H_
