#include "tests/crash/crash_requests.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/uuid.h"
#include "coop/v1/people.grpc.pb.h"
#include "coop/v1/programs.grpc.pb.h"
#include "coop/v1/registry.grpc.pb.h"

namespace coop::testing {
namespace {

coop::v1::CommandHeader Header(const std::string& occurred_on) {
  coop::v1::CommandHeader header;
  header.set_command_id(base::NewRandomUuid());
  header.set_occurred_on(occurred_on);
  return header;
}

std::unique_ptr<grpc::ClientContext> Context(int timeout_ms) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
  return context;
}

void Take(const grpc::Status& status, const coop::v1::CommandReply& reply, CommandAnswer* out) {
  out->status = status;
  out->stream_id = reply.stream_id();
  out->version = reply.version();
  out->position = reply.position();
  out->answer = reply.aggregate_id();
  out->duplicate = reply.duplicate();
}

}  // namespace

coop::v1::RegisterCooperativeRequest CrashRegistration(const std::string& code) {
  coop::v1::RegisterCooperativeRequest request;
  *request.mutable_header() = Header("2024-09-01");
  auto* r = request.mutable_registration();
  r->set_code(code);
  r->set_kind(coop::v1::COOPERATIVE);
  r->set_name(absl::StrCat("HTX Thử nghiệm sự cố ", code));
  r->set_law_regime(coop::v1::LAW_2023);
  r->mutable_address()->set_code("32059");  // Xã Khánh An, Huyện U Minh, Cà Mau
  r->mutable_address()->set_unit_set("2025-03");
  r->set_charter_capital_vnd(500'000'000);
  r->mutable_members()->set_official(9);
  r->set_origin(coop::v1::ORIGIN_NEW);
  return request;
}

coop::v1::ReportCooperativeMembershipRequest CrashMembership(const std::string& cooperative_id,
                                                             int official, int day) {
  coop::v1::ReportCooperativeMembershipRequest request;
  *request.mutable_header() =
      Header(absl::StrFormat("2025-%02d-%02d", 1 + (day / 28) % 6, 1 + day % 28));
  request.set_cooperative_id(cooperative_id);
  request.mutable_membership_reported()->mutable_members()->set_official(official);
  return request;
}

coop::v1::PlaceGraduateRequest CrashPlacement(const std::string& person_ref,
                                              const std::string& cooperative_id) {
  coop::v1::PlaceGraduateRequest request;
  *request.mutable_header() = Header("2025-02-01");
  auto* placed = request.mutable_placed();
  placed->set_person_ref(person_ref);
  placed->set_degree(coop::v1::DEGREE_UNIVERSITY);
  placed->set_field("nuôi trồng thủy sản");
  placed->set_cooperative_id(cooperative_id);
  placed->set_planned_term_months(24);
  return request;
}

coop::v1::PersonDetails CrashPerson(int cycle, int n, int version) {
  coop::v1::PersonDetails details;
  details.set_full_name(absl::StrCat("Người Thử Nghiệm ", cycle, "-", n));
  details.set_identity_number(absl::StrFormat("0891%04d%04d", cycle % 10000, n % 10000));
  details.set_phone(absl::StrFormat("0912 %03d %03d", n % 1000, version % 1000));
  details.set_address_text(absl::StrCat("Ấp ", version, ", xã Khánh An"));
  return details;
}

coop::v1::RecordPersonRequest CrashRecording(const coop::v1::PersonDetails& details) {
  coop::v1::RecordPersonRequest request;
  *request.mutable_header() = Header("2025-02-01");
  *request.mutable_details() = details;
  request.mutable_area()->set_code("966");  // Huyện U Minh
  request.mutable_area()->set_unit_set("2025-03");
  return request;
}

coop::v1::UpdatePersonRequest CrashUpdate(const std::string& person_ref,
                                          const coop::v1::PersonDetails& details) {
  coop::v1::UpdatePersonRequest request;
  *request.mutable_header() = Header("2025-02-01");
  request.set_person_ref(person_ref);
  *request.mutable_details() = details;
  return request;
}

coop::v1::ForgetPersonRequest CrashForgetting(const std::string& person_ref) {
  coop::v1::ForgetPersonRequest request;
  *request.mutable_header() = Header("2025-02-01");
  request.set_person_ref(person_ref);
  request.set_ground("yêu cầu của chủ thể dữ liệu / data subject's request");
  return request;
}

CommandFacts FactsOf(CommandKind kind, const std::string& request) {
  CommandFacts facts;
  switch (kind) {
    case CommandKind::kRegisterCooperative: {
      coop::v1::RegisterCooperativeRequest message;
      (void)message.ParseFromString(request);
      facts.command_id = message.header().command_id();
      break;
    }
    case CommandKind::kReportMembership: {
      coop::v1::ReportCooperativeMembershipRequest message;
      (void)message.ParseFromString(request);
      facts.command_id = message.header().command_id();
      break;
    }
    case CommandKind::kPlaceGraduate: {
      coop::v1::PlaceGraduateRequest message;
      (void)message.ParseFromString(request);
      facts.command_id = message.header().command_id();
      facts.person_ref = message.placed().person_ref();
      break;
    }
    case CommandKind::kForgetPerson: {
      coop::v1::ForgetPersonRequest message;
      (void)message.ParseFromString(request);
      facts.command_id = message.header().command_id();
      facts.person_ref = message.person_ref();
      break;
    }
    case CommandKind::kRecordPerson: {
      coop::v1::RecordPersonRequest message;
      (void)message.ParseFromString(request);
      facts.command_id = message.header().command_id();
      facts.details = message.details().SerializeAsString();
      break;
    }
  }
  return facts;
}

CommandAnswer SendCommand(const std::shared_ptr<grpc::Channel>& channel, CommandKind kind,
                          const std::string& request, int timeout_ms) {
  CommandAnswer out;
  coop::v1::CommandReply reply;
  switch (kind) {
    case CommandKind::kRegisterCooperative: {
      coop::v1::RegisterCooperativeRequest message;
      (void)message.ParseFromString(request);
      Take(coop::v1::Registry::NewStub(channel)->RegisterCooperative(Context(timeout_ms).get(),
                                                                     message, &reply),
           reply, &out);
      break;
    }
    case CommandKind::kReportMembership: {
      coop::v1::ReportCooperativeMembershipRequest message;
      (void)message.ParseFromString(request);
      Take(coop::v1::Registry::NewStub(channel)->ReportCooperativeMembership(
               Context(timeout_ms).get(), message, &reply),
           reply, &out);
      break;
    }
    case CommandKind::kPlaceGraduate: {
      coop::v1::PlaceGraduateRequest message;
      (void)message.ParseFromString(request);
      Take(coop::v1::Programs::NewStub(channel)->PlaceGraduate(Context(timeout_ms).get(), message,
                                                               &reply),
           reply, &out);
      break;
    }
    case CommandKind::kForgetPerson: {
      coop::v1::ForgetPersonRequest message;
      (void)message.ParseFromString(request);
      Take(coop::v1::People::NewStub(channel)->ForgetPerson(Context(timeout_ms).get(), message,
                                                            &reply),
           reply, &out);
      break;
    }
    case CommandKind::kRecordPerson: {
      coop::v1::RecordPersonRequest message;
      (void)message.ParseFromString(request);
      coop::v1::RecordPersonReply recorded;
      out.status = coop::v1::People::NewStub(channel)->RecordPerson(Context(timeout_ms).get(),
                                                                    message, &recorded);
      out.answer = recorded.person_ref();
      out.duplicate = recorded.duplicate();
      break;
    }
  }
  return out;
}

}  // namespace coop::testing
