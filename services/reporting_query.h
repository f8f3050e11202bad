// Shared plumbing of coop.v1.Reporting's handlers (reporting_*.cc): what a query reads
// (ReportingDeps) and how it runs (RunQuery: admitted by the CallGate, then on the query
// workers, never on gRPC threads).
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_REPORTING_QUERY_H_
#define COOPLEDGER_SERVICES_REPORTING_QUERY_H_

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "commands/command_workers.h"
#include "domain/common/dates.h"
#include "domain/common/request_checks.h"
#include "eventstore/event_store.h"
#include "projections/projection_set.h"
#include "projections/projection_store.h"
#include "services/call_gate.h"
#include "services/grpc_status.h"
#include "services/view_wait.h"
#include "vault/person_vault.h"

namespace coop::services {

// The call the current query thread is answering (set by RunQuery), so that a wait ends as
// soon as its caller gives up (cancels, or its deadline passes).
inline thread_local const grpc::CallbackServerContext* current_query_call = nullptr;

struct ReportingDeps {
  eventstore::EventStore* log = nullptr;  // the event log itself (GetHistory)
  projections::ProjectionStore* store = nullptr;
  projections::ProjectionSet* projections = nullptr;
  absl::Duration max_wait;
  // Set when the server begins to shut down: waits end at once (UNAVAILABLE).
  const std::atomic<bool>* stopping = nullptr;
  // The server's clock (ServerOptions::clock).
  std::function<absl::Time()> now;
  // The person vault, asked only whether a person referred to is held or erased (GetHistory's
  // notes; never a person's details). May be null: no notes.
  const vault::PersonVault* people = nullptr;

  // The server's now, and today in Vietnam by it: what queries that default to today use.
  absl::Time Now() const { return now ? now() : absl::Now(); }
  absl::CivilDay Today() const { return domain::VietnamDay(Now()); }

  // Every query asks this before it reads the projections it names (the one place where a
  // query meets a projection's state). Read-your-writes: waits (at most max_wait) until every
  // projection named has applied min_position; OK at once for 0. UNAVAILABLE at once, whatever
  // min_position, while a projection is rebuilt for a new version (its old rows are not read).
  // Ends early, CANCELLED, when the call is cancelled or expires; UNAVAILABLE when the server
  // shuts down.
  // FAILED_PRECONDITION when the server runs no projection (coopd --projections off).
  absl::Status Wait(const std::vector<std::string>& names, uint64_t min_position) const {
    if (projections->empty()) {
      return absl::FailedPreconditionError(
          "máy chủ này không chạy các phép chiếu (coopd --projections off, chỉ để đo hiệu năng) "
          "nên không đọc được các bảng xem / this server runs no projections (coopd "
          "--projections off, for benchmarks only), so no view can be read");
    }
    return WaitOutcome(projections->WaitForPosition(names, min_position, max_wait,
                                                    GiveUpWhen(stopping, current_query_call)),
                       stopping, "the query");
  }
  // The position a query "as known at" a log position or a recorded-at time (0: none) waits
  // for, as for min_position, so that it sees every event up to it: that position (the log's
  // head, if it is past it), or the last position recorded at or before the time (recorded-at
  // times never decrease along the log); 0 for neither, or for a negative time, which the
  // query itself refuses. A projection still gathering commits would otherwise leave out the
  // last few, and the same question asked again a moment later could get another answer. A
  // cut-off already applied costs no wait, also while a projection is rebuilt for the same
  // version (its old rows serve up to their checkpoint).
  absl::StatusOr<uint64_t> KnownAtPosition(uint64_t position, int64_t micros) const {
    if (position != 0) return std::min(position, log->notifier().head());
    if (micros <= 0) return 0;
    return log->PositionAtTime(micros, /*backwards=*/true);
  }
  // Wait, for whichever is later: min_position, or the cut-off of a query "as known at"
  // `position` or `micros` (KnownAtPosition).
  absl::Status WaitKnownAt(const std::vector<std::string>& names, uint64_t min_position,
                           uint64_t position, int64_t micros) const {
    auto known_at = KnownAtPosition(position, micros);
    if (!known_at.ok()) return known_at.status();
    return Wait(names, std::max(min_position, *known_at));
  }
  // The checkpoint of the rows a projection serves (the log position they reflect; during a
  // rebuild, the old rows'); 0 if unknown.
  uint64_t Position(const std::string& name) const {
    auto runner = projections->Runner(name);
    return runner == nullptr ? 0 : runner->status().served_position;
  }
};

// Admits the caller (`permission`: reading views, unless said otherwise), then runs `query` on
// a worker and finishes the call with its status.
// The query queue is bounded: RESOURCE_EXHAUSTED when it is full (retry shortly). A call
// cancelled or expired while queued is not run.
template <typename Query>
grpc::ServerUnaryReactor* RunQuery(const CallGate& gate, commands::CommandWorkers* workers,
                                   grpc::CallbackServerContext* context, Query query,
                                   access::Permission permission = access::Permission::kReadViews) {
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(gate, context, reactor, permission) == nullptr) return reactor;
  auto posted = workers->TryPost([reactor, context, query = std::move(query)]() mutable {
    if (context->IsCancelled()) {
      reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED,
                                   "the call was cancelled or expired before it ran"));
      return;
    }
    current_query_call = context;
    const absl::Status status = query();
    current_query_call = nullptr;
    reactor->Finish(ToGrpcStatus(status));
  });
  if (!posted.ok()) reactor->Finish(ToGrpcStatus(posted));
  return reactor;
}

// RunQuery for a query whose request is checked and canonicalised first, as commands' are
// (domain/common/request_checks.h: known enum values, text in NFC, ids in lower case), so that
// a filter typed in another Unicode form or an id in capitals finds what it names. `query`
// gets the checked copy.
template <typename Request, typename Query>
grpc::ServerUnaryReactor* RunCheckedQuery(const CallGate& gate, commands::CommandWorkers* workers,
                                          grpc::CallbackServerContext* context,
                                          const Request& request, Query query) {
  return RunQuery(gate, workers, context, [request, query = std::move(query)]() mutable {
    Request checked = request;
    if (auto st = domain::CheckRequestFields(&checked); !st.ok()) return st;
    return query(checked);
  });
}

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_REPORTING_QUERY_H_
