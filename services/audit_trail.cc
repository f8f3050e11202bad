#include "services/audit_trail.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "coop/v1/corrections.pb.h"

namespace coop::services {
namespace {

constexpr char kTokenPrefix[] = "p";

absl::Status CheckRequest(const coop::v1::TrailRequest& request) {
  if (request.page_size() > kTrailMaxPageSize) {
    return absl::InvalidArgumentError(absl::StrCat("page_size: tối đa ", kTrailMaxPageSize,
                                                   " mục mỗi trang / page_size: at most ",
                                                   kTrailMaxPageSize, " entries in one page"));
  }
  if (request.recorded_to_micros() != 0 &&
      request.recorded_to_micros() <= request.recorded_from_micros()) {
    return absl::InvalidArgumentError(
        "recorded_to_micros: phải sau recorded_from_micros (hoặc 0 nếu không giới hạn) / "
        "recorded_to_micros: must be after recorded_from_micros (or 0 for no bound)");
  }
  if (request.has_area() && (request.area().code().empty() || request.area().unit_set().empty())) {
    return absl::InvalidArgumentError(
        "area: cần có cả code lẫn unit_set / area: needs both code and unit_set");
  }
  return absl::OkStatus();
}

// The position a page token resumes at.
absl::StatusOr<uint64_t> ParseToken(const std::string& token) {
  uint64_t position = 0;
  if (token.size() < 2 || token.rfind(kTokenPrefix, 0) != 0 ||
      !absl::SimpleAtoi(token.substr(1), &position) || position == 0) {
    return absl::InvalidArgumentError(
        "page_token: không phải mã trang của danh sách này / "
        "page_token: not a token of this trail");
  }
  return position;
}

bool MatchesWho(const coop::v1::TrailRequest& request, const coop::v1::RecordedEvent& event) {
  return (request.actor().empty() || event.metadata().actor() == request.actor()) &&
         (request.agency().empty() || event.metadata().agency() == request.agency()) &&
         event.recorded_at_micros() >= request.recorded_from_micros();
}

// What a void or an amendment corrected; nullopt for any other event. A target the log does
// not hold (or an id that is not one) has position 0; a payload that does not parse says so in
// the reason, so the trail still lists the event.
std::optional<coop::v1::TrailCorrection> CorrectionOf(eventstore::EventStore& log,
                                                      const coop::v1::RecordedEvent& event) {
  coop::v1::TrailCorrection correction;
  bool parsed = true;
  if (event.type() == coop::v1::EventVoided::descriptor()->full_name()) {
    coop::v1::EventVoided voided;
    parsed = voided.ParseFromString(event.payload());
    correction.set_kind("void");
    correction.set_target_event_id(voided.event_id());
    correction.set_reason(voided.reason());
  } else if (event.type() == coop::v1::EventAmended::descriptor()->full_name()) {
    coop::v1::EventAmended amended;
    parsed = amended.ParseFromString(event.payload());
    correction.set_kind("amend");
    correction.set_target_event_id(amended.event_id());
    correction.set_reason(amended.reason());
  } else {
    return std::nullopt;
  }
  if (!parsed) {
    correction.set_reason("(nội dung không đọc được / the payload does not parse)");
    return correction;
  }
  auto target = log.FindEvent(correction.target_event_id());
  if (target.ok() && target->has_value()) {
    correction.set_target_position((*target)->position());
    correction.set_target_type((*target)->type());
  }
  return correction;
}

}  // namespace

absl::StatusOr<coop::v1::TrailReply> ListTrail(eventstore::EventStore& log,
                                               const coop::v1::TrailRequest& request) {
  if (auto st = CheckRequest(request); !st.ok()) return st;
  const uint32_t page_size = request.page_size() == 0 ? kTrailDefaultPageSize : request.page_size();
  // The last position to examine: the head now, or the last one recorded before the range ends.
  uint64_t end = log.GetLogInfo().head_position();
  if (request.recorded_to_micros() != 0) {
    auto last = log.PositionAtTime(request.recorded_to_micros() - 1, /*backwards=*/true);
    if (!last.ok()) return last.status();
    end = std::min(end, *last);
  }
  uint64_t next = 1;
  if (!request.page_token().empty()) {
    auto resumed = ParseToken(request.page_token());
    if (!resumed.ok()) return resumed.status();
    next = *resumed;
  } else if (request.recorded_from_micros() > 0) {
    auto first = log.PositionAtTime(request.recorded_from_micros(), /*backwards=*/false);
    if (!first.ok()) return first.status();
    next = *first;
  }

  eventstore::ReadAllQuery query;
  if (request.has_area()) *query.filter.add_areas() = request.area();
  if (request.corrections_only()) {
    query.filter.add_event_types(coop::v1::EventVoided::descriptor()->full_name());
    query.filter.add_event_types(coop::v1::EventAmended::descriptor()->full_name());
  }
  coop::v1::TrailReply reply;
  uint64_t budget = kTrailScanPerCall;
  uint64_t bytes = 0;
  bool full = false;
  while (!full && budget > 0 && next <= end) {
    query.from_position = next;
    query.max_count = kTrailReadChunk;
    query.max_scan = std::min(budget, end - next + 1);
    auto page = log.ReadAll(query);
    if (!page.ok()) return page.status();
    budget -= std::min(budget, std::max<uint64_t>(page->examined, 1));
    const uint64_t after_page = std::max(page->next_position, next + 1);
    for (auto& event : page->events) {
      if (event.position() > end) break;
      if (!MatchesWho(request, event)) continue;
      bytes += event.payload().size();
      auto* entry = reply.add_entries();
      if (auto correction = CorrectionOf(log, event)) *entry->mutable_correction() = *correction;
      const uint64_t position = event.position();
      *entry->mutable_event() = std::move(event);
      if (static_cast<uint32_t>(reply.entries_size()) >= page_size || bytes >= kTrailMaxBytes) {
        full = true;  // the rest of this read is examined again by the next call
        next = position + 1;
        break;
      }
    }
    if (!full) next = after_page;
  }
  if (next > end) {
    reply.set_examined_to(end);
  } else {
    reply.set_examined_to(next - 1);
    reply.set_next_page_token(absl::StrCat(kTokenPrefix, next));
  }
  return reply;
}

}  // namespace coop::services
