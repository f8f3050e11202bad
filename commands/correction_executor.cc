#include "commands/correction_executor.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "commands/event_envelope.h"
#include "commands/original_result.h"
#include "commands/recorder_scope.h"
#include "domain/common/request_checks.h"
#include "domain/common/rules.h"
#include "domain/common/stream_corrections.h"

namespace coop::commands {
namespace {

constexpr int kMaxAttempts = 16;

// Checks the correction against the stream as it stands; on success, the event to append.
// The event is stamped as the command's first event.
absl::StatusOr<coop::v1::ProposedEvent> Decide(const std::vector<coop::v1::RecordedEvent>& stream,
                                               const std::string& stream_id, const Correction& c,
                                               const CommandStamp& command) {
  using domain::Violation;
  if (c.reason.empty()) return Violation("CORR-05", "reason", "is required");
  const auto id = base::ParseUuid(c.event_id);
  if (!id) return Violation("CORR-05", "event_id", "must be a UUID");
  const std::string target_id = base::FormatUuid(*id);
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
  if (c.amend) {
    const auto* type =
        google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(target->type());
    std::unique_ptr<google::protobuf::Message> parsed(
        type ? google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New()
             : nullptr);
    if (parsed == nullptr || !parsed->ParseFromString(c.replacement)) {
      return Violation("CORR-05", "replacement", absl::StrCat("must be a ", target->type()));
    }
    // The replacement passes the checks every command passes, and is stored canonical.
    if (auto st = domain::CheckRequestFields(parsed.get(), "replacement."); !st.ok()) return st;
    std::string replacement;
    parsed->SerializeToString(&replacement);
    event = AmendingEvent(target_id, c.reason, replacement);
  } else {
    event = VoidingEvent(target_id, c.reason);
  }
  // A correction takes the corrected event's business date and area.
  CommandStamp stamp = command;
  stamp.occurred_on = target->occurred_on();
  StampEvent(stamp, target->area(), 0, &event);
  return event;
}

}  // namespace

absl::StatusOr<coop::v1::CommandReply> CorrectionExecutor::Execute(const CommandInput& input,
                                                                   const Correction& correction) {
  if (!base::ParseUuid(input.stamp.command_id)) {
    return absl::InvalidArgumentError("header.command_id: must be a UUID");
  }
  auto original = FindOriginalResult(store_, input);
  if (!original.ok()) return original.status();
  if (original->has_value()) return **original;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto stream = ReadWholeStream(store_, input.stream_id);
    if (!stream.ok()) return stream.status();
    if (input.principal != nullptr && input.principal->role == access::Role::kRecorder) {
      // A recorder corrects only what it may record: the scope of the corrected stream.
      auto area = StreamScopeArea(store_, input.stream_id, *stream, absl::CivilDay::max());
      if (!area.ok()) return area.status();
      if (auto st = CheckRecorderScope(*input.principal, *area,
                                       absl::StrCat("stream '", input.stream_id, "'"));
          !st.ok()) {
        return st;
      }
    }
    auto event = Decide(*stream, input.stream_id, correction, input.stamp);
    if (!event.ok()) return event.status();
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

}  // namespace coop::commands
