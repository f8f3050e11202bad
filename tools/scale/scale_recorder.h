// StreamRecorder: builds one stream of the scale history exactly as the command services
// would have written it. Each fact goes through the aggregate's own decider (the same
// adapter the CommandExecutor uses, services/commands/*_aggregate.h) against the state folded
// so far; the events it returns get the envelope BuildAppend gives them (type and schema
// version from the event-union codec, ids derived from a command id, occurred_on, the
// metadata, and the area the aggregate files them under). A fact the decider refuses is a
// bug of the generator: Record returns the rule, naming the stream and the date.
//
// Not thread-safe: one recorder per stream, used by one thread.
#ifndef COOPLEDGER_TOOLS_SCALE_SCALE_RECORDER_H_
#define COOPLEDGER_TOOLS_SCALE_SCALE_RECORDER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/eventstore.pb.h"
#include "domain/common/dates.h"
#include "domain/common/decision_context.h"
#include "domain/common/event_union_codec.h"
#include "services/commands/derived_ids.h"
#include "tools/scale/scale_dice.h"

namespace coop::scale {

// What every recorder shares: the seed (for command ids), the decision context (today and
// the area check) and who recorded the events.
struct RecordContext {
  uint64_t seed = 1;
  domain::DecisionContext decision;
  coop::v1::EventMetadata metadata;
};

template <typename Aggregate>
class StreamRecorder {
 public:
  using State = typename Aggregate::State;
  using Event = typename Aggregate::Event;

  StreamRecorder(const RecordContext* context, std::string stream_id)
      : context_(context), stream_id_(std::move(stream_id)) {
    append_.set_stream_id(stream_id_);
    append_.mutable_expected()->set_kind(coop::v1::ExpectedVersion::NO_STREAM);
  }

  // A fresh command id for the next command on this stream.
  std::string NextCommandId() {
    return ScaleUuid(context_->seed, absl::StrCat("command/", stream_id_, "/", commands_++));
  }

  // Records `fact` as one command dated `day`; returns the ids of the events it appended.
  absl::StatusOr<std::vector<std::string>> Record(absl::CivilDay day, const Event& fact) {
    return RecordCommand(NextCommandId(), day, fact);
  }
  absl::StatusOr<std::vector<std::string>> RecordCommand(const std::string& command_id,
                                                         absl::CivilDay day, const Event& fact) {
    const std::string on = domain::FormatDate(day);
    auto events = Aggregate::Decide(on, fact, state_, context_->decision);
    if (!events.ok()) {
      return absl::Status(events.status().code(),
                          absl::StrCat(stream_id_, " on ", on, ": ", events.status().message()));
    }
    for (const auto& e : *events) state_ = Aggregate::Evolve(std::move(state_), day, e);
    const coop::v1::Area area = Aggregate::AreaOf(state_);
    std::vector<std::string> ids;
    int index = 0;
    for (const auto& e : *events) {
      auto* proposed = append_.add_events();
      domain::CodecFor<Event>().Encode(e, proposed);
      proposed->set_event_id(services::DerivedEventId(command_id, index++));
      proposed->set_occurred_on(on);
      *proposed->mutable_metadata() = context_->metadata;
      proposed->mutable_metadata()->set_correlation_id(command_id);
      if (!area.code().empty()) *proposed->mutable_area() = area;
      ids.push_back(proposed->event_id());
    }
    last_command_id_ = command_id;
    return ids;
  }

  // Voids the event `event_id` of this stream as the Corrections service does: the
  // EventVoided takes the voided event's date and area. `before` is the state before the
  // voided event, which the fold returns to. REQUIRES: the voided event is the last one.
  void Void(const std::string& event_id, const std::string& reason, State before) {
    const coop::v1::ProposedEvent target = append_.events(append_.events_size() - 1);
    const std::string command_id = NextCommandId();
    coop::v1::EventVoided voided;
    voided.set_event_id(event_id);
    voided.set_reason(reason);
    auto* proposed = append_.add_events();
    proposed->set_event_id(services::DerivedEventId(command_id, 0));
    proposed->set_type(coop::v1::EventVoided::descriptor()->full_name());
    proposed->set_schema_version(1);
    proposed->set_payload(voided.SerializeAsString());
    proposed->set_occurred_on(target.occurred_on());
    if (target.has_area()) *proposed->mutable_area() = target.area();
    *proposed->mutable_metadata() = context_->metadata;
    proposed->mutable_metadata()->set_correlation_id(command_id);
    state_ = std::move(before);
  }

  const State& state() const { return state_; }
  const std::string& stream_id() const { return stream_id_; }
  const std::string& last_command_id() const { return last_command_id_; }
  int events() const { return append_.events_size(); }
  // The stream's events, to append to a store that does not have the stream yet.
  coop::v1::StreamAppend Take() { return std::move(append_); }

 private:
  const RecordContext* context_;
  std::string stream_id_;
  State state_;
  coop::v1::StreamAppend append_;
  int commands_ = 0;
  std::string last_command_id_;
};

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_RECORDER_H_
