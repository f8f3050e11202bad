// A real server with a coop.v1.Registry stub and the commands most tests start from: one
// cooperative's registration (in Xã Khánh An, Huyện U Minh, Cà Mau, under the 2023 law), and
// an admission of members. Header-only test support.
#ifndef COOPLEDGER_TESTS_SERVICES_REGISTRY_FIXTURE_H_
#define COOPLEDGER_TESTS_SERVICES_REGISTRY_FIXTURE_H_

#include <memory>
#include <string>

#include "coop/v1/programs.pb.h"
#include "coop/v1/registry.grpc.pb.h"
#include "tests/services/server_fixture.h"

namespace coop::testing {

class RegistryFixture : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    registry_ = coop::v1::Registry::NewStub(channel_);
  }

  static coop::v1::RegisterCooperativeRequest Registration(const std::string& code) {
    coop::v1::RegisterCooperativeRequest request;
    *request.mutable_header() = Header("2024-09-01");
    auto* r = request.mutable_registration();
    r->set_code(code);
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Khánh An");
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code("32059");  // Xã Khánh An, Huyện U Minh, Cà Mau
    r->mutable_address()->set_unit_set("2025-03");
    r->set_charter_capital_vnd(500'000'000);
    r->mutable_members()->set_official(9);
    r->set_origin(coop::v1::ORIGIN_NEW);
    return request;
  }

  grpc::Status Register(const coop::v1::RegisterCooperativeRequest& request,
                        coop::v1::CommandReply* reply) {
    auto context = Context();
    context->AddMetadata("x-coop-actor", "officer-7");
    context->AddMetadata("x-coop-agency", "u-minh-district");
    return registry_->RegisterCooperative(context.get(), request, reply);
  }

  grpc::Status Admit(const std::string& cooperative_id, int64_t official,
                     const coop::v1::CommandHeader& header, coop::v1::CommandReply* reply) {
    coop::v1::AdmitCooperativeMembersRequest request;
    *request.mutable_header() = header;
    request.set_cooperative_id(cooperative_id);
    request.mutable_members_admitted()->mutable_members()->set_official(official);
    return registry_->AdmitCooperativeMembers(Context().get(), request, reply);
  }

  // A propaganda class held by Huyện U Minh on 2025-03-10, 40 members attending.
  static coop::v1::RecordClassRequest PropagandaClassRequest() {
    coop::v1::RecordClassRequest request;
    *request.mutable_header() = Header("2025-03-10");
    auto* held = request.mutable_held();
    held->set_kind(coop::v1::PROPAGANDA);
    held->set_title("Tuyên truyền Luật Hợp tác xã 2023");
    held->set_organiser("Phòng Nông nghiệp huyện U Minh");
    held->set_start_date("2025-03-10");
    held->set_end_date("2025-03-10");
    held->mutable_area()->set_code("966");
    held->mutable_area()->set_unit_set("2025-03");
    held->mutable_participants()->set_members(40);
    return request;
  }

  std::unique_ptr<coop::v1::Registry::Stub> registry_;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SERVICES_REGISTRY_FIXTURE_H_
