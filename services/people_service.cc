#include "services/people_service.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/iso_date.h"
#include "base/uuid.h"
#include "commands/command_digest.h"
#include "commands/derived_ids.h"
#include "domain/common/dates.h"
#include "domain/common/rules.h"
#include "services/command_call.h"
#include "services/grpc_status.h"
#include "services/view_wait.h"

namespace coop::services {
namespace {

constexpr size_t kMaxFullName = 200;
constexpr size_t kMaxIdentityNumber = 32;
constexpr size_t kMaxPhone = 32;
constexpr size_t kMaxEmail = 254;
constexpr size_t kMaxAddress = 500;

// INVALID_ARGUMENT "field: <vietnamese> / field: <english>".
absl::Status Invalid(const std::string& field, const std::string& vietnamese,
                     const std::string& english) {
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": ", vietnamese, " / ", field, ": ", english));
}

absl::Status CheckLength(const std::string& field, const std::string& value, size_t max) {
  if (value.size() > max) {
    return Invalid(field, absl::StrCat("tối đa ", max, " byte (nhận ", value.size(), ")"),
                   absl::StrCat("at most ", max, " bytes (got ", value.size(), ")"));
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
    return Invalid("header.command_id", "phải là một UUID", "must be a UUID");
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
  if (HasControlCharacter(d.full_name())) {
    return Invalid(full_name, "có ký tự điều khiển", "has a control character");
  }

  const std::string identity = prefix + "identity_number";
  if (auto st = CheckLength(identity, d.identity_number(), kMaxIdentityNumber); !st.ok()) return st;
  for (char c : d.identity_number()) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
      return Invalid(identity, "chỉ được có chữ cái, chữ số và '-'",
                     "only letters, digits and '-'");
    }
  }

  if (!d.date_of_birth().empty()) {
    // Not a business date: people recorded may be born before kEarliestBusinessDate.
    auto day = base::ParseIsoDate(d.date_of_birth());
    if (!day.ok()) {
      return Invalid(prefix + "date_of_birth",
                     absl::StrCat("\"", d.date_of_birth(), "\" không phải ngày dạng YYYY-MM-DD"),
                     std::string(day.status().message()));
    }
    if (day->year() < 1900) {
      return Invalid(prefix + "date_of_birth", "phải từ năm 1900 trở đi", "must be 1900 or later");
    }
    if (*day > today) {
      return Invalid(prefix + "date_of_birth", "là ngày sau hôm nay", "is after today");
    }
  }

  const std::string phone = prefix + "phone";
  if (auto st = CheckLength(phone, d.phone(), kMaxPhone); !st.ok()) return st;
  for (char c : d.phone()) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != ' ' && c != '+' && c != '-' &&
        c != '(' && c != ')' && c != '.') {
      return Invalid(phone, "chỉ được có chữ số, dấu cách và + - ( ) .",
                     "only digits, spaces and + - ( ) .");
    }
  }

  const std::string email = prefix + "email";
  if (auto st = CheckLength(email, d.email(), kMaxEmail); !st.ok()) return st;
  if (!d.email().empty()) {
    const auto at = d.email().find('@');
    const bool one_at = at != std::string::npos && d.email().find('@', at + 1) == std::string::npos;
    if (!one_at || at == 0 || at + 1 == d.email().size()) {
      return Invalid(email, "phải có dạng tên@miền", "must look like name@domain");
    }
    for (unsigned char c : d.email()) {
      if (c <= 0x20 || c == 0x7f) {
        return Invalid(email, "không được chứa dấu cách", "must not contain spaces");
      }
    }
  }

  const std::string address = prefix + "address_text";
  if (auto st = CheckLength(address, d.address_text(), kMaxAddress); !st.ok()) return st;
  for (unsigned char c : d.address_text()) {
    if ((c < 0x20 && c != '\n') || c == 0x7f) {
      return Invalid(address, "có ký tự điều khiển", "has a control character");
    }
  }
  if (d.has_erasure()) {
    return Invalid(prefix + "erasure",
                   "chỉ GetPerson mới đặt trường này (trong trả lời về người đã bị xoá dữ liệu)",
                   "is set by GetPerson only (an erased person's reply)");
  }
  return absl::OkStatus();
}

namespace {

absl::Status CheckRecordedFor(const coop::v1::RecordPersonRequest& request) {
  switch (request.recorded_for_case()) {
    case coop::v1::RecordPersonRequest::kCooperativeId:
      if (request.cooperative_id().empty()) {
        return domain::Violation("COMMON-03", "cooperative_id", "is required");
      }
      return absl::OkStatus();
    case coop::v1::RecordPersonRequest::kArea:
      if (request.area().code().empty() || request.area().unit_set().empty()) {
        return domain::Violation("COMMON-03", "area", "needs a code and a unit set");
      }
      return absl::OkStatus();
    default:
      return domain::Violation("COMMON-03", "recorded_for",
                               "is required: the cooperative_id or the area the person is "
                               "recorded for (it decides who may read the details)");
  }
}

coop::v1::PersonScope ScopeOf(const coop::v1::RecordPersonRequest& request) {
  coop::v1::PersonScope scope;
  if (request.has_area()) {
    *scope.mutable_area() = request.area();
  } else {
    scope.set_cooperative_id(request.cooperative_id());
  }
  return scope;
}

}  // namespace

PeopleService::PeopleService(vault::PersonVault* vault, vault::PersonAccessLog* access_log,
                             projections::ProjectionStore* projections,
                             const projections::ProjectionSet* views, const CallGate* gate,
                             commands::CommandWorkers* workers, eventstore::EventStore* store,
                             std::function<domain::DecisionContext()> context,
                             std::function<absl::Time()> now, backup::ErasureJournal* erasures)
    : vault_(vault),
      access_log_(access_log),
      scope_rules_(vault, projections, views),
      gate_(gate),
      workers_(workers),
      store_(store),
      people_(store, std::move(context)),
      now_(std::move(now)),
      erasures_(erasures) {
  ParseRequestsOf(&PeopleService::RecordPerson, &PeopleService::GetPerson,
                  &PeopleService::UpdatePerson, &PeopleService::ListPersonAccess,
                  &PeopleService::ForgetPerson);
}

coop::v1::PersonAccess PeopleService::AccessEntry(const grpc::CallbackServerContext* context,
                                                  const access::Principal& principal,
                                                  const char* action,
                                                  const std::string& person_ref) const {
  coop::v1::PersonAccess entry;
  entry.set_principal(principal.name);
  entry.set_agency(principal.authenticated ? principal.agency
                                           : CallMetadata(*context, "x-coop-agency"));
  entry.set_action(action);
  entry.set_person_ref(person_ref);
  entry.set_client(CallMetadata(*context, "x-coop-client"));
  return entry;
}

void PeopleService::Post(grpc::ServerUnaryReactor* reactor, std::function<absl::Status()> work) {
  if (!workers_->Post(
          [reactor, work = std::move(work)] { reactor->Finish(ToGrpcStatus(work())); })) {
    reactor->Finish(ToGrpcStatus(ServerStoppingError()));
  }
}

grpc::ServerUnaryReactor* PeopleService::RecordPerson(grpc::CallbackServerContext* context,
                                                      const coop::v1::RecordPersonRequest* request,
                                                      coop::v1::RecordPersonReply* reply) {
  auto* reactor = context->DefaultReactor();
  auto principal = AdmitOrFinish(*gate_, context, reactor, access::Permission::kPersonalData);
  if (principal == nullptr) return reactor;
  auto checked = CheckedRequest(*request);
  absl::Status st = checked.status();
  if (st.ok()) st = CheckCommandId(checked->header());
  if (st.ok()) st = CheckRecordedFor(*checked);
  if (st.ok()) st = ValidatePersonDetails(checked->details(), domain::VietnamDay(now_()));
  if (!st.ok()) {
    reactor->Finish(ToGrpcStatus(st));
    return reactor;
  }
  std::string ref = commands::DerivedEventId(checked->header().command_id(), kPersonRefIndex);
  auto entry = AccessEntry(context, *principal, "record", ref);
  Post(reactor,
       [this, context, request = *std::move(checked), reply, principal, ref = std::move(ref),
        entry = std::move(entry)]() -> absl::Status {
         const coop::v1::PersonScope scope = ScopeOf(request);
         if (auto st = scope_rules_.CheckRecordedFor(*principal, scope, context); !st.ok()) {
           return st;
         }
         // Logged first: an attempt that then fails is logged; a change never goes unlogged.
         if (auto st = access_log_->Record(entry); !st.ok()) return st;
         // Only the command id of the header means something to RecordPerson.
         coop::v1::RecordPersonRequest hashed = request;
         hashed.mutable_header()->clear_occurred_on();
         auto stored = vault_->Put(ref, request.details(), scope, commands::CommandDigest(hashed));
         if (!stored.ok()) return stored.status();
         reply->set_person_ref(ref);
         reply->set_duplicate(!*stored);
         return absl::OkStatus();
       });
  return reactor;
}

grpc::ServerUnaryReactor* PeopleService::UpdatePerson(grpc::CallbackServerContext* context,
                                                      const coop::v1::UpdatePersonRequest* request,
                                                      coop::v1::RecordPersonReply* reply) {
  auto* reactor = context->DefaultReactor();
  auto principal = AdmitOrFinish(*gate_, context, reactor, access::Permission::kPersonalData);
  if (principal == nullptr) return reactor;
  auto checked = CheckedRequest(*request);
  absl::Status st = checked.status();
  if (st.ok()) st = CheckCommandId(checked->header());
  if (st.ok() && !base::ParseUuid(checked->person_ref())) {
    st = checked->person_ref().empty()
             ? domain::Violation("COMMON-03", "person_ref", "is required")
             : Invalid("person_ref", "phải là một UUID", "must be a UUID");
  }
  if (st.ok()) st = ValidatePersonDetails(checked->details(), domain::VietnamDay(now_()));
  if (!st.ok()) {
    reactor->Finish(ToGrpcStatus(st));
    return reactor;
  }
  auto entry = AccessEntry(context, *principal, "update", checked->person_ref());
  Post(reactor,
       [this, context, request = *std::move(checked), reply, principal,
        entry = std::move(entry)]() -> absl::Status {
         const std::string& ref = request.person_ref();
         if (auto st = scope_rules_.CheckPerson(*principal, ref, context); !st.ok()) return st;
         if (auto st = access_log_->Record(entry); !st.ok()) return st;  // logged first
         if (auto st = vault_->Update(ref, request.details()); !st.ok()) return st;
         reply->set_person_ref(ref);
         return absl::OkStatus();
       });
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
  auto entry = AccessEntry(context, *principal, "read", request->person_ref());
  Post(reactor,
       [this, context, request, reply, principal, entry = std::move(entry)]() -> absl::Status {
         if (auto st = scope_rules_.CheckPerson(*principal, request->person_ref(), context);
             !st.ok()) {
           return st;
         }
         // An erased person reads as erased: the day and the ground, nothing else.
         auto erasure = vault_->ErasureOf(request->person_ref());
         if (!erasure.ok()) return erasure.status();
         if (erasure->has_value()) {
           if (auto st = access_log_->Record(entry); !st.ok()) return st;
           *reply->mutable_erasure() = **erasure;
           return absl::OkStatus();
         }
         auto details = vault_->Get(request->person_ref());
         if (!details.ok()) return details.status();
         // Logged before the details leave: no read without its entry.
         if (auto st = access_log_->Record(entry); !st.ok()) return st;
         *reply = *std::move(details);
         return absl::OkStatus();
       });
  return reactor;
}

grpc::ServerUnaryReactor* PeopleService::ListPersonAccess(
    grpc::CallbackServerContext* context, const coop::v1::ListPersonAccessRequest* request,
    coop::v1::ListPersonAccessReply* reply) {
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(*gate_, context, reactor, access::Permission::kReadAccessLog) == nullptr) {
    return reactor;
  }
  if (request->page_size() > kMaxAccessPage) {
    reactor->Finish(ToGrpcStatus(Invalid(
        "page_size", absl::StrCat("tối đa ", kMaxAccessPage, " (0 nghĩa là ", kMaxAccessPage, ")"),
        absl::StrCat("at most ", kMaxAccessPage, " (0 means ", kMaxAccessPage, ")"))));
    return reactor;
  }
  Post(reactor, [this, request, reply]() -> absl::Status {
    const size_t limit = request->page_size() == 0 ? kMaxAccessPage : request->page_size();
    auto page = access_log_->List(request->person_ref(), request->page_token(), limit);
    if (!page.ok()) return page.status();
    for (auto& entry : page->entries) *reply->add_entries() = std::move(entry);
    reply->set_next_page_token(page->next_page_token);
    return absl::OkStatus();
  });
  return reactor;
}

}  // namespace coop::services
