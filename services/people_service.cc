#include "services/people_service.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/uuid.h"
#include "commands/derived_ids.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "services/grpc_status.h"

namespace coop::services {
namespace {

constexpr size_t kMaxFullName = 200;
constexpr size_t kMaxIdentityNumber = 32;
constexpr size_t kMaxPhone = 32;
constexpr size_t kMaxEmail = 254;
constexpr size_t kMaxAddress = 500;

absl::Status Invalid(const std::string& field, const std::string& detail) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", detail));
}

absl::Status CheckLength(const std::string& field, const std::string& value, size_t max) {
  if (value.size() > max) {
    return Invalid(field, absl::StrCat("at most ", max, " bytes (got ", value.size(), ")"));
  }
  return absl::OkStatus();
}

bool HasControlCharacter(const std::string& value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

absl::Status CheckCommandId(const coop::v1::CommandHeader& header) {
  if (!base::ParseUuid(header.command_id())) {
    return absl::InvalidArgumentError("header.command_id: must be a UUID");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidatePersonDetails(const coop::v1::PersonDetails& d, absl::CivilDay today,
                                   const std::string& prefix) {
  const std::string full_name = prefix + "full_name";
  if (absl::StripAsciiWhitespace(d.full_name()).empty()) {
    return domain::Violation("COMMON-03", full_name, "is required");
  }
  if (auto st = CheckLength(full_name, d.full_name(), kMaxFullName); !st.ok()) return st;
  if (HasControlCharacter(d.full_name())) return Invalid(full_name, "has a control character");

  const std::string identity = prefix + "identity_number";
  if (auto st = CheckLength(identity, d.identity_number(), kMaxIdentityNumber); !st.ok()) return st;
  for (char c : d.identity_number()) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
      return Invalid(identity, "only letters, digits and '-'");
    }
  }

  if (!d.date_of_birth().empty()) {
    auto day = domain::ParsePastDate(prefix + "date_of_birth", d.date_of_birth(), today);
    if (!day.ok()) return day.status();
    if (day->year() < 1900) return Invalid(prefix + "date_of_birth", "must be 1900 or later");
  }

  const std::string phone = prefix + "phone";
  if (auto st = CheckLength(phone, d.phone(), kMaxPhone); !st.ok()) return st;
  for (char c : d.phone()) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != ' ' && c != '+' && c != '-' &&
        c != '(' && c != ')' && c != '.') {
      return Invalid(phone, "only digits, spaces and + - ( ) .");
    }
  }

  const std::string email = prefix + "email";
  if (auto st = CheckLength(email, d.email(), kMaxEmail); !st.ok()) return st;
  if (!d.email().empty()) {
    const auto at = d.email().find('@');
    const bool one_at = at != std::string::npos && d.email().find('@', at + 1) == std::string::npos;
    if (!one_at || at == 0 || at + 1 == d.email().size()) {
      return Invalid(email, "must look like name@domain");
    }
    for (unsigned char c : d.email()) {
      if (c <= 0x20 || c == 0x7f) return Invalid(email, "must not contain spaces");
    }
  }

  const std::string address = prefix + "address_text";
  if (auto st = CheckLength(address, d.address_text(), kMaxAddress); !st.ok()) return st;
  for (unsigned char c : d.address_text()) {
    if ((c < 0x20 && c != '\n') || c == 0x7f) return Invalid(address, "has a control character");
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* PeopleService::RecordPerson(grpc::CallbackServerContext* context,
                                                      const coop::v1::RecordPersonRequest* request,
                                                      coop::v1::RecordPersonReply* reply) {
  auto* reactor = context->DefaultReactor();
  auto principal = AdmitOrFinish(*gate_, context, reactor, access::Permission::kPersonalData);
  if (principal == nullptr) return reactor;
  absl::Status st = CheckCommandId(request->header());
  if (st.ok()) st = ValidatePersonDetails(request->details(), domain::VietnamDay(absl::Now()));
  if (!st.ok()) {
    reactor->Finish(ToGrpcStatus(st));
    return reactor;
  }
  std::string ref = commands::DerivedEventId(request->header().command_id(), kPersonRefIndex);
  const bool posted =
      workers_->Post([this, reactor, reply, ref = std::move(ref), details = request->details()] {
        auto stored = vault_->Put(ref, details);
        if (stored.ok()) {
          reply->set_person_ref(ref);
          reply->set_duplicate(!*stored);
        }
        reactor->Finish(ToGrpcStatus(stored.status()));
      });
  if (!posted) reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "shutting down"));
  return reactor;
}

grpc::ServerUnaryReactor* PeopleService::UpdatePerson(grpc::CallbackServerContext* context,
                                                      const coop::v1::UpdatePersonRequest* request,
                                                      coop::v1::RecordPersonReply* reply) {
  auto* reactor = context->DefaultReactor();
  auto principal = AdmitOrFinish(*gate_, context, reactor, access::Permission::kPersonalData);
  if (principal == nullptr) return reactor;
  absl::Status st = CheckCommandId(request->header());
  if (st.ok() && !base::ParseUuid(request->person_ref())) {
    st = request->person_ref().empty() ? domain::Violation("COMMON-03", "person_ref", "is required")
                                       : absl::InvalidArgumentError("person_ref: must be a UUID");
  }
  if (st.ok()) st = ValidatePersonDetails(request->details(), domain::VietnamDay(absl::Now()));
  if (!st.ok()) {
    reactor->Finish(ToGrpcStatus(st));
    return reactor;
  }
  const bool posted = workers_->Post(
      [this, reactor, reply, ref = request->person_ref(), details = request->details()] {
        auto updated = vault_->Update(ref, details);
        if (updated.ok()) reply->set_person_ref(ref);
        reactor->Finish(ToGrpcStatus(updated));
      });
  if (!posted) reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "shutting down"));
  return reactor;
}

grpc::ServerUnaryReactor* PeopleService::GetPerson(grpc::CallbackServerContext* context,
                                                   const coop::v1::GetPersonRequest* request,
                                                   coop::v1::PersonDetails* reply) {
  auto* reactor = context->DefaultReactor();
  auto principal = AdmitOrFinish(*gate_, context, reactor, access::Permission::kPersonalData);
  if (principal == nullptr) return reactor;
  if (request->person_ref().empty()) {
    reactor->Finish(ToGrpcStatus(domain::Violation("COMMON-03", "person_ref", "is required")));
    return reactor;
  }
  auto details = vault_->Get(request->person_ref());
  if (details.ok()) *reply = *std::move(details);
  reactor->Finish(ToGrpcStatus(details.status()));
  return reactor;
}

}  // namespace coop::services
