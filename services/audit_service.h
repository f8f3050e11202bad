// AuditService: coop.v1.Audit over gRPC's callback API — signed tree heads of the log, and
// inclusion and consistency proofs from the event store's Merkle nodes (eventstore/README.md,
// "The Merkle tree"), pages of the log proven in a signed head (proven_read.h), and the audit
// trail (audit_trail.h). Every call needs the permission to verify the log (auditors, admins) and
// runs on the query workers, never on a gRPC thread.
//
// Thread-safe.
#ifndef COOPLEDGER_SERVICES_AUDIT_SERVICE_H_
#define COOPLEDGER_SERVICES_AUDIT_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "commands/command_workers.h"
#include "coop/v1/audit.grpc.pb.h"
#include "eventstore/event_store.h"
#include "services/call_gate.h"
#include "services/parsed_request.h"
#include "services/tree_head_signer.h"

namespace coop::services {

class AuditService final : public ParsesItsRequests<coop::v1::Audit> {
 public:
  // Not owned; all must outlive the service.
  AuditService(eventstore::EventStore* log, const TreeHeadSigner* signer, const CallGate* gate,
               commands::CommandWorkers* workers);

  grpc::ServerUnaryReactor* GetTreeHead(grpc::CallbackServerContext* context,
                                        const coop::v1::TreeHeadRequest* request,
                                        coop::v1::SignedTreeHead* reply) override;
  grpc::ServerUnaryReactor* GetInclusionProof(grpc::CallbackServerContext* context,
                                              const coop::v1::InclusionProofRequest* request,
                                              coop::v1::InclusionProofReply* reply) override;
  grpc::ServerUnaryReactor* GetConsistencyProof(grpc::CallbackServerContext* context,
                                                const coop::v1::ConsistencyProofRequest* request,
                                                coop::v1::ConsistencyProofReply* reply) override;
  grpc::ServerUnaryReactor* GetPublicKey(grpc::CallbackServerContext* context,
                                         const coop::v1::PublicKeyRequest* request,
                                         coop::v1::PublicKeyReply* reply) override;
  grpc::ServerUnaryReactor* ReadProven(grpc::CallbackServerContext* context,
                                       const coop::v1::ProvenReadRequest* request,
                                       coop::v1::ProvenReadReply* reply) override;
  grpc::ServerUnaryReactor* ListTrail(grpc::CallbackServerContext* context,
                                      const coop::v1::TrailRequest* request,
                                      coop::v1::TrailReply* reply) override;

 private:
  eventstore::EventStore* const log_;
  const TreeHeadSigner* const signer_;
  const CallGate* const gate_;
  commands::CommandWorkers* const workers_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_AUDIT_SERVICE_H_
