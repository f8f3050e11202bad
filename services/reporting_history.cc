// coop.v1.Reporting.GetHistory: a stream's events in sentences (domain/text/stream_history.h),
// read from the log itself. Needs the events-reading permission: the lines name who recorded
// each event. A person the events refer to is named as erased (with the day) or as having no
// details on this node, from the person vault's tombstones — never with any detail.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/iso_date.h"
#include "domain/text/language.h"
#include "domain/text/person_notes.h"
#include "domain/text/stream_history.h"
#include "services/reporting_service.h"

namespace coop::services {
namespace {

constexpr uint32_t kDefaultLines = 100;
constexpr uint32_t kMaxLines = 1000;

// Every event of the stream, page by page; NOT_FOUND (the store's) for a stream without events.
absl::StatusOr<std::vector<coop::v1::RecordedEvent>> WholeStream(eventstore::EventStore* log,
                                                                 const std::string& stream_id) {
  std::vector<coop::v1::RecordedEvent> events;
  coop::v1::ReadStreamRequest read;
  read.set_stream_id(stream_id);
  read.set_direction(coop::v1::FORWARDS);
  read.set_from_version(1);
  for (;;) {
    auto page = log->ReadStream(read);
    if (!page.ok()) return page.status();
    if (page->empty()) return events;
    read.set_from_version(page->back().stream_version() + 1);
    for (auto& event : *page) events.push_back(std::move(event));
  }
}

// What the vault knows of each person the stream refers to.
absl::StatusOr<domain::text::PersonNotes> NotesOn(
    const vault::PersonVault& vault, const std::vector<coop::v1::RecordedEvent>& events) {
  domain::text::PersonNotes notes;
  for (const std::string& ref : domain::text::PersonRefsIn(events)) {
    domain::text::PersonNote note;
    auto held = vault.Holds(ref);
    if (!held.ok()) return held.status();
    if (!*held) {
      note.standing = domain::text::PersonStanding::kNotOnThisNode;
      // INVALID_ARGUMENT: a ref that is no UUID (PLACE-04 allows any opaque one) is none of
      // the vault's.
      auto erasure = vault.ErasureOf(ref);
      if (!erasure.ok() && !absl::IsInvalidArgument(erasure.status())) return erasure.status();
      if (erasure.ok() && erasure->has_value()) {
        note.standing = domain::text::PersonStanding::kErased;
        auto day = base::ParseIsoDate((*erasure)->erased_on());
        if (day.ok()) note.erased_on = *day;
      }
    }
    notes[ref] = note;
  }
  return notes;
}

}  // namespace

grpc::ServerUnaryReactor* ReportingService::GetHistory(grpc::CallbackServerContext* context,
                                                       const coop::v1::HistoryRequest* request,
                                                       coop::v1::HistoryReply* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, request, reply]() -> absl::Status {
        auto language = domain::text::ParseLanguage("lang", request->lang());
        if (!language.ok()) return language.status();
        if (request->stream_id().empty()) {
          return absl::InvalidArgumentError("stream_id: bắt buộc phải có / stream_id is required");
        }
        if (request->max_count() > kMaxLines) {
          return absl::InvalidArgumentError(absl::StrCat(
              "max_count: tối đa ", kMaxLines, " dòng, nhận ", request->max_count(),
              " / max_count must be at most ", kMaxLines, ", got ", request->max_count()));
        }
        auto events = WholeStream(deps_.log, request->stream_id());
        if (!events.ok()) return events.status();
        const uint32_t lines = request->max_count() == 0 ? kDefaultLines : request->max_count();
        domain::text::PersonNotes notes;
        if (deps_.people != nullptr) {
          auto found = NotesOn(*deps_.people, *events);
          if (!found.ok()) return found.status();
          notes = *std::move(found);
        }
        *reply =
            domain::text::StreamHistory(*events, request->from_version(), lines, *language, &notes);
        return absl::OkStatus();
      },
      access::Permission::kReadEvents);
}

}  // namespace coop::services
