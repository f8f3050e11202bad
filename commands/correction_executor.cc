#include "commands/correction_executor.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "base/uuid.h"
#include "commands/code_reservation.h"
#include "commands/command_decision.h"
#include "commands/correction_check.h"
#include "commands/event_envelope.h"
#include "commands/link_check.h"
#include "commands/original_result.h"
#include "commands/record_references.h"
#include "commands/recorder_scope.h"
#include "commands/request_terms.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/corrections.pb.h"
#include "domain/common/dates.h"
#include "domain/common/request_checks.h"
#include "domain/common/rules.h"
#include "domain/common/stream_corrections.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "domain/group/group_aggregate.h"
#include "domain/hall/hall_aggregate.h"
#include "domain/person/person_aggregate.h"
#include "domain/programs/class_aggregate.h"
#include "domain/programs/grant_aggregate.h"
#include "domain/programs/ocop_aggregate.h"
#include "domain/programs/placement_aggregate.h"
#include "domain/programs/plan_aggregate.h"

namespace coop::commands {
namespace {

constexpr int kMaxAttempts = 16;

using Stream = std::vector<coop::v1::RecordedEvent>;

// What a correction appends: its event, and the code streams it changes: an amended
// cooperative code's reservation, or the releases of a withdrawn cooperative's codes.
struct Decided {
  coop::v1::ProposedEvent event;
  std::vector<coop::v1::StreamAppend> code_streams;
};

// The aggregate's rules for one domain stream (correction_check.h), the refusal of a
// replacement named in the request's terms (replacement.<field>).
struct AggregateRules {
  absl::string_view prefix;
  absl::StatusOr<std::string> (*amend)(eventstore::EventStore*, const Stream&,
                                       const coop::v1::RecordedEvent&,
                                       const std::string& replacement,
                                       const std::string& aggregate_id,
                                       const domain::DecisionContext&);
  absl::Status (*void_)(const Stream&, const coop::v1::RecordedEvent&,
                        const domain::DecisionContext&);
};

template <typename Aggregate>
absl::StatusOr<std::string> Amend(eventstore::EventStore* store, const Stream& stream,
                                  const coop::v1::RecordedEvent& target,
                                  const std::string& replacement, const std::string& aggregate_id,
                                  const domain::DecisionContext& ctx) {
  coop::v1::RecordedEvent as_sent = target;
  as_sent.set_payload(replacement);
  typename Aggregate::Event fact;
  if (!domain::CodecFor<typename Aggregate::Event>().Decode(as_sent, &fact)) {
    return domain::Violation("CORR-05", "replacement", absl::StrCat("must be a ", target.type()));
  }
  auto checked = CheckAmendment<Aggregate>(stream, target, fact, aggregate_id, ctx);
  // The records the replacement names, as a command's (a grant moved to a missing cooperative).
  if (checked.ok()) {
    auto st = CheckLinksOf(store, fact, target.occurred_on(), aggregate_id);
    if (st.ok()) return checked;
    checked = st;
  }
  // The rules named the fields of the event union; the caller sent them as `replacement`.
  return RequestTerms::ForField(fact, "replacement").Rewrite(checked.status());
}

template <typename Aggregate>
AggregateRules RulesOf() {
  return {Aggregate::kStreamPrefix, &Amend<Aggregate>, &CheckVoid<Aggregate>};
}

// The rules of the aggregate whose stream `stream_id` is; nullptr for another stream.
const AggregateRules* RulesFor(const std::string& stream_id) {
  static const AggregateRules kRules[] = {
      RulesOf<domain::CooperativeAggregate>(), RulesOf<domain::GroupAggregate>(),
      RulesOf<domain::HallAggregate>(),        RulesOf<domain::ClassAggregate>(),
      RulesOf<domain::GrantAggregate>(),       RulesOf<domain::OcopAggregate>(),
      RulesOf<domain::PlacementAggregate>(),   RulesOf<domain::PlanAggregate>(),
  };
  for (const auto& rules : kRules) {
    if (absl::StartsWith(stream_id, rules.prefix)) return &rules;
  }
  return nullptr;
}

// CORR-05: the replacement parsed as the corrected event's type and checked field by field.
absl::Status CheckReplacementForm(const coop::v1::RecordedEvent& target, const Correction& c) {
  using domain::Violation;
  if (c.replacement_type.empty()) {
    return Violation("CORR-05", "replacement_type",
                     absl::StrCat("is required: the corrected event is a ", target.type()));
  }
  if (c.replacement_type != target.type()) {
    return Violation("CORR-05", "replacement_type",
                     absl::StrCat(c.replacement_type, " is not the corrected event's type, ",
                                  target.type(), "; void the event and record the other instead"));
  }
  if (c.replacement.empty()) {
    return Violation("CORR-05", "replacement",
                     "is empty: an amendment gives the whole corrected event");
  }
  const auto* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(target.type());
  std::unique_ptr<google::protobuf::Message> parsed(
      type ? google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New()
           : nullptr);
  if (parsed == nullptr || !parsed->ParseFromString(c.replacement)) {
    return Violation("CORR-05", "replacement", absl::StrCat("must be a ", target.type()));
  }
  if (!parsed->GetReflection()->GetUnknownFields(*parsed).empty()) {
    return Violation("CORR-05", "replacement",
                     absl::StrCat("has fields a ", target.type(), " does not have"));
  }
  // The replacement passes the checks every command passes.
  return domain::CheckRequestFields(parsed.get(), "replacement.");
}

// The version of `code`'s reservation stream when its latest event reserves the code for
// `cooperative_id`; nullopt when there is no stream, or the code is released or another's.
absl::StatusOr<std::optional<uint64_t>> HeldVersion(eventstore::EventStore* store,
                                                    const std::string& code,
                                                    const std::string& cooperative_id) {
  coop::v1::ReadStreamRequest read;
  read.set_stream_id(domain::CooperativeAggregate::CodeStreamId(code));
  read.set_direction(coop::v1::BACKWARDS);
  read.set_max_count(1);
  auto latest = store->ReadStream(read);
  if (absl::IsNotFound(latest.status())) return std::nullopt;
  if (!latest.ok()) return latest.status();
  coop::v1::CooperativeCodeReserved held;
  if (latest->empty() ||
      latest->front().type() != coop::v1::CooperativeCodeReserved::descriptor()->full_name() ||
      !held.ParseFromString(latest->front().payload()) || held.cooperative_id() != cooperative_id) {
    return std::nullopt;
  }
  return latest->front().stream_version();
}

// COOP-16 for an amended registration that changes the code: the new code's reservation, or
// the refusal naming the cooperative that holds it. nullopt if the code is unchanged.
absl::StatusOr<std::optional<coop::v1::StreamAppend>> ReserveAmendedCode(
    eventstore::EventStore* store, const coop::v1::RecordedEvent& target,
    const std::string& replacement, const std::string& cooperative_id) {
  if (target.type() != coop::v1::CooperativeRegistered::descriptor()->full_name()) {
    return std::nullopt;
  }
  coop::v1::CooperativeRegistered before, after;
  if (!before.ParseFromString(target.payload()) || !after.ParseFromString(replacement) ||
      before.code() == after.code()) {
    return std::nullopt;
  }
  if (auto st = CheckCooperativeCode(after.code()); !st.ok()) {
    return domain::Violation("COMMON-03", "replacement.code", std::string(st.message()));
  }
  // A code it had before (amended away and back) is still reserved for it.
  auto held = HeldVersion(store, after.code(), cooperative_id);
  if (!held.ok()) return held.status();
  if (held->has_value()) return std::nullopt;
  CommandInput probe;
  ReserveCode(store, cooperative_id, after.code(), &probe);
  if (auto st = probe.precheck(&probe.reservations); !st.ok()) {
    return absl::Status(
        st.code(), absl::StrReplaceAll(st.message(), {{"registration.code", "replacement.code"}}));
  }
  return std::move(probe.reservations.front());
}

// Every code a cooperative's registration has had: the original's, then each amendment's.
std::vector<std::string> RegistrationCodes(const Stream& stream) {
  std::vector<std::string> codes;
  const coop::v1::RecordedEvent* creating = nullptr;
  for (const auto& e : stream) {
    if (!domain::IsCorrection(e)) {
      creating = &e;
      break;
    }
  }
  if (creating == nullptr ||
      creating->type() != coop::v1::CooperativeRegistered::descriptor()->full_name()) {
    return codes;
  }
  auto add = [&codes](const std::string& payload) {
    coop::v1::CooperativeRegistered registered;
    if (registered.ParseFromString(payload) && !registered.code().empty() &&
        std::find(codes.begin(), codes.end(), registered.code()) == codes.end()) {
      codes.push_back(registered.code());
    }
  };
  add(creating->payload());
  for (const auto& e : stream) {
    coop::v1::EventAmended amended;
    if (e.type() == coop::v1::EventAmended::descriptor()->full_name() &&
        amended.ParseFromString(e.payload()) && amended.event_id() == creating->event_id()) {
      add(amended.replacement());
    }
  }
  return codes;
}

// CORR-09: a record is withdrawn only when no live record names it. For a cooperative, the
// releases of the codes it still holds (its registration's, and any an amendment replaced),
// to append with the withdrawal; none for another record, or a code another registration
// holds now.
absl::StatusOr<std::vector<coop::v1::StreamAppend>> CheckWithdrawal(eventstore::EventStore* store,
                                                                    const Stream& stream,
                                                                    const std::string& stream_id,
                                                                    const std::string& aggregate_id,
                                                                    const std::string& reason) {
  auto named_by = LiveReferencesTo(store, stream_id, aggregate_id);
  if (!named_by.ok()) return named_by.status();
  if (!named_by->empty()) {
    return domain::Violation(
        "CORR-09", "event_id",
        absl::StrCat("the record is still named by live records: ", absl::StrJoin(*named_by, ", "),
                     "; correct or withdraw them first"));
  }
  std::vector<coop::v1::StreamAppend> releases;
  if (!absl::StartsWith(stream_id, domain::CooperativeAggregate::kStreamPrefix)) return releases;
  for (const std::string& code : RegistrationCodes(stream)) {
    auto held = HeldVersion(store, code, aggregate_id);
    if (!held.ok()) return held.status();
    if (held->has_value()) releases.push_back(CodeRelease(aggregate_id, code, reason, **held));
  }
  return releases;
}

// Checks the correction against the stream as it stands; on success, what to append. The
// event is stamped as the command's first event, with the correction's own date.
absl::StatusOr<Decided> Decide(eventstore::EventStore* store, const Stream& stream,
                               const std::string& stream_id, const Correction& c,
                               const CommandStamp& command, const domain::DecisionContext& ctx) {
  using domain::Violation;
  if (absl::StartsWithIgnoreCase(stream_id, domain::PersonAggregate::kStreamPrefix)) {
    return Violation("PERSON-05", "stream_id",
                     "an erasure of personal data is permanent: it is neither voided nor amended");
  }
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
  // The record's creating event: voiding it withdraws the whole record.
  const coop::v1::RecordedEvent* creating = nullptr;
  for (const auto& e : stream) {
    if (!domain::IsCorrection(e)) {
      creating = &e;
      break;
    }
  }
  const bool withdraws = !c.amend && creating == target;
  // A code reservation is released only with the withdrawal of the cooperative that holds it.
  if (absl::StartsWith(stream_id, domain::CooperativeAggregate::kCodeStreamPrefix)) {
    return Violation("CORR-09", "stream_id",
                     "a code reservation is not corrected by itself: withdraw the cooperative "
                     "that holds the code, which releases it");
  }
  auto on = domain::ParsePastDate("header.occurred_on", command.occurred_on, ctx.today);
  if (!on.ok()) return on.status();
  const absl::CivilDay target_on = domain::ParseDateOr(target->occurred_on(), absl::CivilDay());
  if (*on < target_on) {
    return Violation("CORR-06", "header.occurred_on",
                     absl::StrCat(command.occurred_on, " is before the corrected event's date, ",
                                  target->occurred_on()));
  }
  const AggregateRules* rules = RulesFor(stream_id);
  const std::string aggregate_id =
      rules == nullptr ? stream_id : stream_id.substr(rules->prefix.size());
  Decided decided;
  if (c.amend) {
    if (auto st = CheckReplacementForm(*target, c); !st.ok()) return st;
    std::string replacement = c.replacement;
    if (rules != nullptr) {
      auto stored = rules->amend(store, stream, *target, c.replacement, aggregate_id, ctx);
      if (!stored.ok()) return stored.status();
      replacement = *std::move(stored);
      auto reservation = ReserveAmendedCode(store, *target, replacement, aggregate_id);
      if (!reservation.ok()) return reservation.status();
      if (reservation->has_value()) decided.code_streams.push_back(**std::move(reservation));
    }
    decided.event = AmendingEvent(target_id, c.reason, replacement);
  } else if (withdraws) {
    auto withdrawal = CheckWithdrawal(store, stream, stream_id, aggregate_id, c.reason);
    if (!withdrawal.ok()) return withdrawal.status();
    decided.code_streams = *std::move(withdrawal);
    decided.event = VoidingEvent(target_id, c.reason);
  } else {
    if (rules != nullptr) {
      if (auto st = rules->void_(stream, *target, ctx); !st.ok()) return st;
    }
    decided.event = VoidingEvent(target_id, c.reason);
  }
  // A correction keeps its own date and takes the corrected event's area.
  StampEvent(command, target->area(), 0, &decided.event);
  // The command's events after the correction: 1, 2, … (one per code stream).
  int index = 1;
  for (auto& code_stream : decided.code_streams) {
    for (auto& e : *code_stream.mutable_events()) StampEvent(command, {}, index++, &e);
  }
  return decided;
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
    if (auto withdrawal = domain::WithdrawalOf(*stream); withdrawal.has_value()) {
      return domain::WithdrawnError("the record of stream", input.stream_id, *withdrawal);
    }
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
    auto decided = Decide(store_, *stream, input.stream_id, correction, input.stamp, context_());
    if (!decided.ok()) return decided.status();
    coop::v1::AppendRequest request;
    auto* append = request.add_streams();
    append->set_stream_id(input.stream_id);
    append->mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
    append->mutable_expected()->set_version(
        input.expected_version.value_or(stream->empty() ? 0 : stream->back().stream_version()));
    *append->add_events() = std::move(decided->event);
    for (auto& code_stream : decided->code_streams) *request.add_streams() = std::move(code_stream);
    auto appended = store_->Append(std::move(request));
    if (appended.ok()) {
      coop::v1::CommandReply reply;
      reply.set_aggregate_id(input.aggregate_id);
      reply.set_stream_id(input.stream_id);
      reply.set_version(appended->streams(0).last_version());
      reply.set_position(appended->streams(0).last_version() -
                         appended->streams(0).first_version() + appended->first_position());
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
