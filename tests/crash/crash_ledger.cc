#include "tests/crash/crash_ledger.h"

#include <utility>

namespace coop::testing {

const char* CommandKindName(CommandKind kind) {
  switch (kind) {
    case CommandKind::kRegisterCooperative:
      return "RegisterCooperative";
    case CommandKind::kReportMembership:
      return "ReportCooperativeMembership";
    case CommandKind::kPlaceGraduate:
      return "PlaceGraduate";
    case CommandKind::kRecordPerson:
      return "RecordPerson";
    case CommandKind::kForgetPerson:
      return "ForgetPerson";
  }
  return "?";
}

void CrashLedger::RawAppended(const std::vector<std::string>& event_ids, uint64_t first_position) {
  absl::MutexLock lock(&mu_);
  uint64_t position = first_position;
  for (const auto& id : event_ids) raw_events_[id] = position++;
}

void CrashLedger::Commanded(AckedCommand command) {
  absl::MutexLock lock(&mu_);
  commands_.push_back(std::move(command));
}

void CrashLedger::Unanswered(UnansweredCommand command) {
  absl::MutexLock lock(&mu_);
  unanswered_.push_back(std::move(command));
}

std::vector<UnansweredCommand> CrashLedger::TakeUnanswered() {
  absl::MutexLock lock(&mu_);
  return std::exchange(unanswered_, {});
}

void CrashLedger::UnansweredAppend(std::string request) {
  absl::MutexLock lock(&mu_);
  unanswered_appends_.push_back(std::move(request));
}

std::vector<std::string> CrashLedger::TakeUnansweredAppends() {
  absl::MutexLock lock(&mu_);
  return std::exchange(unanswered_appends_, {});
}

void CrashLedger::CooperativeRegistered(const std::string& cooperative_id) {
  absl::MutexLock lock(&mu_);
  cooperatives_.push_back(cooperative_id);
}

void CrashLedger::PersonRecorded(const std::string& ref, const std::string& details) {
  absl::MutexLock lock(&mu_);
  auto [it, added] = persons_.try_emplace(ref);
  if (!added) return;  // a rerun's answer: the first one stands
  it->second.ref = ref;
  it->second.details = details;
  person_refs_.push_back(ref);
}

void CrashLedger::UpdateSent(const std::string& ref, const std::string& details) {
  absl::MutexLock lock(&mu_);
  persons_[ref].unanswered.push_back(details);
}

void CrashLedger::UpdateAnswered(const std::string& ref, const std::string& details) {
  absl::MutexLock lock(&mu_);
  auto& person = persons_[ref];
  person.details = details;
  person.unanswered.clear();
}

void CrashLedger::ForgetSent(const std::string& ref) {
  absl::MutexLock lock(&mu_);
  persons_[ref].forget_sent = true;
}

void CrashLedger::ForgetAnswered(const std::string& ref) {
  absl::MutexLock lock(&mu_);
  persons_[ref].forgotten = true;
}

void CrashLedger::Placed(const std::string& ref) {
  absl::MutexLock lock(&mu_);
  persons_[ref].placed = true;
}

void CrashLedger::Received(uint64_t position, const std::string& event_id) {
  absl::MutexLock lock(&mu_);
  received_[position] = event_id;
}

void CrashLedger::BackedUp(const coop::v1::BackupInfo& info) {
  absl::MutexLock lock(&mu_);
  backups_.push_back(info);
}

void CrashLedger::Problem(const std::string& what) {
  absl::MutexLock lock(&mu_);
  problems_.push_back(what);
}

std::vector<std::string> CrashLedger::TakeProblems() {
  absl::MutexLock lock(&mu_);
  return std::exchange(problems_, {});
}

std::optional<std::string> CrashLedger::AnyCooperative(std::mt19937* rng) const {
  absl::MutexLock lock(&mu_);
  if (cooperatives_.empty()) return std::nullopt;
  return cooperatives_[(*rng)() % cooperatives_.size()];
}

std::optional<std::string> CrashLedger::AnyPerson(std::mt19937* rng, bool unplaced) const {
  absl::MutexLock lock(&mu_);
  if (person_refs_.empty()) return std::nullopt;
  // A few tries at random: most people are neither placed nor forgotten.
  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::string& ref = person_refs_[(*rng)() % person_refs_.size()];
    const PersonRecord& person = persons_.at(ref);
    if (person.forget_sent || (unplaced && person.placed)) continue;
    return ref;
  }
  return std::nullopt;
}

std::map<std::string, uint64_t> CrashLedger::raw_events() const {
  absl::MutexLock lock(&mu_);
  return raw_events_;
}

std::vector<AckedCommand> CrashLedger::commands() const {
  absl::MutexLock lock(&mu_);
  return commands_;
}

std::map<std::string, PersonRecord> CrashLedger::persons() const {
  absl::MutexLock lock(&mu_);
  return persons_;
}

std::map<uint64_t, std::string> CrashLedger::received() const {
  absl::MutexLock lock(&mu_);
  return received_;
}

std::vector<coop::v1::BackupInfo> CrashLedger::backups() const {
  absl::MutexLock lock(&mu_);
  return backups_;
}

void CrashLedger::Settle(const std::string& ref, const std::string& details) {
  absl::MutexLock lock(&mu_);
  auto& person = persons_[ref];
  person.details = details;
  person.unanswered.clear();
}

size_t CrashLedger::raw_event_count() const {
  absl::MutexLock lock(&mu_);
  return raw_events_.size();
}

size_t CrashLedger::command_count() const {
  absl::MutexLock lock(&mu_);
  return commands_.size();
}

size_t CrashLedger::person_count() const {
  absl::MutexLock lock(&mu_);
  return persons_.size();
}

}  // namespace coop::testing
