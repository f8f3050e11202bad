#include "domain/text/stream_history.h"

#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "coop/v1/corrections.pb.h"
#include "domain/common/stream_corrections.h"
#include "domain/text/event_sentence.h"
#include "domain/text/event_titles.h"
#include "domain/text/number_format.h"

namespace coop::domain::text {
namespace {

constexpr char kVoided[] = "coop.v1.EventVoided";
constexpr char kAmended[] = "coop.v1.EventAmended";

// "#12 Kiểm tra HTX": the corrected event by its position and title ("#?" and its id if the
// stream does not hold it).
std::string CorrectedEvent(const std::map<std::string, const coop::v1::RecordedEvent*>& by_id,
                           const std::string& event_id, Language language) {
  auto it = by_id.find(event_id);
  if (it == by_id.end()) return absl::StrCat("#? ", event_id);
  const Bilingual* title = EventTitle(it->second->type());
  return absl::StrCat("#", it->second->position(), " ",
                      title != nullptr ? title->In(language) : it->second->type());
}

std::string ReasonClause(const std::string& reason, Language language) {
  if (reason.empty()) return "";
  return absl::StrCat(language == Language::kVietnamese ? "; lý do: " : "; reason: ", reason);
}

// The line of a void or an amendment: what it corrects, the replacement, the reason.
std::string CorrectionSentence(const coop::v1::RecordedEvent& event,
                               const std::map<std::string, const coop::v1::RecordedEvent*>& by_id,
                               Language language, const PersonNotes* people) {
  const Bilingual* title = EventTitle(event.type());
  const std::string head = title->In(language);
  if (event.type() == kVoided) {
    coop::v1::EventVoided voided;
    if (!voided.ParseFromString(event.payload())) return EventSentence(event, language);
    return absl::StrCat(head, ": ", CorrectedEvent(by_id, voided.event_id(), language),
                        ReasonClause(voided.reason(), language));
  }
  coop::v1::EventAmended amended;
  if (!amended.ParseFromString(event.payload())) return EventSentence(event, language);
  std::string text = absl::StrCat(head, ": ", CorrectedEvent(by_id, amended.event_id(), language));
  auto target = by_id.find(amended.event_id());
  if (target != by_id.end()) {
    if (auto replacement = DecodeEventPayload(target->second->type(), amended.replacement())) {
      const std::string details = PayloadDetails(*replacement, event.stream_id(), language, people);
      if (!details.empty()) {
        absl::StrAppend(&text,
                        language == Language::kVietnamese ? ", nay là: " : ", now: ", details);
      }
    }
  }
  absl::StrAppend(&text, ReasonClause(amended.reason(), language));
  return text;
}

// "Đã hủy bỏ (#57): nhập trùng" / "Amended (#58): wrong count".
std::string CorrectionNote(const coop::v1::RecordedEvent& correction, const std::string& reason,
                           Language language) {
  const bool vi = language == Language::kVietnamese;
  const bool voided = correction.type() == kVoided;
  std::string note =
      absl::StrCat(voided ? (vi ? "Đã hủy bỏ" : "Voided") : (vi ? "Đã sửa" : "Amended"), " (#",
                   correction.position(), ")");
  if (!reason.empty()) absl::StrAppend(&note, ": ", reason);
  return note;
}

std::string DateText(const std::string& date, Language language) {
  absl::CivilDay day;
  return absl::ParseCivilTime(date, &day) ? FormatDay(day, language) : date;
}

}  // namespace

coop::v1::HistoryReply StreamHistory(const std::vector<coop::v1::RecordedEvent>& stream,
                                     uint64_t from_version, uint32_t max_count, Language language,
                                     const PersonNotes* people) {
  std::map<std::string, const coop::v1::RecordedEvent*> by_id;
  for (const auto& event : stream) by_id[event.event_id()] = &event;
  // The notes each corrected event gets, in the order of the corrections.
  std::map<std::string, std::vector<std::string>> notes;
  for (const auto& event : stream) {
    std::string target;
    std::string reason;
    if (event.type() == kVoided) {
      coop::v1::EventVoided voided;
      if (!voided.ParseFromString(event.payload())) continue;
      target = voided.event_id();
      reason = voided.reason();
    } else if (event.type() == kAmended) {
      coop::v1::EventAmended amended;
      if (!amended.ParseFromString(event.payload())) continue;
      target = amended.event_id();
      reason = amended.reason();
    } else {
      continue;
    }
    notes[target].push_back(CorrectionNote(event, reason, language));
  }

  coop::v1::HistoryReply reply;
  if (auto withdrawal = WithdrawalOf(stream)) {
    const bool vi = language == Language::kVietnamese;
    reply.set_withdrawn(
        absl::StrCat(vi ? "Bản ghi đã được rút bỏ vì nhập nhầm (#"
                        : "The record was withdrawn as made in error (#",
                     withdrawal->position, withdrawal->occurred_on.empty() ? "" : ", ",
                     DateText(withdrawal->occurred_on, language), ")",
                     withdrawal->reason.empty() ? "" : absl::StrCat(": ", withdrawal->reason)));
  }
  const uint64_t first = from_version == 0 ? 1 : from_version;
  for (const auto& event : stream) {
    if (event.stream_version() < first) continue;
    if (reply.lines_size() == static_cast<int>(max_count)) {
      reply.set_next_from_version(event.stream_version());
      break;
    }
    auto* line = reply.add_lines();
    line->set_position(event.position());
    line->set_stream_version(event.stream_version());
    line->set_event_id(event.event_id());
    line->set_event_type(event.type());
    const Bilingual* title = EventTitle(event.type());
    line->set_title(title != nullptr ? title->In(language) : event.type());
    line->set_sentence(IsCorrection(event) && title != nullptr
                           ? CorrectionSentence(event, by_id, language, people)
                           : EventSentence(event, language, people));
    line->set_occurred_on(event.occurred_on());
    line->set_recorded_at_micros(event.recorded_at_micros());
    line->set_recorded_by(RecordedBy(event.metadata(), language));
    if (auto it = notes.find(event.event_id()); it != notes.end()) {
      line->set_correction(absl::StrJoin(it->second, "; "));
    }
  }
  return reply;
}

}  // namespace coop::domain::text
