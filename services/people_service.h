// PeopleService: coop.v1.People — personal details of the people events refer to (graduates
// placed, legal representatives), kept in the PersonVault, never in the log.
//
// RecordPerson and UpdatePerson run on commands::CommandWorkers threads like every command (each is
// a synced RocksDB write); the gRPC thread only validates and enqueues. GetPerson reads inline on
// the gRPC thread: it is one point lookup of two small values and two AES-GCM decryptions, no
// write and no wait on another writer (RocksDB reads never block behind writes), so a worker
// hop would cost more than it saves and would queue reads behind slow synced commands.
//
// RecordPerson is idempotent by command id: the person_ref is commands::DerivedEventId(command_id,
// kPersonRefIndex); a retry finds it and returns it with duplicate = true, storing nothing.
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_PEOPLE_SERVICE_H_
#define COOPLEDGER_SERVICES_PEOPLE_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "commands/command_workers.h"
#include "coop/v1/people.grpc.pb.h"
#include "services/call_gate.h"
#include "vault/person_vault.h"

namespace coop::services {

// The derived-id index of a recorded person's ref: far from any event index and from the
// index of assigned aggregate ids (1'000'000).
inline constexpr int kPersonRefIndex = 2'000'000;

// Checks a person's details; INVALID_ARGUMENT naming the field ("details.full_name: ...",
// `prefix` + field name). Limits are in bytes of UTF-8. `today` bounds date_of_birth.
absl::Status ValidatePersonDetails(const coop::v1::PersonDetails& details, absl::CivilDay today,
                                   const std::string& prefix = "details.");

class PeopleService final : public coop::v1::People::CallbackService {
 public:
  // Not owned; both must outlive the service.
  PeopleService(vault::PersonVault* vault, const CallGate* gate, commands::CommandWorkers* workers)
      : vault_(vault), gate_(gate), workers_(workers) {}

  grpc::ServerUnaryReactor* RecordPerson(grpc::CallbackServerContext* context,
                                         const coop::v1::RecordPersonRequest* request,
                                         coop::v1::RecordPersonReply* reply) override;
  grpc::ServerUnaryReactor* GetPerson(grpc::CallbackServerContext* context,
                                      const coop::v1::GetPersonRequest* request,
                                      coop::v1::PersonDetails* reply) override;
  grpc::ServerUnaryReactor* UpdatePerson(grpc::CallbackServerContext* context,
                                         const coop::v1::UpdatePersonRequest* request,
                                         coop::v1::RecordPersonReply* reply) override;

 private:
  vault::PersonVault* const vault_;
  const CallGate* const gate_;
  commands::CommandWorkers* const workers_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PEOPLE_SERVICE_H_
