// Fuzz target 3: every command as the command services take it — the request's field checks
// (domain::CheckRequestFields), then its aggregate's decider on a state folded from given
// events.
//
// Input: an event list (fuzz/event_list.h) whose last entry is the command: its type is the
// request message's full name ("coop.v1.SuspendCooperativeRequest"), its payload the request's
// bytes. The entries before it are the given events, made into what the store would hold
// (StoredLog). The request types are the inputs of every method of the command services
// coop.v1.Registry, Programs, Planning, People and Corrections, found through their
// descriptors (so a new command is fuzzed without being listed here).
//   1. CheckRequestFields, as every handler's CheckedRequest does. Property: the checked form
//      is canonical: checking it again succeeds and changes nothing.
//   2. A checked request that carries an event of an aggregate (a field whose type is a member
//      of the aggregate's event union: what the handlers copy into the fact) is decided as
//      CommandExecutor does it: the given events folded with commands::FoldStream, NOT_FOUND
//      unless the fact creates the aggregate or it exists, then commands::DecideCommand on the
//      header's business date with the live decision context (the reference data's area
//      checks) and a fixed "today". Properties: the decision is deterministic, and each decided
//      event comes back unchanged through the codec (the log's envelope).
// A crash, a sanitizer report or a broken property aborts.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/message_differencer.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands/command_decision.h"
#include "commands/live_decision_context.h"
#include "coop/v1/corrections.pb.h"
#include "coop/v1/people.pb.h"
#include "coop/v1/planning.pb.h"
#include "coop/v1/programs.pb.h"
#include "coop/v1/registry.pb.h"
#include "domain/common/event_union_codec.h"
#include "domain/common/request_checks.h"
#include "fuzz/aggregates.h"
#include "fuzz/event_list.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/quiet_protobuf.h"

namespace coop::fuzz {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;
using Log = std::vector<coop::v1::RecordedEvent>;

// The request type of every method of the command services, by full name. A message of each
// service's file names the file, so that its descriptors are linked in.
const std::map<std::string, const Descriptor*>& CommandRequestTypes() {
  static const auto* const kTypes = [] {
    auto* types = new std::map<std::string, const Descriptor*>();
    const std::pair<const Descriptor*, const char*> kServices[] = {
        {coop::v1::CommandHeader::descriptor(), "Registry"},
        {coop::v1::RecordClassRequest::descriptor(), "Programs"},
        {coop::v1::SetAnnualPlanTargetsRequest::descriptor(), "Planning"},
        {coop::v1::RecordPersonRequest::descriptor(), "People"},
        {coop::v1::VoidEventRequest::descriptor(), "Corrections"}};
    for (const auto& [message, name] : kServices) {
      const auto* service = message->file()->FindServiceByName(name);
      COOP_FUZZ_CHECK(service != nullptr, "every command service is compiled in");
      for (int m = 0; m < service->method_count(); ++m) {
        const Descriptor* input = service->method(m)->input_type();
        (*types)[input->full_name()] = input;
      }
    }
    return types;
  }();
  return *kTypes;
}

// The decision context of a live server, on a fixed day so that a run can be replayed.
const domain::DecisionContext& Context() {
  static const auto* const kContext = [] {
    auto* context = new domain::DecisionContext(commands::LiveDecisionContext());
    context->today = absl::CivilDay(2026, 12, 31);
    return context;
  }();
  return *kContext;
}

std::string OccurredOn(const Message& request) {
  const FieldDescriptor* header = request.GetDescriptor()->FindFieldByName("header");
  if (header == nullptr || header->message_type() != coop::v1::CommandHeader::descriptor()) {
    return "";
  }
  const auto& stamp = static_cast<const coop::v1::CommandHeader&>(
      request.GetReflection()->GetMessage(request, header));
  return stamp.occurred_on();
}

// The events' bytes and the status, to compare two decisions.
template <typename Aggregate>
std::string Outcome(const absl::StatusOr<commands::Decision<Aggregate>>& decision) {
  if (!decision.ok()) return decision.status().ToString();
  std::string out = decision->area.SerializeAsString();
  for (const auto& event : decision->events) out += "|" + event.SerializeAsString();
  return out;
}

template <typename Aggregate>
void Decide(const typename Aggregate::Event& fact, const std::string& occurred_on,
            const Log& given) {
  auto state = commands::FoldStream<Aggregate>(given);
  if (!Aggregate::Creates(fact) && !Aggregate::Exists(state)) return;  // NOT_FOUND
  auto decision = commands::DecideCommand<Aggregate>(occurred_on, fact, state, Context());
  auto again = commands::DecideCommand<Aggregate>(occurred_on, fact, state, Context());
  COOP_FUZZ_CHECK(Outcome(decision) == Outcome(again), "deciding is deterministic");
  if (!decision.ok()) return;
  const domain::EventUnionCodec& codec = domain::CodecFor<typename Aggregate::Event>();
  for (const auto& event : decision->events) {
    coop::v1::ProposedEvent proposed;
    codec.Encode(event, &proposed);
    coop::v1::RecordedEvent recorded;
    recorded.set_type(proposed.type());
    recorded.set_payload(proposed.payload());
    typename Aggregate::Event decoded;
    COOP_FUZZ_CHECK(codec.Decode(recorded, &decoded), "a decided event decodes");
    COOP_FUZZ_CHECK(MessageDifferencer::Equals(event, decoded),
                    "a decided event comes back unchanged through the codec");
  }
}

// Decides the request's fact for the aggregate whose event union has the fact's type.
void DecideFact(const Message& request, const Log& given) {
  const Descriptor* type = request.GetDescriptor();
  for (int f = 0; f < type->field_count(); ++f) {
    const FieldDescriptor* field = type->field(f);
    if (field->message_type() == nullptr || field->is_repeated()) continue;
    ForEachAggregate([&](auto aggregate) {
      using Aggregate = typename decltype(aggregate)::type;
      using Event = typename Aggregate::Event;
      const auto* members = Event::descriptor()->oneof_decl(0);
      for (int m = 0; m < members->field_count(); ++m) {
        if (members->field(m)->message_type() != field->message_type()) continue;
        Event fact;
        fact.GetReflection()
            ->MutableMessage(&fact, members->field(m))
            ->CopyFrom(request.GetReflection()->GetMessage(request, field));
        Decide<Aggregate>(fact, OccurredOn(request), given);
      }
    });
  }
}

int TestOneInput(const uint8_t* data, size_t size) {
  QuietProtobuf();
  Log events = ParseEventList(data, size);
  if (events.empty()) return 0;
  const coop::v1::RecordedEvent command = events.back();
  events.pop_back();
  auto type = CommandRequestTypes().find(command.type());
  if (type == CommandRequestTypes().end()) return 0;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type->second);
  std::unique_ptr<Message> request(prototype->New());
  if (!request->ParseFromString(command.payload())) return 0;
  if (!domain::CheckRequestFields(request.get()).ok()) return 0;
  std::unique_ptr<Message> again(request->New());
  again->CopyFrom(*request);
  COOP_FUZZ_CHECK(domain::CheckRequestFields(again.get()).ok(),
                  "a checked request passes its checks again");
  COOP_FUZZ_CHECK(MessageDifferencer::Equals(*request, *again),
                  "a checked request is in canonical form: checking it changes nothing");
  DecideFact(*request, StoredLog(events));
  return 0;
}

}  // namespace
}  // namespace coop::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return coop::fuzz::TestOneInput(data, size);
}
