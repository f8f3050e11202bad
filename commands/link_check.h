// The links of a command's fact (domain/links), checked against the records they name as the
// log holds them now: each named stream is read and folded as of the link's day
// (domain/links/link_rules.h says what each link needs). Run by the command executor after the
// aggregate's own decider, and by the correction executor for an amendment's replacement.
//
// Concurrency: the named record is read, not locked. A change to it recorded concurrently
// (a dissolution, a withdrawal, another record naming the same group as its origin), or
// recorded later but dated before the link's day, is not seen: the same hole as any
// back-dated fact (docs/domain.md, "Links between records").
//
// Blocks on the store; thread-safe.
#ifndef COOPLEDGER_COMMANDS_LINK_CHECK_H_
#define COOPLEDGER_COMMANDS_LINK_CHECK_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/common/dates.h"
#include "domain/links/link_rules.h"
#include "domain/links/record_links.h"
#include "eventstore/event_store.h"

namespace coop::commands {

// The record `link` names, as of the link's day. Errors: the store's.
absl::StatusOr<domain::NamedRecord> LookUpNamedRecord(eventstore::EventStore* store,
                                                      const domain::Link& link);

// LINK-04 (1) and LINK-05 (1), for a link that names the group (hall) a record comes from: no
// other live record names it as its origin (one group converts to one cooperative, one hall is
// formalised as one record). FAILED_PRECONDITION naming the other record. Scans the log
// (record_references.h): the cost of a rare command. OK for other links.
absl::Status CheckOriginUnclaimed(eventstore::EventStore* store, const domain::Link& link,
                                  const std::string& self_id);

// Every link of `fact` (an event union) dated `occurred_on`, for the record `self_id`: OK or
// the first refusal (LINK-01 NOT_FOUND, LINK-02..06 FAILED_PRECONDITION), naming the field.
template <typename Event>
absl::Status CheckLinksOf(eventstore::EventStore* store, const Event& fact,
                          const std::string& occurred_on, const std::string& self_id) {
  const absl::CivilDay on = domain::ParseDateOr(occurred_on, absl::CivilDay());
  for (const domain::Link& link : domain::LinksOf(fact, on)) {
    domain::NamedRecord named;
    if (!link.id.empty()) {
      auto found = LookUpNamedRecord(store, link);
      if (!found.ok()) return found.status();
      named = *std::move(found);
    }
    if (auto st = domain::CheckLink(link, named, self_id); !st.ok()) return st;
    if (auto st = CheckOriginUnclaimed(store, link, self_id); !st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_LINK_CHECK_H_
