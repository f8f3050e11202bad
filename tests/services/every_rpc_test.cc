// Every method of every coop.v1 service is served: each, called over a real server with an
// empty request, gets some answer other than UNIMPLEMENTED (usually INVALID_ARGUMENT). The
// services and their methods are found through the compiled-in descriptors, not listed here,
// so an RPC added to a .proto without a handler fails this test.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
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

// Calls `method` ("/pkg.Service/Method") with one request message of `bytes` (by default an
// empty one), whatever its kind (unary or streaming), reads until the first reply or the end,
// and returns the status the server gave (OK if it sent a reply: the method is served).
// `context` may carry credentials.
grpc::Status CallWithEmptyRequest(const std::shared_ptr<grpc::Channel>& channel,
                                  std::unique_ptr<grpc::ClientContext> context,
                                  const std::string& method, const std::string& bytes = "") {
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
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
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

// A field of `type` that holds text, at most `depth` messages down, as its path
// ("registration.name") and the field numbers leading to it; false if there is none.
bool FindTextField(const google::protobuf::Descriptor* type, int depth, std::string* path,
                   std::vector<int>* numbers) {
  using google::protobuf::FieldDescriptor;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      *path = field->name() + (field->is_repeated() ? "[0]" : "");
      *numbers = {field->number()};
      return true;
    }
  }
  if (depth == 0) return false;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_map()) continue;
    std::string inner_path;
    std::vector<int> inner_numbers;
    if (FindTextField(field->message_type(), depth - 1, &inner_path, &inner_numbers)) {
      *path = field->name() + (field->is_repeated() ? "[0]" : "") + "." + inner_path;
      *numbers = {field->number()};
      numbers->insert(numbers->end(), inner_numbers.begin(), inner_numbers.end());
      return true;
    }
  }
  return false;
}

// The wire bytes of a message whose field at `numbers` (nested messages, then a string)
// holds `text`, written by hand: protobuf itself would refuse to serialise invalid UTF-8.
std::string NestedText(const std::vector<int>& numbers, const std::string& text) {
  std::string value = text;
  for (auto it = numbers.rbegin(); it != numbers.rend(); ++it) {
    std::string field;
    google::protobuf::io::StringOutputStream stream(&field);
    {
      google::protobuf::io::CodedOutputStream out(&stream);
      out.WriteTag(static_cast<uint32_t>(*it << 3 | 2));  // length-delimited
      out.WriteVarint32(static_cast<uint32_t>(value.size()));
      out.WriteString(value);
    }
    value = field;
  }
  return value;
}

class EveryRpcTest : public coop::testing::ServerFixture {
 protected:
  grpc::Status CallWithEmptyRequest(const std::string& method, const std::string& bytes = "") {
    return services::CallWithEmptyRequest(channel_, Context(10'000), method, bytes);
  }
};

TEST_F(EveryRpcTest, InvalidUtf8InAnyRequestIsInvalidArgumentNamingTheField) {
  // Before, protobuf refused the bytes before any handler ran and gRPC answered UNIMPLEMENTED
  // with an empty message.
  const auto methods = CoopMethods();
  ASSERT_GT(methods.size(), 60u);
  int with_text = 0;
  for (const auto* method : methods) {
    std::string path;
    std::vector<int> numbers;
    if (!FindTextField(method->input_type(), 3, &path, &numbers)) continue;
    ++with_text;
    const grpc::Status status =
        CallWithEmptyRequest(FullName(method), NestedText(numbers, "HTX \xC3\x28 \xFF"));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << FullName(method) << ": " << status.error_message();
    EXPECT_EQ(status.error_message(), "[COMMON-05] " + path + ": is not valid UTF-8 (byte 5)")
        << FullName(method);
  }
  EXPECT_GT(with_text, 60);
}

TEST_F(EveryRpcTest, BytesThatAreNoMessageAreInvalidArgumentForEveryRpc) {
  for (const auto* method : CoopMethods()) {
    // A field 1 of wire type 2 whose length runs past the end.
    const grpc::Status status = CallWithEmptyRequest(FullName(method), "\x0a\x7f\x01");
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << FullName(method);
    EXPECT_EQ(status.error_message(),
              method->input_type()->name() +
                  ": the bytes are not a valid protocol buffer message of this type")
        << FullName(method);
  }
}

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
        "coop.v1.Corrections", "coop.v1.People", "coop.v1.Reporting", "coop.v1.Audit"}) {
    EXPECT_NE(std::find(services.begin(), services.end(), service), services.end()) << service;
  }
}

// The permission each method needs, stated here apart from the server's code: the command
// services record; Reporting reads views (RebuildProjection rebuilds, GetHistory reads events); the
// event store reads events, appends raw, verifies; People handles personal details, lists their
// access log and erases them.
access::Permission PermissionOf(const MethodDescriptor* method) {
  using access::Permission;
  const std::string service = method->service()->name();
  const std::string name = method->name();
  if (service == "Reporting") {
    if (name == "RebuildProjection") return Permission::kRebuildProjections;
    // A stream's history names who recorded each event: it reads events.
    return name == "GetHistory" ? Permission::kReadEvents : Permission::kReadViews;
  }
  if (service == "EventStore") {
    if (name == "Append" || name == "AppendSession") return Permission::kAppendRaw;
    if (name == "VerifyLog") return Permission::kVerifyLog;
    return Permission::kReadEvents;
  }
  if (service == "Audit") return Permission::kVerifyLog;  // heads and proofs, for auditors
  if (service == "Admin") return Permission::kBackup;     // backups, admins only
  if (service == "People") {
    if (name == "ForgetPerson") return Permission::kErasePersonalData;  // admins only
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
