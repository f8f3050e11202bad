// The checks over gRPC (crash_checks.h).
#include <chrono>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "commands/derived_ids.h"
#include "coop/v1/admin.grpc.pb.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/person_events.pb.h"
#include "coop/v1/placement_events.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/crash/crash_checks.h"
#include "tests/crash/crash_requests.h"

namespace coop::testing {
namespace {

std::unique_ptr<grpc::ClientContext> Context(int timeout_ms = 30'000) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
  return context;
}

LogEvent Summary(const coop::v1::RecordedEvent& event) {
  LogEvent out;
  out.id = absl::AsciiStrToLower(event.event_id());
  out.stream = event.stream_id();
  out.version = event.stream_version();
  out.type = event.type();
  out.hash = event.hash();
  if (event.type() == "coop.v1.GraduatePlaced") {
    coop::v1::GraduatePlaced placed;
    if (placed.ParseFromString(event.payload())) out.person_ref = placed.person_ref();
  } else if (event.type() == "coop.v1.PersonErased") {
    coop::v1::PersonErased erased;
    if (erased.ParseFromString(event.payload())) out.person_ref = erased.person_ref();
  }
  return out;
}

// The event at `position`, or null past the head.
const LogEvent* At(const Log& log, uint64_t position) {
  return position == 0 || position > log.size() ? nullptr : &log[position - 1];
}

}  // namespace

absl::StatusOr<Log> ReadWholeLog(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = coop::v1::EventStore::NewStub(channel);
  Log log;
  for (;;) {
    const uint64_t before = log.size();
    coop::v1::ReadAllRequest request;
    request.set_from_position(log.size() + 1);
    auto context = Context(120'000);
    auto reader = stub->ReadAll(context.get(), request);
    coop::v1::ReadResponse message;
    while (reader->Read(&message)) {
      if (!message.has_event()) continue;  // capped: read on from the next position
      if (message.event().position() != log.size() + 1) {
        return absl::InternalError(absl::StrCat("ReadAll: position ", log.size() + 1,
                                                " missing, read ", message.event().position()));
      }
      log.push_back(Summary(message.event()));
    }
    const grpc::Status status = reader->Finish();
    if (!status.ok()) {
      return absl::InternalError(absl::StrCat("ReadAll: ", status.error_message()));
    }
    if (log.size() == before) return log;
  }
}

std::set<std::string> ErasedRefs(const Log& log) {
  std::set<std::string> refs;
  for (const auto& event : log) {
    if (event.type == "coop.v1.PersonErased") refs.insert(event.person_ref);
  }
  return refs;
}

std::set<std::string> PlacedRefs(const Log& log) {
  std::set<std::string> refs;
  for (const auto& event : log) {
    if (event.type == "coop.v1.GraduatePlaced") refs.insert(event.person_ref);
  }
  return refs;
}

absl::StatusOr<std::map<std::string, std::pair<std::string, uint64_t>>> ProjectionStates(
    const std::shared_ptr<grpc::Channel>& channel) {
  coop::v1::ProjectionStatusReply reply;
  const grpc::Status status =
      coop::v1::Reporting::NewStub(channel)->GetProjectionStatus(Context(5'000).get(), {}, &reply);
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat("GetProjectionStatus: ", status.error_message()));
  }
  std::map<std::string, std::pair<std::string, uint64_t>> out;
  for (const auto& p : reply.projections()) out[p.name()] = {p.state(), p.position()};
  return out;
}

absl::Status WaitLiveAt(const std::shared_ptr<grpc::Channel>& channel, uint64_t head,
                        absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string laggards;
  while (absl::Now() < deadline) {
    auto states = ProjectionStates(channel);
    laggards.clear();
    if (states.ok()) {
      for (const auto& [name, state] : *states) {
        if (state.first == "failed") {
          return absl::InternalError(absl::StrCat("projection ", name, " failed"));
        }
        if (state.first != "live" || state.second != head) {
          absl::StrAppend(&laggards, " ", name, " (", state.first, " at ", state.second, ")");
        }
      }
      if (laggards.empty() && !states->empty()) return absl::OkStatus();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("not every projection live at ", head, ":", laggards));
}

void CheckAcknowledged(const Log& log, const CrashLedger& ledger, Failures* failures) {
  for (const auto& [id, position] : ledger.raw_events()) {
    const LogEvent* event = At(log, position);
    if (event == nullptr || event->id != absl::AsciiStrToLower(id)) {
      failures->push_back(absl::StrCat("acknowledged raw event ", id, " is not at position ",
                                       position, event == nullptr ? " (past the head)" : ""));
    }
  }
  for (const auto& command : ledger.commands()) {
    if (command.position == 0) continue;  // RecordPerson: the vault's, checked there
    const LogEvent* event = At(log, command.position);
    if (event == nullptr || event->stream != command.stream_id ||
        event->version != command.version) {
      failures->push_back(absl::StrCat("acknowledged ", CommandKindName(command.kind), " (cycle ",
                                       command.cycle, ") is not at position ", command.position,
                                       " as ", command.stream_id, " version ", command.version));
    }
  }
  for (const auto& [position, id] : ledger.received()) {
    const LogEvent* event = At(log, position);
    if (event == nullptr || event->id != absl::AsciiStrToLower(id)) {
      failures->push_back(absl::StrCat("event ", id, " a subscription received at position ",
                                       position, " is not there after the restart"));
    }
  }
}

void CheckVerifyLog(const std::shared_ptr<grpc::Channel>& channel, uint64_t head,
                    Failures* failures) {
  coop::v1::VerifyLogResponse verified;
  const grpc::Status status =
      coop::v1::EventStore::NewStub(channel)->VerifyLog(Context(120'000).get(), {}, &verified);
  if (!status.ok()) {
    failures->push_back(absl::StrCat("VerifyLog: ", status.error_message()));
  } else if (!verified.ok() || verified.verified_to() != head) {
    failures->push_back(absl::StrCat("VerifyLog: ", verified.problem(), " at position ",
                                     verified.first_bad_position(), ", verified to ",
                                     verified.verified_to(), " of ", head));
  }
}

void CheckReruns(const std::shared_ptr<grpc::Channel>& channel, const CrashLedger& ledger,
                 int cycle, const Log& log, Failures* failures) {
  const std::set<std::string> erased = ErasedRefs(log);
  for (const auto& command : ledger.commands()) {
    if (command.cycle != cycle) continue;
    const CommandAnswer again = SendCommand(channel, command.kind, command.request, 30'000);
    const std::string what = absl::StrCat(CommandKindName(command.kind), " sent again (",
                                          command.stream_id, command.answer, ")");
    if (command.kind == CommandKind::kRecordPerson && erased.contains(command.answer)) {
      // An erased person is never recorded again (PERSON-05), not even by a retry.
      if (again.status.error_code() != grpc::StatusCode::FAILED_PRECONDITION ||
          again.status.error_message().find("PERSON-05") == std::string::npos) {
        failures->push_back(absl::StrCat(what, " of an erased person: ", again.status.error_code(),
                                         " ", again.status.error_message()));
      }
      continue;
    }
    if (!again.status.ok()) {
      failures->push_back(
          absl::StrCat(what, ": ", again.status.error_code(), " ", again.status.error_message()));
    } else if (!again.duplicate || again.stream_id != command.stream_id ||
               again.version != command.version || again.position != command.position ||
               again.answer != command.answer) {
      failures->push_back(absl::StrCat(what, ": duplicate ", again.duplicate, ", answered ",
                                       again.stream_id, again.answer, " version ", again.version,
                                       " position ", again.position, " instead of version ",
                                       command.version, " position ", command.position));
    }
  }
}

Retried CheckRetries(const std::shared_ptr<grpc::Channel>& channel, CrashLedger* ledger, int cycle,
                     const Log& log, Failures* failures, std::vector<std::string>* notes) {
  Retried retried;
  std::map<std::string, uint64_t> positions;  // event id -> position
  for (size_t i = 0; i < log.size(); ++i) positions[log[i].id] = i + 1;
  for (const auto& command : ledger->TakeUnanswered()) {
    const CommandFacts facts = FactsOf(command.kind, command.request);
    const auto first =
        positions.find(absl::AsciiStrToLower(commands::DerivedEventId(facts.command_id, 0)));
    const bool applied = command.kind != CommandKind::kRecordPerson && first != positions.end();
    ++retried.sent;
    retried.duplicates += applied ? 1 : 0;
    const CommandAnswer again = SendCommand(channel, command.kind, command.request, 30'000);
    const std::string what = absl::StrCat(CommandKindName(command.kind), " ", facts.command_id,
                                          " unanswered in cycle ", command.cycle, ", sent again");
    if (!again.status.ok()) {
      if (applied) {
        failures->push_back(absl::StrCat(what, ": ", again.status.error_code(), " ",
                                         again.status.error_message(), " though the log holds it"));
      } else {
        notes->push_back(absl::StrCat(what, ": refused (", again.status.error_code(),
                                      "): ", again.status.error_message()));
      }
      continue;
    }
    if (command.kind != CommandKind::kRecordPerson && again.duplicate != applied) {
      failures->push_back(absl::StrCat(what, ": duplicate ", again.duplicate,
                                       " but its first event ", applied ? "was" : "was not",
                                       " in the log before"));
    }
    if (applied && again.position < first->second) {
      failures->push_back(absl::StrCat(what, ": answered position ", again.position,
                                       ", before its first event at ", first->second));
    }
    ledger->Commanded({command.kind, command.request, again.stream_id, again.version,
                       again.position, again.answer, cycle});
    switch (command.kind) {
      case CommandKind::kRegisterCooperative:
        ledger->CooperativeRegistered(again.answer);
        break;
      case CommandKind::kPlaceGraduate:
        ledger->Placed(facts.person_ref);
        break;
      case CommandKind::kForgetPerson:
        ledger->ForgetSent(facts.person_ref);
        ledger->ForgetAnswered(facts.person_ref);
        break;
      case CommandKind::kRecordPerson:
        ledger->PersonRecorded(again.answer, facts.details);
        break;
      case CommandKind::kReportMembership:
        break;
    }
  }
  auto stub = coop::v1::EventStore::NewStub(channel);
  for (const auto& bytes : ledger->TakeUnansweredAppends()) {
    coop::v1::AppendRequest request;
    (void)request.ParseFromString(bytes);
    std::vector<std::string> ids;
    for (const auto& stream : request.streams()) {
      for (const auto& event : stream.events()) ids.push_back(event.event_id());
    }
    const auto first = positions.find(absl::AsciiStrToLower(ids.front()));
    const bool applied = first != positions.end();
    ++retried.sent;
    retried.duplicates += applied ? 1 : 0;
    coop::v1::AppendResponse response;
    const grpc::Status status = stub->Append(Context().get(), request, &response);
    const std::string what = absl::StrCat("a raw append of ", ids.size(), " events from ",
                                          ids.front(), " unanswered, sent again");
    if (!status.ok()) {
      failures->push_back(
          absl::StrCat(what, ": ", status.error_code(), " ", status.error_message()));
      continue;
    }
    if (response.duplicate() != applied ||
        (applied && response.first_position() != first->second)) {
      failures->push_back(absl::StrCat(what, ": duplicate ", response.duplicate(), " at ",
                                       response.first_position(), " but the log held it ",
                                       applied ? absl::StrCat("at ", first->second) : "nowhere"));
    }
    ledger->RawAppended(ids, response.first_position());
  }
  return retried;
}

void CheckBackups(const std::shared_ptr<grpc::Channel>& channel, const CrashLedger& ledger,
                  const Log& log, Failures* failures) {
  auto admin = coop::v1::Admin::NewStub(channel);
  coop::v1::ListBackupsReply listed;
  grpc::Status status = admin->ListBackups(Context().get(), {}, &listed);
  if (!status.ok()) {
    failures->push_back(absl::StrCat("ListBackups: ", status.error_message()));
    return;
  }
  std::set<uint64_t> ids;
  for (const auto& info : listed.backups()) {
    ids.insert(info.backup_id());
    const LogEvent* event = At(log, info.log_head_position());
    if (info.log_head_position() > 0 && (event == nullptr || event->hash != info.chain_head())) {
      failures->push_back(absl::StrCat("backup ", info.backup_id(), ": its chain head at position ",
                                       info.log_head_position(), " is not the log's"));
    }
  }
  const auto acked = ledger.backups();
  if (!acked.empty() && !ids.contains(acked.back().backup_id())) {
    // Retention may have removed it, but only to keep `keep` newer ones.
    size_t newer = 0;
    for (uint64_t id : ids) newer += id > acked.back().backup_id() ? 1 : 0;
    if (newer < listed.keep()) {
      failures->push_back(absl::StrCat("acknowledged backup ", acked.back().backup_id(),
                                       " is not listed (", ids.size(), " backups are)"));
    }
  }
  if (ids.empty()) return;
  coop::v1::VerifyBackupReply verified;
  status = admin->VerifyBackup(Context(120'000).get(), {}, &verified);
  if (!status.ok()) {
    failures->push_back(absl::StrCat("VerifyBackup of the newest: ", status.error_code(), " ",
                                     status.error_message()));
  }
}

}  // namespace coop::testing
