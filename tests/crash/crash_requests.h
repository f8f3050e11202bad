// The requests of the crash driver's load (tests/crash/crash_load.h), and sending one of its
// commands by kind, so that a check after a restart can send an acknowledged command again
// unchanged. Pure builders; SendCommand is thread-safe (a stub per call).
#ifndef COOPLEDGER_TESTS_CRASH_CRASH_REQUESTS_H_
#define COOPLEDGER_TESTS_CRASH_CRASH_REQUESTS_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>

#include "coop/v1/people.pb.h"
#include "coop/v1/programs.pb.h"
#include "coop/v1/registry.pb.h"
#include "tests/crash/crash_ledger.h"

namespace coop::testing {

// A new cooperative in Xã Khánh An (U Minh, Cà Mau), registered on 2024-09-01 with `code`
// (ten digits, unique per run).
coop::v1::RegisterCooperativeRequest CrashRegistration(const std::string& code);
// Its membership reported on a day of 2025 (`day` from 0).
coop::v1::ReportCooperativeMembershipRequest CrashMembership(const std::string& cooperative_id,
                                                             int official, int day);
// `person_ref` placed at the cooperative as a graduate, on 2025-02-01.
coop::v1::PlaceGraduateRequest CrashPlacement(const std::string& person_ref,
                                              const std::string& cooperative_id);
// A person's details (no real person's), numbered.
coop::v1::PersonDetails CrashPerson(int cycle, int n, int version);
// A person recorded for the district of U Minh.
coop::v1::RecordPersonRequest CrashRecording(const coop::v1::PersonDetails& details);
coop::v1::UpdatePersonRequest CrashUpdate(const std::string& person_ref,
                                          const coop::v1::PersonDetails& details);
coop::v1::ForgetPersonRequest CrashForgetting(const std::string& person_ref);

// What a command's serialized request says: its command id, the person it names (PlaceGraduate,
// ForgetPerson) and the details it records (RecordPerson, serialized).
struct CommandFacts {
  std::string command_id;
  std::string person_ref;
  std::string details;
};
CommandFacts FactsOf(CommandKind kind, const std::string& request);

// What a command answered.
struct CommandAnswer {
  grpc::Status status;
  std::string stream_id;
  uint64_t version = 0;
  uint64_t position = 0;
  std::string answer;  // the aggregate id, or RecordPerson's person ref
  bool duplicate = false;
};
// Sends the serialized request of a command of `kind`.
CommandAnswer SendCommand(const std::shared_ptr<grpc::Channel>& channel, CommandKind kind,
                          const std::string& request, int timeout_ms);

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_CRASH_CRASH_REQUESTS_H_
