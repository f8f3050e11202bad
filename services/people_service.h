// PeopleService: coop.v1.People — personal details of the people events refer to (graduates
// placed, legal representatives), kept in the PersonVault, never in the log.
//
// Who may: admins, and recorders of the person's areas (services/person_scope.h); auditors
// list the access log (ListPersonAccess) but read no details; readers nothing; only admins
// erase (ForgetPerson). Every record, read, update and erasure is logged first
// (vault/access_log.h: who, when, which person ref), so a read whose entry cannot be written
// returns no details.
//
// ForgetPerson (people_forget.cc) erases a person for good: the erasure is first an event of the
// log (coop.v1.PersonErased in person-<ref>, through the command path like every command, so
// idempotent by command id), then the vault destroys the person's key and details and keeps a
// tombstone (vault/person_vault.h). A crash between the two is mended at the next start
// (services/erasure_replay.h). An erased person reads as erased (GetPerson: `erasure`) and is
// never recorded or changed again (PERSON-05).
//
// Every call runs on commands::CommandWorkers threads (each writes the access log, synced);
// the gRPC thread only admits, validates and enqueues.
//
// RecordPerson is idempotent by command id: the person_ref is commands::DerivedEventId(command_id,
// kPersonRefIndex); a retry finds it and returns it with duplicate = true, storing nothing.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_PEOPLE_SERVICE_H_
#define COOPLEDGER_SERVICES_PEOPLE_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "backup/erasure_journal.h"
#include "commands/command_executor.h"
#include "commands/command_workers.h"
#include "coop/v1/people.grpc.pb.h"
#include "domain/person/person_aggregate.h"
#include "eventstore/event_store.h"
#include "services/call_gate.h"
#include "services/parsed_request.h"
#include "services/person_scope.h"
#include "vault/access_log.h"
#include "vault/person_vault.h"

namespace coop::services {

// The derived-id index of a recorded person's ref: far from any event index and from the
// index of assigned aggregate ids (1'000'000).
inline constexpr int kPersonRefIndex = 2'000'000;

// Checks a person's details; INVALID_ARGUMENT naming the field ("details.full_name: ...",
// `prefix` + field name). Limits are in bytes of UTF-8. `today` bounds date_of_birth.
absl::Status ValidatePersonDetails(const coop::v1::PersonDetails& details, absl::CivilDay today,
                                   const std::string& prefix = "details.");

class PeopleService final : public ParsesItsRequests<coop::v1::People> {
 public:
  // Not owned; all must outlive the service. `now` is the server's clock (for "today" in
  // the checks of personal details, and the day of an erasure); `context` the deciders'
  // (commands/live_decision_context.h); `store` the log erasures are recorded in.
  PeopleService(vault::PersonVault* vault, vault::PersonAccessLog* access_log,
                projections::ProjectionStore* projections, const projections::ProjectionSet* views,
                const CallGate* gate, commands::CommandWorkers* workers,
                eventstore::EventStore* store, std::function<domain::DecisionContext()> context,
                std::function<absl::Time()> now, backup::ErasureJournal* erasures = nullptr);

  grpc::ServerUnaryReactor* RecordPerson(grpc::CallbackServerContext* context,
                                         const coop::v1::RecordPersonRequest* request,
                                         coop::v1::RecordPersonReply* reply) override;
  grpc::ServerUnaryReactor* GetPerson(grpc::CallbackServerContext* context,
                                      const coop::v1::GetPersonRequest* request,
                                      coop::v1::PersonDetails* reply) override;
  grpc::ServerUnaryReactor* UpdatePerson(grpc::CallbackServerContext* context,
                                         const coop::v1::UpdatePersonRequest* request,
                                         coop::v1::RecordPersonReply* reply) override;
  grpc::ServerUnaryReactor* ListPersonAccess(grpc::CallbackServerContext* context,
                                             const coop::v1::ListPersonAccessRequest* request,
                                             coop::v1::ListPersonAccessReply* reply) override;
  // people_forget.cc
  grpc::ServerUnaryReactor* ForgetPerson(grpc::CallbackServerContext* context,
                                         const coop::v1::ForgetPersonRequest* request,
                                         coop::v1::CommandReply* reply) override;

  // The server is shutting down: a person check that waits for the views ends (UNAVAILABLE).
  void Shutdown() { scope_rules_.Shutdown(); }

 private:
  static constexpr uint32_t kMaxAccessPage = 1000;

  coop::v1::PersonAccess AccessEntry(const grpc::CallbackServerContext* context,
                                     const access::Principal& principal, const char* action,
                                     const std::string& person_ref) const;
  // Runs `work` on a worker and finishes the call with its status.
  void Post(grpc::ServerUnaryReactor* reactor, std::function<absl::Status()> work);
  // ForgetPerson's work on a worker: PERSON-03, the access log, the event, the vault.
  absl::Status Forget(const commands::CommandInput& input, const coop::v1::PersonEvent& fact,
                      const coop::v1::PersonAccess& entry, coop::v1::CommandReply* reply);

  vault::PersonVault* const vault_;
  vault::PersonAccessLog* const access_log_;
  PersonScopeRules scope_rules_;
  const CallGate* const gate_;
  commands::CommandWorkers* const workers_;
  eventstore::EventStore* const store_;
  commands::CommandExecutor<domain::PersonAggregate> people_;
  const std::function<absl::Time()> now_;
  backup::ErasureJournal* const erasures_;  // may be null (no --backup_dir)
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PEOPLE_SERVICE_H_
