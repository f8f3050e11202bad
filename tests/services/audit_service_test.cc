// coop.v1.Audit over a real server, checked the way an auditor would, with the verification
// library alone (verify/): a signed head whose root is the root of the log's leaf hashes (the
// test rebuilds it from ReadAll), the same head for the same size every time and after a
// restart, inclusion proofs by position and by event id, consistency proofs between sizes, and
// bad requests refused naming what is wrong. The history is recorded through the command
// services.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <memory>
#include <string>
#include <vector>

#include "coop/v1/audit.grpc.pb.h"
#include "tests/services/registry_fixture.h"
#include "verify/canonical.h"
#include "verify/merkle.h"
#include "verify/tree_head.h"

namespace coop::testing {
namespace {

// MTH of the first n leaf hashes, by RFC 9162's definition.
std::string Mth(const std::vector<coop::v1::RecordedEvent>& events, uint64_t start, uint64_t n) {
  if (n == 1) return events[start].leaf_hash();
  uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return verify::MerkleNodeHash(Mth(events, start, k), Mth(events, start + k, n - k));
}

class AuditServiceTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    Connect();
    for (const char* code : {"2700000001", "2700000002", "2700000003"}) {
      coop::v1::CommandReply reply;
      ASSERT_TRUE(Register(Registration(code), &reply).ok());
      ASSERT_TRUE(Admit(reply.aggregate_id(), 2, Header("2024-10-01"), &reply).ok());
    }
    events_ = ReadAll();
    ASSERT_GE(events_.size(), 6u);
  }
  void Connect() {
    audit_ = coop::v1::Audit::NewStub(channel_);
    coop::v1::PublicKeyReply key;
    ASSERT_TRUE(audit_->GetPublicKey(Context().get(), {}, &key).ok());
    auto parsed = verify::VerifyingKey::FromPem(key.public_key_pem());
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    key_ = std::make_unique<verify::VerifyingKey>(*parsed);
    EXPECT_EQ(key.algorithm(), "Ed25519");
    EXPECT_EQ(key.key_id(), key_->KeyId());
    EXPECT_EQ(key.fingerprint(), key_->Fingerprint());
  }
  coop::v1::SignedTreeHead Head(uint64_t size) {
    coop::v1::TreeHeadRequest request;
    request.set_size(size);
    coop::v1::SignedTreeHead head;
    const grpc::Status status = audit_->GetTreeHead(Context().get(), request, &head);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return head;
  }
  // The head checked as an auditor checks it: the signature, and the root against the leaves.
  void ExpectGenuine(const coop::v1::SignedTreeHead& head) {
    verify::TreeHead plain{head.size(), head.timestamp_micros(), head.root_hash()};
    EXPECT_TRUE(verify::VerifyTreeHead(plain, head.signature(), *key_).ok()) << head.size();
    EXPECT_EQ(head.key_id(), key_->KeyId());
    EXPECT_EQ(head.root_hash(), Mth(events_, 0, head.size())) << head.size();
    EXPECT_EQ(head.timestamp_micros(), events_[head.size() - 1].recorded_at_micros());
  }

  std::unique_ptr<coop::v1::Audit::Stub> audit_;
  std::unique_ptr<verify::VerifyingKey> key_;
  std::vector<coop::v1::RecordedEvent> events_;
};

TEST_F(AuditServiceTest, EveryHeadIsSignedAndIsTheRootOfTheLeaves) {
  const uint64_t head_size = events_.size();
  const auto now = Head(0);  // the head now
  EXPECT_EQ(now.size(), head_size);
  ExpectGenuine(now);
  for (uint64_t size = 1; size <= head_size; ++size) ExpectGenuine(Head(size));
  // The same size gives the same head, byte for byte.
  EXPECT_EQ(Head(3).SerializeAsString(), Head(3).SerializeAsString());
  // A signature moved to another size does not hold.
  auto moved = Head(3);
  moved.set_size(4);
  EXPECT_FALSE(verify::VerifyTreeHead({moved.size(), moved.timestamp_micros(), moved.root_hash()},
                                      moved.signature(), *key_)
                   .ok());
}

TEST_F(AuditServiceTest, InclusionByPositionAndByEventIdVerifyAgainstTheHead) {
  const uint64_t head_size = events_.size();
  for (uint64_t position = 1; position <= head_size; ++position) {
    coop::v1::InclusionProofRequest request;
    if (position % 2 == 0) {
      request.set_position(position);
    } else {
      // By id, in capitals: ids are one whatever their case.
      std::string id = events_[position - 1].event_id();
      for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      request.set_event_id(id);
    }
    request.set_tree_size(head_size);
    coop::v1::InclusionProofReply reply;
    const grpc::Status status = audit_->GetInclusionProof(Context().get(), request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(reply.position(), position);
    EXPECT_EQ(reply.leaf_hash(), events_[position - 1].leaf_hash());
    ExpectGenuine(reply.tree_head());
    const std::vector<std::string> path(reply.audit_path().begin(), reply.audit_path().end());
    EXPECT_TRUE(verify::VerifyInclusion(position - 1, head_size, events_[position - 1].leaf_hash(),
                                        path, reply.tree_head().root_hash())
                    .ok())
        << position;
  }
}

TEST_F(AuditServiceTest, ConsistencyBetweenEveryPairOfSizesVerifies) {
  const uint64_t head_size = events_.size();
  for (uint64_t new_size = 1; new_size <= head_size; ++new_size) {
    for (uint64_t old_size = 1; old_size <= new_size; ++old_size) {
      coop::v1::ConsistencyProofRequest request;
      request.set_old_size(old_size);
      request.set_new_size(new_size);
      coop::v1::ConsistencyProofReply reply;
      const grpc::Status status = audit_->GetConsistencyProof(Context().get(), request, &reply);
      ASSERT_TRUE(status.ok()) << status.error_message();
      ExpectGenuine(reply.old_head());
      ExpectGenuine(reply.new_head());
      const std::vector<std::string> proof(reply.proof().begin(), reply.proof().end());
      EXPECT_TRUE(verify::VerifyConsistency(old_size, new_size, reply.old_head().root_hash(),
                                            reply.new_head().root_hash(), proof)
                      .ok())
          << old_size << " → " << new_size;
    }
  }
}

TEST_F(AuditServiceTest, TheKeyAndTheHeadsSurviveARestart) {
  const auto before = Head(5);
  const std::string key_file = dir_.Sub("store") + "/tree-head-signing.pem";
  struct stat st;
  ASSERT_EQ(stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string fingerprint = key_->Fingerprint();
  server_->Shutdown();
  server_.reset();
  StartServer();
  Connect();
  EXPECT_EQ(key_->Fingerprint(), fingerprint);
  EXPECT_EQ(Head(5).SerializeAsString(), before.SerializeAsString());
}

TEST_F(AuditServiceTest, BadRequestsAreRefusedSayingWhatIsWrong) {
  const uint64_t head_size = events_.size();
  coop::v1::TreeHeadRequest beyond;
  beyond.set_size(head_size + 1);
  coop::v1::SignedTreeHead head;
  grpc::Status status = audit_->GetTreeHead(Context().get(), beyond, &head);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE) << status.error_message();

  coop::v1::InclusionProofReply inclusion;
  coop::v1::InclusionProofRequest request;
  status = audit_->GetInclusionProof(Context().get(), request, &inclusion);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  request.set_position(3);
  request.set_tree_size(2);
  status = audit_->GetInclusionProof(Context().get(), request, &inclusion);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  request.set_event_id("00000000-0000-4000-8000-000000000000");
  status = audit_->GetInclusionProof(Context().get(), request, &inclusion);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();

  coop::v1::ConsistencyProofRequest consistency;
  consistency.set_old_size(0);
  consistency.set_new_size(3);
  coop::v1::ConsistencyProofReply proof;
  status = audit_->GetConsistencyProof(Context().get(), consistency, &proof);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  consistency.set_old_size(2);
  consistency.set_new_size(head_size + 5);
  status = audit_->GetConsistencyProof(Context().get(), consistency, &proof);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE) << status.error_message();
}

// Verifiable reads: every page of ReadProven, paged through a tree smaller than the log, checks
// event by event against the signed head of that size, with the leaf recomputed from the
// event's fields; the pages cover positions 1..size exactly once; a filter keeps its events
// (and their proofs) only.
TEST_F(AuditServiceTest, ProvenPagesVerifyAgainstTheHeadOfTheirSize) {
  const uint64_t size = events_.size() - 1;  // the last event is beyond the tree
  const coop::v1::SignedTreeHead kept = Head(size);
  std::vector<uint64_t> seen;
  coop::v1::ProvenReadRequest request;
  request.set_tree_size(size);
  request.set_max_count(2);
  uint64_t next = 1;
  while (next != 0) {
    request.set_from_position(next);
    coop::v1::ProvenReadReply reply;
    const grpc::Status status = audit_->ReadProven(Context().get(), request, &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(reply.tree_head().SerializeAsString(), kept.SerializeAsString());
    EXPECT_LE(reply.events_size(), 2);
    for (const auto& proven : reply.events()) {
      const auto& event = proven.event();
      const std::string leaf = verify::LeafHash(verify::CanonicalEncoding(event));
      const std::vector<std::string> path(proven.audit_path().begin(), proven.audit_path().end());
      EXPECT_TRUE(
          verify::VerifyInclusion(event.position() - 1, size, leaf, path, kept.root_hash()).ok())
          << event.position();
      seen.push_back(event.position());
    }
    next = reply.next_position();
  }
  std::vector<uint64_t> expected;
  for (uint64_t p = 1; p <= size; ++p) expected.push_back(p);
  EXPECT_EQ(seen, expected);

  // A filter: the registrations only, each still proven.
  request.set_from_position(1);
  request.set_max_count(100);
  request.mutable_filter()->add_event_types("coop.v1.CooperativeRegistered");
  coop::v1::ProvenReadReply filtered;
  ASSERT_TRUE(audit_->ReadProven(Context().get(), request, &filtered).ok());
  EXPECT_EQ(filtered.events_size(), 3);
  for (const auto& proven : filtered.events()) {
    EXPECT_EQ(proven.event().type(), "coop.v1.CooperativeRegistered");
    const std::vector<std::string> path(proven.audit_path().begin(), proven.audit_path().end());
    EXPECT_TRUE(verify::VerifyInclusion(proven.event().position() - 1, size,
                                        proven.event().leaf_hash(), path, kept.root_hash())
                    .ok());
  }

  // Refused, saying what is wrong.
  coop::v1::ProvenReadReply reply;
  request.set_max_count(501);
  grpc::Status status = audit_->ReadProven(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("max_count"), std::string::npos) << status.error_message();
  request.set_max_count(10);
  request.set_tree_size(events_.size() + 1);
  status = audit_->ReadProven(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE) << status.error_message();
}

}  // namespace
}  // namespace coop::testing
