#include "services/audit_service.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/audit_trail.h"
#include "services/proven_read.h"
#include "services/reporting_query.h"

namespace coop::services {

AuditService::AuditService(eventstore::EventStore* log, const TreeHeadSigner* signer,
                           const CallGate* gate, commands::CommandWorkers* workers)
    : log_(log), signer_(signer), gate_(gate), workers_(workers) {
  ParseRequestsOf(&AuditService::GetTreeHead, &AuditService::GetInclusionProof,
                  &AuditService::GetConsistencyProof, &AuditService::GetPublicKey,
                  &AuditService::ReadProven, &AuditService::ListTrail);
}

grpc::ServerUnaryReactor* AuditService::GetTreeHead(grpc::CallbackServerContext* context,
                                                    const coop::v1::TreeHeadRequest* request,
                                                    coop::v1::SignedTreeHead* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, request, reply]() -> absl::Status {
        auto head = signer_->HeadOf(*log_, request->size());
        if (!head.ok()) return head.status();
        *reply = *std::move(head);
        return absl::OkStatus();
      },
      access::Permission::kVerifyLog);
}

grpc::ServerUnaryReactor* AuditService::GetInclusionProof(
    grpc::CallbackServerContext* context, const coop::v1::InclusionProofRequest* request,
    coop::v1::InclusionProofReply* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, request, reply]() -> absl::Status {
        uint64_t position = request->position();
        if (request->leaf_case() == coop::v1::InclusionProofRequest::kEventId) {
          auto event = log_->FindEvent(request->event_id());
          if (!event.ok()) return event.status();
          if (!event->has_value()) {
            return absl::NotFoundError(
                absl::StrCat("event_id: no event ", request->event_id(), " in the log"));
          }
          position = (*event)->position();
        } else if (request->leaf_case() != coop::v1::InclusionProofRequest::kPosition) {
          return absl::InvalidArgumentError(
              "position hoặc event_id: bắt buộc phải có một trong hai / "
              "position or event_id is required");
        }
        const uint64_t tree_size =
            request->tree_size() == 0 ? log_->GetLogInfo().head_position() : request->tree_size();
        auto path = log_->InclusionProof(position, tree_size);
        if (!path.ok()) return path.status();
        auto leaf = log_->MerkleNode(0, position - 1);
        if (!leaf.ok()) return leaf.status();
        auto head = signer_->HeadOf(*log_, tree_size);
        if (!head.ok()) return head.status();
        reply->set_position(position);
        reply->set_leaf_hash(*leaf);
        for (auto& hash : *path) reply->add_audit_path(std::move(hash));
        *reply->mutable_tree_head() = *std::move(head);
        return absl::OkStatus();
      },
      access::Permission::kVerifyLog);
}

grpc::ServerUnaryReactor* AuditService::GetConsistencyProof(
    grpc::CallbackServerContext* context, const coop::v1::ConsistencyProofRequest* request,
    coop::v1::ConsistencyProofReply* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, request, reply]() -> absl::Status {
        const uint64_t new_size =
            request->new_size() == 0 ? log_->GetLogInfo().head_position() : request->new_size();
        auto proof = log_->ConsistencyProof(request->old_size(), new_size);
        if (!proof.ok()) return proof.status();
        auto old_head = signer_->HeadOf(*log_, request->old_size());
        if (!old_head.ok()) return old_head.status();
        auto new_head = signer_->HeadOf(*log_, new_size);
        if (!new_head.ok()) return new_head.status();
        for (auto& hash : *proof) reply->add_proof(std::move(hash));
        *reply->mutable_old_head() = *std::move(old_head);
        *reply->mutable_new_head() = *std::move(new_head);
        return absl::OkStatus();
      },
      access::Permission::kVerifyLog);
}

grpc::ServerUnaryReactor* AuditService::GetPublicKey(grpc::CallbackServerContext* context,
                                                     const coop::v1::PublicKeyRequest* /*request*/,
                                                     coop::v1::PublicKeyReply* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, reply]() -> absl::Status {
        const verify::VerifyingKey& key = signer_->public_key();
        reply->set_algorithm("Ed25519");
        reply->set_key_id(key.KeyId());
        reply->set_fingerprint(key.Fingerprint());
        reply->set_public_key_pem(key.Pem());
        return absl::OkStatus();
      },
      access::Permission::kVerifyLog);
}

grpc::ServerUnaryReactor* AuditService::ReadProven(grpc::CallbackServerContext* context,
                                                   const coop::v1::ProvenReadRequest* request,
                                                   coop::v1::ProvenReadReply* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, request, reply]() -> absl::Status {
        auto page = services::ReadProven(*log_, *signer_, *request);
        if (!page.ok()) return page.status();
        *reply = *std::move(page);
        return absl::OkStatus();
      },
      access::Permission::kVerifyLog);
}

grpc::ServerUnaryReactor* AuditService::ListTrail(grpc::CallbackServerContext* context,
                                                  const coop::v1::TrailRequest* request,
                                                  coop::v1::TrailReply* reply) {
  return RunQuery(
      *gate_, workers_, context,
      [this, request, reply]() -> absl::Status {
        auto page = services::ListTrail(*log_, *request);
        if (!page.ok()) return page.status();
        *reply = *std::move(page);
        return absl::OkStatus();
      },
      access::Permission::kVerifyLog);
}

}  // namespace coop::services
