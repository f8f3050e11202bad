#include "tests/crash/crash_load.h"

#include <chrono>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "coop/v1/admin.grpc.pb.h"
#include "coop/v1/eventstore.grpc.pb.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/crash/crash_requests.h"
#include "tests/support/event_builders.h"
#include "tests/support/grpc_test_support.h"

namespace coop::testing {
namespace {

// The codes that mean "no answer": the server died or was killed during the call.
bool Unanswered(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::INTERNAL:  // a stream cut mid-message
    case grpc::StatusCode::UNKNOWN:
      return true;
    default:
      return false;
  }
}

}  // namespace

CrashLoad::CrashLoad(CrashLedger* ledger, CrashLoadOptions options)
    : ledger_(ledger), options_(std::move(options)), channel_(TestChannel(options_.address)) {}

CrashLoad::~CrashLoad() { Stop(); }

void CrashLoad::Start() {
  threads_.emplace_back([this] { Commands(); });
  threads_.emplace_back([this] { RawAppends(0); });
  threads_.emplace_back([this] { RawAppends(1); });
  threads_.emplace_back([this] { People(); });
  threads_.emplace_back([this] { Subscribe(); });
  threads_.emplace_back([this] { Administer(); });
}

void CrashLoad::Stop() {
  stopping_ = true;
  {
    absl::MutexLock lock(&mu_);
    if (subscription_ != nullptr) subscription_->TryCancel();
  }
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

std::map<std::string, int> CrashLoad::outcomes() const {
  absl::MutexLock lock(&mu_);
  return outcomes_;
}

bool CrashLoad::Outcome(const std::string& method, const grpc::Status& status) {
  std::string label = "OK";
  if (!status.ok() && Unanswered(status)) {
    label = "no answer";
  } else if (!status.ok()) {
    // A refusal: the load only sends what the rules allow, so each one is worth a look.
    label = absl::StrCat("refused ", status.error_code());
    ledger_->Problem(absl::StrCat("cycle ", options_.cycle, ": ", method, " refused (",
                                  status.error_code(), "): ", status.error_message()));
  }
  absl::MutexLock lock(&mu_);
  ++outcomes_[absl::StrCat(method, ": ", label)];
  return status.ok();
}

std::unique_ptr<grpc::ClientContext> CrashLoad::Context(int timeout_ms) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
  return context;
}

void CrashLoad::Pause(int millis) const {
  std::this_thread::sleep_for(std::chrono::milliseconds(millis));
}

void CrashLoad::Commands() {
  std::mt19937 rng(options_.seed * 31 + 1);
  for (int n = 0; !stopping_; ++n) {
    const int dice = static_cast<int>(rng() % 10);
    auto cooperative = ledger_->AnyCooperative(&rng);
    auto person = dice >= 8 ? ledger_->AnyPerson(&rng, /*unplaced=*/true) : std::nullopt;
    if (dice < 4 || !cooperative) {
      // Codes unique per run: 25 ‖ cycle (4 digits) ‖ n (4 digits).
      const std::string code =
          absl::StrCat(2500000000LL + options_.cycle % 10000 * 10000LL + n % 10000);
      const std::string request = CrashRegistration(code).SerializeAsString();
      auto answer = SendCommand(channel_, CommandKind::kRegisterCooperative, request, 10'000);
      if (Outcome("RegisterCooperative", answer.status)) {
        ledger_->Commanded({CommandKind::kRegisterCooperative, request, answer.stream_id,
                            answer.version, answer.position, answer.answer, options_.cycle});
        ledger_->CooperativeRegistered(answer.answer);
      } else if (Unanswered(answer.status)) {
        ledger_->Unanswered({CommandKind::kRegisterCooperative, request, options_.cycle});
      }
    } else if (dice < 8 || !person) {
      const std::string request =
          CrashMembership(*cooperative, 9 + static_cast<int>(rng() % 40), static_cast<int>(n))
              .SerializeAsString();
      auto answer = SendCommand(channel_, CommandKind::kReportMembership, request, 10'000);
      if (Outcome("ReportCooperativeMembership", answer.status)) {
        ledger_->Commanded({CommandKind::kReportMembership, request, answer.stream_id,
                            answer.version, answer.position, answer.answer, options_.cycle});
      } else if (Unanswered(answer.status)) {
        ledger_->Unanswered({CommandKind::kReportMembership, request, options_.cycle});
      }
    } else {
      const std::string request = CrashPlacement(*person, *cooperative).SerializeAsString();
      auto answer = SendCommand(channel_, CommandKind::kPlaceGraduate, request, 10'000);
      if (Outcome("PlaceGraduate", answer.status)) {
        ledger_->Commanded({CommandKind::kPlaceGraduate, request, answer.stream_id, answer.version,
                            answer.position, answer.answer, options_.cycle});
        ledger_->Placed(*person);
      } else if (Unanswered(answer.status)) {
        ledger_->Unanswered({CommandKind::kPlaceGraduate, request, options_.cycle});
      }
    }
    Pause(5);
  }
}

void CrashLoad::RawAppends(int client) {
  auto stub = coop::v1::EventStore::NewStub(channel_);
  std::mt19937 rng(options_.seed * 31 + 2 + client);
  for (int n = 0; !stopping_; ++n) {
    auto request =
        AppendTo(absl::StrCat("crash-", rng() % 32), Any(), 1 + static_cast<int>(rng() % 3));
    if (n % 5 == 0) AddStream(&request, absl::StrCat("crash-pair-", client), Any(), 1);
    coop::v1::AppendResponse response;
    const grpc::Status status = stub->Append(Context().get(), request, &response);
    if (!Outcome("EventStore.Append", status)) {
      if (Unanswered(status)) ledger_->UnansweredAppend(request.SerializeAsString());
    } else {
      std::vector<std::string> ids;
      for (const auto& stream : request.streams()) {
        for (const auto& event : stream.events()) ids.push_back(event.event_id());
      }
      ledger_->RawAppended(ids, response.first_position());
    }
    Pause(4);
  }
}

void CrashLoad::People() {
  auto stub = coop::v1::People::NewStub(channel_);
  std::mt19937 rng(options_.seed * 31 + 5);
  for (int n = 0; !stopping_; ++n) {
    const int dice = static_cast<int>(rng() % 10);
    auto person = dice >= 5 ? ledger_->AnyPerson(&rng, /*unplaced=*/false) : std::nullopt;
    if (!person) {
      const auto details = CrashPerson(options_.cycle, n, 0);
      const auto request = CrashRecording(details);
      coop::v1::RecordPersonReply reply;
      const grpc::Status status = stub->RecordPerson(Context().get(), request, &reply);
      if (Outcome("People.RecordPerson", status)) {
        ledger_->PersonRecorded(reply.person_ref(), details.SerializeAsString());
        ledger_->Commanded({CommandKind::kRecordPerson, request.SerializeAsString(), "", 0, 0,
                            reply.person_ref(), options_.cycle});
      } else if (Unanswered(status)) {
        ledger_->Unanswered(
            {CommandKind::kRecordPerson, request.SerializeAsString(), options_.cycle});
      }
    } else if (dice < 9) {
      const auto details = CrashPerson(options_.cycle, n, 1 + static_cast<int>(rng() % 999));
      ledger_->UpdateSent(*person, details.SerializeAsString());
      coop::v1::RecordPersonReply reply;
      if (Outcome("People.UpdatePerson",
                  stub->UpdatePerson(Context().get(), CrashUpdate(*person, details), &reply))) {
        ledger_->UpdateAnswered(*person, details.SerializeAsString());
      }
    } else {
      ledger_->ForgetSent(*person);
      const std::string request = CrashForgetting(*person).SerializeAsString();
      auto answer = SendCommand(channel_, CommandKind::kForgetPerson, request, 10'000);
      if (Outcome("People.ForgetPerson", answer.status)) {
        ledger_->ForgetAnswered(*person);
        ledger_->Commanded({CommandKind::kForgetPerson, request, answer.stream_id, answer.version,
                            answer.position, answer.answer, options_.cycle});
      } else if (Unanswered(answer.status)) {
        ledger_->Unanswered({CommandKind::kForgetPerson, request, options_.cycle});
      }
    }
    Pause(5);
  }
}

void CrashLoad::Subscribe() {
  auto stub = coop::v1::EventStore::NewStub(channel_);
  while (!stopping_) {
    grpc::ClientContext context;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      subscription_ = &context;
    }
    coop::v1::SubscribeRequest request;
    request.set_from_end(true);
    auto reader = stub->Subscribe(&context, request);
    coop::v1::SubscribeResponse message;
    uint64_t previous = 0;
    while (reader->Read(&message)) {
      if (!message.has_event()) continue;
      const uint64_t position = message.event().position();
      if (previous != 0 && position != previous + 1) {
        ledger_->Problem(absl::StrCat("cycle ", options_.cycle, ": the subscription went from ",
                                      previous, " to ", position));
      }
      previous = position;
      ledger_->Received(position, message.event().event_id());
    }
    const grpc::Status status = reader->Finish();
    {
      absl::MutexLock lock(&mu_);
      subscription_ = nullptr;
    }
    Outcome("EventStore.Subscribe", status);
    Pause(20);
  }
}

void CrashLoad::Administer() {
  auto admin = coop::v1::Admin::NewStub(channel_);
  auto reporting = coop::v1::Reporting::NewStub(channel_);
  for (size_t round = 0; !stopping_; ++round) {
    if (!options_.projections.empty()) {
      coop::v1::RebuildProjectionRequest request;
      request.set_name(
          options_.projections[(options_.cycle + round) % options_.projections.size()]);
      coop::v1::ProjectionStatus status;
      Outcome("Reporting.RebuildProjection",
              reporting->RebuildProjection(Context().get(), request, &status));
    }
    Pause(100);
    if (stopping_) break;
    coop::v1::CompactStoresReply compacted;
    Outcome("Admin.CompactStores", admin->CompactStores(Context(60'000).get(), {}, &compacted));
    if (stopping_) break;
    coop::v1::BackupInfo info;
    if (Outcome("Admin.CreateBackup", admin->CreateBackup(Context(60'000).get(), {}, &info))) {
      ledger_->BackedUp(info);
    }
    Pause(100);
  }
}

}  // namespace coop::testing
