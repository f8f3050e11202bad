#include "commands/code_reservation.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "coop/v1/cooperative_events.pb.h"
#include "domain/common/rules.h"
#include "domain/cooperative/cooperative_aggregate.h"

namespace coop::commands {

absl::Status CheckCooperativeCode(const std::string& code) {
  if (code.empty() || code.size() > 32) {
    return domain::Violation("COMMON-03", "registration.code", "must be 1 to 32 characters");
  }
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
      return domain::Violation("COMMON-03", "registration.code",
                               "may contain only letters, digits and '-'");
    }
  }
  return absl::OkStatus();
}

coop::v1::StreamAppend CodeReservation(const std::string& cooperative_id, const std::string& code) {
  coop::v1::StreamAppend reservation;
  reservation.set_stream_id(domain::CooperativeAggregate::CodeStreamId(code));
  reservation.mutable_expected()->set_kind(coop::v1::ExpectedVersion::NO_STREAM);
  coop::v1::CooperativeCodeReserved reserved;
  reserved.set_cooperative_id(cooperative_id);
  reserved.set_code(code);
  auto* event = reservation.add_events();
  event->set_type(coop::v1::CooperativeCodeReserved::descriptor()->full_name());
  event->set_schema_version(1);
  event->set_payload(reserved.SerializeAsString());
  return reservation;
}

void ReserveCode(eventstore::EventStore* store, const std::string& cooperative_id,
                 const std::string& code, CommandInput* input) {
  const std::string stream_id = domain::CooperativeAggregate::CodeStreamId(code);
  input->reservations.push_back(CodeReservation(cooperative_id, code));
  input->precheck = [store, code,
                     stream_id](std::vector<coop::v1::StreamAppend>* reservations) -> absl::Status {
    coop::v1::ReadStreamRequest read;
    read.set_stream_id(stream_id);
    read.set_direction(coop::v1::BACKWARDS);
    read.set_max_count(1);
    auto latest = store->ReadStream(read);
    if (latest.status().code() == absl::StatusCode::kNotFound) return absl::OkStatus();
    if (!latest.ok()) return latest.status();
    if (latest->empty()) return absl::OkStatus();
    const coop::v1::RecordedEvent& last = latest->front();
    if (last.type() == coop::v1::CooperativeCodeReleased::descriptor()->full_name()) {
      // Released by a withdrawn registration: reserved again on top of the release.
      for (auto& reservation : *reservations) {
        if (reservation.stream_id() != stream_id) continue;
        reservation.mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
        reservation.mutable_expected()->set_version(last.stream_version());
      }
      return absl::OkStatus();
    }
    coop::v1::CooperativeCodeReserved by;
    if (!by.ParseFromString(last.payload())) by.Clear();
    return domain::Violation(
        "COOP-16", "registration.code",
        absl::StrCat(code, " is already the code of cooperative ", by.cooperative_id()));
  };
}

coop::v1::StreamAppend CodeRelease(const std::string& cooperative_id, const std::string& code,
                                   const std::string& reason, uint64_t version) {
  coop::v1::StreamAppend release;
  release.set_stream_id(domain::CooperativeAggregate::CodeStreamId(code));
  release.mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
  release.mutable_expected()->set_version(version);
  coop::v1::CooperativeCodeReleased released;
  released.set_cooperative_id(cooperative_id);
  released.set_code(code);
  released.set_reason(reason);
  auto* event = release.add_events();
  event->set_type(coop::v1::CooperativeCodeReleased::descriptor()->full_name());
  event->set_schema_version(1);
  event->set_payload(released.SerializeAsString());
  return release;
}

}  // namespace coop::commands
