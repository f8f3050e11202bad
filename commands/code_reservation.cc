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
  input->reservations.push_back(CodeReservation(cooperative_id, code));
  input->precheck = [store, code]() -> absl::Status {
    coop::v1::ReadStreamRequest read;
    read.set_stream_id(domain::CooperativeAggregate::CodeStreamId(code));
    read.set_max_count(1);
    auto held = store->ReadStream(read);
    if (held.status().code() == absl::StatusCode::kNotFound) return absl::OkStatus();
    if (!held.ok()) return held.status();
    coop::v1::CooperativeCodeReserved by;
    if (!held->empty() && !by.ParseFromString(held->front().payload())) by.Clear();
    return domain::Violation(
        "COOP-16", "registration.code",
        absl::StrCat(code, " is already the code of cooperative ", by.cooperative_id()));
  };
}

}  // namespace coop::commands
