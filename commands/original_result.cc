#include "commands/original_result.h"

#include "absl/strings/str_cat.h"
#include "commands/derived_ids.h"

namespace coop::commands {
namespace {

// The command's first event is in another stream, or was recorded for another request.
absl::Status CheckSameCommand(const CommandInput& input, const coop::v1::RecordedEvent& first) {
  const std::string& recorded = first.metadata().command_digest();
  const bool same_stream = first.stream_id() == input.stream_id;
  // Events recorded before digests existed carry none: their stream is all there is to compare.
  const bool same_request = recorded.empty() || input.stamp.command_digest.empty() ||
                            recorded == input.stamp.command_digest;
  if (same_stream && same_request) return absl::OkStatus();
  return absl::AlreadyExistsError(absl::StrCat(
      "header.command_id: ", input.stamp.command_id, " was already used for another command (",
      first.type(), " in stream '", first.stream_id(), "' at position ", first.position(),
      "); a retry repeats its command exactly, a new command takes a new id"));
}

}  // namespace

absl::StatusOr<std::optional<coop::v1::CommandReply>> FindOriginalResult(
    eventstore::EventStore* store, const CommandInput& input) {
  std::optional<coop::v1::CommandReply> reply;
  for (int index = 0;; ++index) {
    auto found = store->FindEvent(DerivedEventId(input.stamp.command_id, index));
    if (!found.ok()) return found.status();
    if (!found->has_value()) return reply;
    if (index == 0) {
      if (auto st = CheckSameCommand(input, **found); !st.ok()) return st;
    }
    if ((*found)->stream_id() != input.stream_id) return reply;
    if (!reply) {
      reply.emplace();
      reply->set_aggregate_id(input.aggregate_id);
      reply->set_stream_id(input.stream_id);
      reply->set_duplicate(true);
    }
    reply->set_version((*found)->stream_version());
    reply->set_position((*found)->position());
  }
}

absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadWholeStream(eventstore::EventStore* store,
                                                                     const std::string& stream_id) {
  std::vector<coop::v1::RecordedEvent> events;
  coop::v1::ReadStreamRequest read;
  read.set_stream_id(stream_id);
  read.set_max_count(1000);
  for (;;) {
    read.set_from_version(events.size() + 1);
    auto page = store->ReadStream(read);
    if (page.status().code() == absl::StatusCode::kNotFound) return events;
    if (!page.ok()) return page.status();
    for (auto& e : *page) events.push_back(std::move(e));
    if (page->size() < read.max_count()) return events;
  }
}

}  // namespace coop::commands
