#include "services/erasure_replay.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "coop/v1/person_events.pb.h"
#include "domain/person/person_aggregate.h"

namespace coop::services {
namespace {

// Where to read from: after the vault's mark if the log still has the same event there,
// otherwise from the start.
absl::StatusOr<uint64_t> FirstUnread(eventstore::EventStore* store,
                                     const vault::PersonVault::ErasuresApplied& applied) {
  if (applied.position == 0) return 1;
  if (applied.position > store->GetLogInfo().head_position()) return 1;
  eventstore::ReadAllQuery at;
  at.from_position = applied.position;
  at.max_count = 1;
  auto page = store->ReadAll(at);
  if (!page.ok()) return page.status();
  if (page->events.empty() || page->events.front().position() != applied.position ||
      page->events.front().event_id() != applied.event_id) {
    return 1;
  }
  return applied.position + 1;
}

}  // namespace

absl::StatusOr<coop::v1::PersonErasure> ErasureOf(const coop::v1::RecordedEvent& event) {
  coop::v1::PersonErased erased;
  if (!erased.ParseFromString(event.payload())) {
    return absl::DataLossError(
        absl::StrCat("the erasure at position ", event.position(), " does not parse"));
  }
  coop::v1::PersonErasure erasure;
  erasure.set_erased_on(event.occurred_on());
  erasure.set_ground(erased.erasure_ground());
  erasure.set_erased_at_micros(event.recorded_at_micros());
  erasure.set_position(event.position());
  return erasure;
}

absl::StatusOr<ReapplyReport> ReapplyErasures(eventstore::EventStore* store,
                                              vault::PersonVault* vault, const base::JsonLog* log,
                                              backup::ErasureJournal* journal) {
  ReapplyReport report;
  auto applied = vault->ErasuresAppliedThrough();
  if (!applied.ok()) return applied.status();
  auto first = FirstUnread(store, *applied);
  if (!first.ok()) return first.status();
  report.read_from = *first;
  // The head now: nothing is served yet, so nothing is appended behind this read.
  const uint64_t head = store->GetLogInfo().head_position();
  if (head < *first) return report;
  eventstore::ReadAllQuery query;
  query.from_position = *first;
  query.filter.add_event_types(domain::PersonAggregate::kErasedType);
  query.filter.add_stream_prefixes(domain::PersonAggregate::kStreamPrefix);
  vault::PersonVault::ErasuresApplied through;
  for (;;) {
    auto page = store->ReadAll(query);
    if (!page.ok()) return page.status();
    for (const auto& event : page->events) {
      ++report.events;
      auto erasure = ErasureOf(event);  // DATA_LOSS if the payload does not parse
      if (!erasure.ok()) return erasure.status();
      coop::v1::PersonErased erased;
      (void)erased.ParseFromString(event.payload());
      auto done = vault->Erase(erased.person_ref(), *erasure);
      if (!done.ok()) return done.status();
      if (*done) ++report.erased;
      if (journal != nullptr) {
        if (auto st = journal->Record(erased.person_ref(), *erasure); !st.ok()) return st;
      }
    }
    if (page->end_of_log || page->next_position > head) break;
    query.from_position = page->next_position;
  }
  // The mark: the head read through and its event's id.
  eventstore::ReadAllQuery at;
  at.from_position = head;
  at.max_count = 1;
  auto last = store->ReadAll(at);
  if (!last.ok()) return last.status();
  if (!last->events.empty()) {
    through.position = last->events.front().position();
    through.event_id = last->events.front().event_id();
    if (auto st = vault->SetErasuresAppliedThrough(through); !st.ok()) return st;
  }
  if (log != nullptr && report.erased > 0) {
    log->Warning("vault",
                 "kho người giữ người mà sổ ghi là đã xóa; đã xóa lại / the person vault held "
                 "persons the log says were erased; erased them again",
                 {{"persons", report.erased}});
  }
  return report;
}

}  // namespace coop::services
