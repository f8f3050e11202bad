// Every method of every coop.v1 service is served: each, called over a real server with an
// empty request, gets some answer other than UNIMPLEMENTED (usually INVALID_ARGUMENT). The
// services and their methods are found through the compiled-in descriptors, not listed here,
// so an RPC added to a .proto without a handler fails this test.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "access/principal.h"
#include "coop/v1/registry.pb.h"
#include "tests/services/auth_fixture.h"
#include "tests/services/server_fixture.h"

namespace coop::services {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::MethodDescriptor;

// Every method of every service in package coop.v1, as "/coop.v1.Service/Method".
std::vector<const MethodDescriptor*> CoopMethods() {
  // Keeps registry.pb.cc linked; the test binary links every .pb.cc of coop::proto anyway.
  (void)coop::v1::CommandReply::descriptor();
  std::vector<std::string> files;
  EXPECT_TRUE(DescriptorPool::internal_generated_database()->FindAllFileNames(&files));
  std::sort(files.begin(), files.end());
  std::vector<const MethodDescriptor*> methods;
  for (const auto& name : files) {
    const auto* file = DescriptorPool::generated_pool()->FindFileByName(name);
    if (file == nullptr || file->package() != "coop.v1") continue;
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        methods.push_back(file->service(s)->method(m));
      }
    }
  }
  return methods;
}

// Calls `method` ("/pkg.Service/Method") with one empty request message, whatever its kind
// (unary or streaming), reads until the first reply or the end, and returns the status the
// server gave (OK if it sent a reply: the method is served). `context` may carry credentials.
grpc::Status CallWithEmptyRequest(const std::shared_ptr<grpc::Channel>& channel,
                                  std::unique_ptr<grpc::ClientContext> context,
                                  const std::string& method) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(context.get(), method, &cq);
  auto step = [&](void* tag) {
    void* got = nullptr;
    bool ok = false;
    EXPECT_TRUE(cq.Next(&got, &ok));
    EXPECT_EQ(got, tag);
    return ok;
  };
  int tags[5];
  call->StartCall(&tags[0]);
  bool open = step(&tags[0]);
  grpc::Slice empty(std::string{});
  grpc::ByteBuffer request(&empty, 1);
  if (open) {
    call->Write(request, &tags[1]);
    open = step(&tags[1]);
  }
  if (open) {
    call->WritesDone(&tags[2]);
    open = step(&tags[2]);
  }
  grpc::ByteBuffer reply;
  call->Read(&reply, &tags[3]);
  const bool replied = step(&tags[3]);
  if (replied) context->TryCancel();  // a stream may go on; one reply is enough
  grpc::Status status;
  call->Finish(&status, &tags[4]);
  step(&tags[4]);
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  return replied ? grpc::Status::OK : status;
}

std::string FullName(const MethodDescriptor* method) {
  return "/" + method->service()->full_name() + "/" + method->name();
}

class EveryRpcTest : public coop::testing::ServerFixture {
 protected:
  grpc::Status CallWithEmptyRequest(const std::string& method) {
    return services::CallWithEmptyRequest(channel_, Context(10'000), method);
  }
};

TEST_F(EveryRpcTest, AMethodWithoutAHandlerWouldBeSeenAsUnimplemented) {
  // The probe itself can tell: a method no service has is UNIMPLEMENTED.
  EXPECT_EQ(CallWithEmptyRequest("/coop.v1.Registry/NoSuchCommand").error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(EveryRpcTest, EveryMethodOfEveryCoopServiceAnswersSomethingOtherThanUnimplemented) {
  const auto methods = CoopMethods();
  // The command services alone have more than 40 RPCs; finding few means the lookup broke.
  ASSERT_GT(methods.size(), 60u);
  std::vector<std::string> services;
  for (const auto* method : methods) {
    const std::string name = "/" + method->service()->full_name() + "/" + method->name();
    if (std::find(services.begin(), services.end(), method->service()->full_name()) ==
        services.end()) {
      services.push_back(method->service()->full_name());
    }
    const grpc::Status status = CallWithEmptyRequest(name);
    EXPECT_NE(status.error_code(), grpc::StatusCode::UNIMPLEMENTED)
        << name << " is not served: " << status.error_message();
  }
  for (const char* service :
       {"coop.v1.EventStore", "coop.v1.Registry", "coop.v1.Programs", "coop.v1.Planning",
        "coop.v1.Corrections", "coop.v1.People", "coop.v1.Reporting"}) {
    EXPECT_NE(std::find(services.begin(), services.end(), service), services.end()) << service;
  }
}

// The permission each method needs, stated here apart from the server's code: the command
// services record; Reporting reads views (RebuildProjection rebuilds); the event store reads
// events, appends raw, verifies; People handles personal details and lists their access log.
access::Permission PermissionOf(const MethodDescriptor* method) {
  using access::Permission;
  const std::string service = method->service()->name();
  const std::string name = method->name();
  if (service == "Reporting") {
    return name == "RebuildProjection" ? Permission::kRebuildProjections : Permission::kReadViews;
  }
  if (service == "EventStore") {
    if (name == "Append") return Permission::kAppendRaw;
    if (name == "VerifyLog") return Permission::kVerifyLog;
    return Permission::kReadEvents;
  }
  if (service == "People") {
    return name == "ListPersonAccess" ? Permission::kReadAccessLog : Permission::kPersonalData;
  }
  return Permission::kRecord;  // Registry, Programs, Planning, Corrections
}

class EveryRpcWithAuthenticationTest : public coop::testing::AuthServerFixture {};

TEST_F(EveryRpcWithAuthenticationTest, EveryMethodRefusesACallWithoutCredentials) {
  const auto methods = CoopMethods();
  ASSERT_GT(methods.size(), 60u);
  for (const auto* method : methods) {
    EXPECT_EQ(CallWithEmptyRequest(channel_, As(""), FullName(method)).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << FullName(method);
  }
  EXPECT_EQ(server_->gate().failed_authentications(), methods.size());
}

TEST_F(EveryRpcWithAuthenticationTest, EveryMethodAdmitsExactlyTheRolesThatHaveItsPermission) {
  const auto methods = CoopMethods();
  for (const auto& entry : file_.principals()) {  // one principal of each role, and another
    const std::string& who = entry.name();
    const access::Role role = *access::ParseRole(entry.role());
    for (const auto* method : methods) {
      const grpc::Status status = CallWithEmptyRequest(channel_, As(who), FullName(method));
      const bool allowed = access::RoleAllows(role, PermissionOf(method));
      EXPECT_EQ(status.error_code() == grpc::StatusCode::PERMISSION_DENIED, !allowed)
          << who << " " << FullName(method) << ": " << status.error_message();
      EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << FullName(method);
    }
  }
}

}  // namespace
}  // namespace coop::services
