// StreamRecorder: builds one stream of the scale history exactly as the command services
// would have written it. Each fact goes through commands::DecideCommand — the aggregate's own
// decider (its descriptor in domain/) against the state folded so far, then the envelope
// every command's events get (commands/event_envelope.h), and the links it names checked
// against the entity's roster (scale_roster.h) — as in the command executor. A fact the
// decider or a link rule refuses is a bug of the generator: Record returns the rule, naming
// the stream and the date.
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
#include "commands/command_decision.h"
#include "commands/event_envelope.h"
#include "coop/v1/eventstore.pb.h"
#include "domain/common/dates.h"
#include "domain/common/decision_context.h"
#include "domain/links/link_rules.h"
#include "domain/links/record_links.h"
#include "tools/scale/scale_dice.h"
#include "tools/scale/scale_roster.h"

namespace coop::scale {

// What every recorder shares: the seed (for command ids), the decision context (today and
// the area check), who recorded the events, and the roster the links are checked against.
struct RecordContext {
  uint64_t seed = 1;
  domain::DecisionContext decision;
  coop::v1::EventMetadata metadata;
  LinkRoster* roster = nullptr;  // required; owned by the HistoryWriter
};
template <typename Aggregate>
class StreamRecorder {
 public:
  using State = typename Aggregate::State;
  using Event = typename Aggregate::Event;

  StreamRecorder(const RecordContext* context, std::string stream_id)
      : context_(context),
        stream_id_(std::move(stream_id)),
        id_(stream_id_.substr(stream_id_.find('-') + 1)) {
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
    // A generated history has no requests, so no command digests.
    const commands::CommandStamp stamp{command_id, domain::FormatDate(day), context_->metadata,
                                       /*command_digest=*/""};
    auto decision =
        commands::DecideCommand<Aggregate>(stamp.occurred_on, fact, state_, context_->decision);
    if (!decision.ok()) return Refused(stamp.occurred_on, decision.status());
    // The links, after the aggregate's own rules, as the command executor checks them.
    for (const domain::Link& link : domain::LinksOf(fact, day)) {
      const domain::NamedRecord named = context_->roster->LookUp(link);
      if (auto st = domain::CheckLink(link, named, id_); !st.ok()) {
        return Refused(stamp.occurred_on, st);
      }
    }
    for (const auto& event : decision->events) {
      context_->roster->template Learn<Aggregate>(id_, day, event);
    }
    const int first = append_.events_size();
    commands::AddDecidedEvents(stamp, *decision, &append_);
    state_ = std::move(decision->after);
    std::vector<std::string> ids;
    for (int i = first; i < append_.events_size(); ++i) ids.push_back(append_.events(i).event_id());
    last_command_id_ = command_id;
    return ids;
  }

  // Voids the event `event_id` of this stream as the Corrections service does: the
  // EventVoided takes the voided event's date and area. `before` is the state before the
  // voided event, which the fold returns to. REQUIRES: the voided event is the last one.
  void Void(const std::string& event_id, const std::string& reason, State before) {
    const coop::v1::ProposedEvent target = append_.events(append_.events_size() - 1);
    const commands::CommandStamp stamp{NextCommandId(), target.occurred_on(), context_->metadata,
                                       /*command_digest=*/""};
    auto* voiding = append_.add_events();
    *voiding = commands::VoidingEvent(event_id, reason);
    commands::StampEvent(stamp, target.area(), 0, voiding);
    state_ = std::move(before);
    context_->roster->template ForgetLast<Aggregate>(id_);
  }

  const State& state() const { return state_; }
  const std::string& stream_id() const { return stream_id_; }
  const std::string& last_command_id() const { return last_command_id_; }
  int events() const { return append_.events_size(); }
  // The stream's events, to append to a store that does not have the stream yet.
  coop::v1::StreamAppend Take() { return std::move(append_); }

 private:
  // A refusal, naming the stream and the date: a bug of the generator.
  absl::Status Refused(const std::string& occurred_on, const absl::Status& status) const {
    return absl::Status(status.code(),
                        absl::StrCat(stream_id_, " on ", occurred_on, ": ", status.message()));
  }

  const RecordContext* context_;
  std::string stream_id_;
  std::string id_;  // the record's id: the stream id after its prefix ("coop-", "group-", …)
  State state_;
  coop::v1::StreamAppend append_;
  int commands_ = 0;
  std::string last_command_id_;
};

}  // namespace coop::scale

#endif  // COOPLEDGER_TOOLS_SCALE_SCALE_RECORDER_H_
