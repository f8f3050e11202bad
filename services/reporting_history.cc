// coop.v1.Reporting.GetHistory: a stream's events in sentences (domain/text/stream_history.h),
// read from the log itself. Needs the events-reading permission: the lines name who recorded
// each event.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "domain/text/language.h"
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
          return absl::InvalidArgumentError("stream_id is required");
        }
        if (request->max_count() > kMaxLines) {
          return absl::InvalidArgumentError(absl::StrCat("max_count must be at most ", kMaxLines,
                                                         ", got ", request->max_count()));
        }
        auto events = WholeStream(deps_.log, request->stream_id());
        if (!events.ok()) return events.status();
        const uint32_t lines = request->max_count() == 0 ? kDefaultLines : request->max_count();
        *reply = domain::text::StreamHistory(*events, request->from_version(), lines, *language);
        return absl::OkStatus();
      },
      access::Permission::kReadEvents);
}

}  // namespace coop::services
