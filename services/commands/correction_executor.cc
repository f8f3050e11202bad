#include "services/commands/correction_executor.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "coop/v1/corrections.pb.h"
#include "domain/common/rules.h"
#include "domain/common/stream_corrections.h"
#include "eventstore/uuid.h"
#include "services/commands/derived_ids.h"
#include "services/commands/original_result.h"

namespace coop::services {
namespace {

constexpr int kMaxAttempts = 16;

// Checks the correction against the stream as it stands; on success, the event to append.
absl::StatusOr<coop::v1::ProposedEvent> Decide(const std::vector<coop::v1::RecordedEvent>& stream,
                                               const std::string& stream_id, const Correction& c) {
  using domain::Violation;
  if (c.reason.empty()) return Violation("CORR-05", "reason", "is required");
  const auto id = eventstore::ParseUuid(c.event_id);
  if (!id) return Violation("CORR-05", "event_id", "must be a UUID");
  const std::string target_id = eventstore::FormatUuid(*id);
  const coop::v1::RecordedEvent* target = nullptr;
  for (const auto& e : stream) {
    if (e.event_id() == target_id) target = &e;
  }
  if (target == nullptr) {
    return Violation("CORR-01", "event_id",
                     absl::StrCat(target_id, " is not an event of stream ", stream_id));
  }
  if (domain::IsCorrection(*target)) {
    return Violation("CORR-03", "event_id", "is itself a correction; correct the original event");
  }
  bool still_counts = false;
  for (const auto& e : domain::EffectiveEvents(stream)) still_counts |= e.event_id() == target_id;
  if (!still_counts) return Violation("CORR-02", "event_id", "was already voided");
  if (!c.amend && target->stream_version() == 1) {
    return Violation(
        "CORR-04", "event_id",
        absl::StrCat(target->type(), " created the stream; it may be amended, not voided"));
  }
  coop::v1::ProposedEvent event;
  event.set_schema_version(1);
  event.set_occurred_on(target->occurred_on());
  if (target->has_area()) *event.mutable_area() = target->area();
  if (c.amend) {
    const auto* type =
        google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(target->type());
    std::unique_ptr<google::protobuf::Message> parsed(
        type ? google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New()
             : nullptr);
    if (parsed == nullptr || !parsed->ParseFromString(c.replacement)) {
      return Violation("CORR-05", "replacement", absl::StrCat("must be a ", target->type()));
    }
    coop::v1::EventAmended amended;
    amended.set_event_id(target_id);
    amended.set_reason(c.reason);
    amended.set_replacement(c.replacement);
    event.set_type(coop::v1::EventAmended::descriptor()->full_name());
    event.set_payload(amended.SerializeAsString());
  } else {
    coop::v1::EventVoided voided;
    voided.set_event_id(target_id);
    voided.set_reason(c.reason);
    event.set_type(coop::v1::EventVoided::descriptor()->full_name());
    event.set_payload(voided.SerializeAsString());
  }
  return event;
}

}  // namespace

absl::StatusOr<coop::v1::CommandReply> CorrectionExecutor::Execute(const CommandInput& input,
                                                                   const Correction& correction) {
  if (!eventstore::ParseUuid(input.command_id)) {
    return absl::InvalidArgumentError("header.command_id: must be a UUID");
  }
  auto original = FindOriginalResult(store_, input);
  if (!original.ok()) return original.status();
  if (original->has_value()) return **original;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto stream = ReadWholeStream(store_, input.stream_id);
    if (!stream.ok()) return stream.status();
    auto event = Decide(*stream, input.stream_id, correction);
    if (!event.ok()) return event.status();
    event->set_event_id(DerivedEventId(input.command_id, 0));
    *event->mutable_metadata() = input.metadata;
    coop::v1::AppendRequest request;
    auto* append = request.add_streams();
    append->set_stream_id(input.stream_id);
    append->mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
    append->mutable_expected()->set_version(
        input.expected_version.value_or(stream->empty() ? 0 : stream->back().stream_version()));
    *append->add_events() = *std::move(event);
    auto appended = store_->Append(std::move(request));
    if (appended.ok()) {
      coop::v1::CommandReply reply;
      reply.set_aggregate_id(input.aggregate_id);
      reply.set_stream_id(input.stream_id);
      reply.set_version(appended->streams(0).last_version());
      reply.set_position(appended->last_position());
      reply.set_duplicate(appended->duplicate());
      return reply;
    }
    if (appended.status().code() != absl::StatusCode::kAborted || input.expected_version) {
      return appended.status();
    }
  }
  return absl::AbortedError(absl::StrCat("stream '", input.stream_id, "': gave up after ",
                                         kMaxAttempts, " concurrent modifications"));
}

}  // namespace coop::services
