// coop.v1.People.ForgetPerson: erasing a person's details for good (crypto-shredding). The
// erasure is an event of the log first, then the vault's (services/people_service.h).
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "base/uuid.h"
#include "commands/command_digest.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "domain/person/person_decider.h"
#include "services/command_call.h"
#include "services/erasure_replay.h"
#include "services/grpc_status.h"
#include "services/people_service.h"

namespace coop::services {
namespace {

// The decider names the fact's fields ("erased.person_ref"); the caller sent "person_ref".
absl::Status InRequestTerms(const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrReplaceAll(status.message(),
                                                         {{"] erased.erasure_ground:", "] ground:"},
                                                          {"] erased.", "] "}}));
}

// The erasure event the command appended (or appended earlier: a retry), at `position`.
absl::StatusOr<coop::v1::RecordedEvent> EventAt(eventstore::EventStore* store, uint64_t position) {
  eventstore::ReadAllQuery query;
  query.from_position = position;
  query.max_count = 1;
  auto page = store->ReadAll(query);
  if (!page.ok()) return page.status();
  if (page->events.empty() || page->events.front().position() != position) {
    return absl::InternalError(absl::StrCat("the erasure at position ", position, " is missing"));
  }
  return page->events.front();
}

}  // namespace

grpc::ServerUnaryReactor* PeopleService::ForgetPerson(grpc::CallbackServerContext* context,
                                                      const coop::v1::ForgetPersonRequest* request,
                                                      coop::v1::CommandReply* reply) {
  auto* reactor = context->DefaultReactor();
  auto principal = AdmitOrFinish(*gate_, context, reactor, access::Permission::kErasePersonalData);
  if (principal == nullptr) return reactor;
  auto checked = CheckedRequest(*request);
  absl::Status st = checked.status();
  absl::StatusOr<std::string> ref;
  absl::StatusOr<std::string> ground;
  if (st.ok()) {
    ref = domain::CheckPersonRef("person_ref", checked->person_ref());
    st = ref.status();
  }
  if (st.ok()) {
    ground = domain::CheckErasureGround("ground", checked->ground());
    st = ground.status();
  }
  absl::StatusOr<commands::CommandInput> input;
  if (st.ok()) {
    input = CommandInputOf(context, principal, checked->header(), "person_ref", *ref);
    st = input.status();
  }
  if (!st.ok()) {
    reactor->Finish(ToGrpcStatus(st));
    return reactor;
  }
  // The erasure is dated the day the server makes it; the header's date and expected version
  // mean nothing here, so they are left out of the request's digest too.
  input->stamp.occurred_on = domain::FormatDate(domain::VietnamDay(now_()));
  input->expected_version.reset();
  input->stream_id = domain::PersonAggregate::StreamId(*ref);
  coop::v1::ForgetPersonRequest hashed = *checked;
  hashed.mutable_header()->clear_occurred_on();
  hashed.mutable_header()->clear_expected_version();
  input->stamp.command_digest = commands::CommandDigest(hashed);
  coop::v1::PersonEvent fact;
  fact.mutable_erased()->set_person_ref(*ref);
  fact.mutable_erased()->set_erasure_ground(*ground);
  auto entry = AccessEntry(context, *principal, "erase", *ref);
  Post(reactor, [this, input = *std::move(input), fact = std::move(fact), entry = std::move(entry),
                 reply]() { return Forget(input, fact, entry, reply); });
  return reactor;
}

absl::Status PeopleService::Forget(const commands::CommandInput& input,
                                   const coop::v1::PersonEvent& fact,
                                   const coop::v1::PersonAccess& entry,
                                   coop::v1::CommandReply* reply) {
  const std::string& ref = input.aggregate_id;
  // PERSON-03: a person of this vault, or one it has erased (a retry finds the tombstone).
  auto held = vault_->Holds(ref);
  if (!held.ok()) return held.status();
  if (!*held) {
    auto erasure = vault_->ErasureOf(ref);
    if (!erasure.ok()) return erasure.status();
    if (!erasure->has_value()) {
      return domain::Violation("PERSON-03", "person_ref",
                               absl::StrCat("no person ", ref, " in this node's vault"));
    }
  }
  if (auto st = access_log_->Record(entry); !st.ok()) return st;  // logged first
  // The log first: once the event is there, the erasure happens, if not now then at the next
  // start (services/erasure_replay.h).
  auto result = people_.Execute(input, fact);
  if (!result.ok()) return InRequestTerms(result.status());
  auto event = EventAt(store_, result->position());
  if (!event.ok()) return event.status();
  auto erasure = ErasureOf(*event);
  if (!erasure.ok()) return erasure.status();
  auto erased = vault_->Erase(ref, *erasure);
  if (!erased.ok()) return erased.status();
  // Kept outside every backup, so restoring an older one erases the person again.
  if (erasures_ != nullptr) {
    if (auto st = erasures_->Record(ref, *erasure); !st.ok()) return st;
  }
  *reply = *std::move(result);
  return absl::OkStatus();
}

}  // namespace coop::services
