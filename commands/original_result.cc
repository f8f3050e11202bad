#include "commands/original_result.h"

#include "commands/derived_ids.h"

namespace coop::commands {

absl::StatusOr<std::optional<coop::v1::CommandReply>> FindOriginalResult(
    eventstore::EventStore* store, const CommandInput& input) {
  std::optional<coop::v1::CommandReply> reply;
  for (int index = 0;; ++index) {
    auto found = store->FindEvent(DerivedEventId(input.stamp.command_id, index));
    if (!found.ok()) return found.status();
    if (!found->has_value() || (*found)->stream_id() != input.stream_id) return reply;
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
