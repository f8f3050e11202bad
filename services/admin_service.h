// AdminService: coop.v1.Admin over gRPC's callback API — online backups (backup/writer.h) and
// their verification (backup/verifier.h) under the server's --backup_dir, and the compaction of
// the event log's and the projection store's tables (CompactStores). Admins only (the
// permission to back up). Backups, verifications and compactions run one at a time on the
// service's own worker, never on a gRPC thread or a query thread, and stop (CANCELLED; nothing
// of a backup kept) when the caller gives up or the server shuts down.
//
// Thread-safe. Shutdown() before the stores close.
#ifndef COOPLEDGER_SERVICES_ADMIN_SERVICE_H_
#define COOPLEDGER_SERVICES_ADMIN_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <optional>

#include "backup/writer.h"
#include "commands/command_workers.h"
#include "coop/v1/admin.grpc.pb.h"
#include "eventstore/event_store.h"
#include "projections/projection_store.h"
#include "services/call_gate.h"
#include "services/parsed_request.h"
#include "vault/master_key.h"

namespace coop::services {

// The stores Admin/CompactStores compacts. Not owned.
struct CompactedStores {
  eventstore::EventStore* log = nullptr;
  projections::ProjectionStore* projections = nullptr;
};

class AdminService final : public ParsesItsRequests<coop::v1::Admin> {
 public:
  // `writer` null: the server has no --backup_dir (every backup call FAILED_PRECONDITION).
  // `stores` empty: those the writer backs up (none without a writer: CompactStores
  // FAILED_PRECONDITION too). Not owned; `gate`, `writer` and the stores must outlive the
  // service.
  AdminService(backup::BackupWriter* writer, const vault::MasterKey& master_key,
               const CallGate* gate, CompactedStores stores = {});
  ~AdminService();  // Shutdown()

  grpc::ServerUnaryReactor* CreateBackup(grpc::CallbackServerContext* context,
                                         const coop::v1::CreateBackupRequest* request,
                                         coop::v1::BackupInfo* reply) override;
  grpc::ServerUnaryReactor* ListBackups(grpc::CallbackServerContext* context,
                                        const coop::v1::ListBackupsRequest* request,
                                        coop::v1::ListBackupsReply* reply) override;
  grpc::ServerUnaryReactor* VerifyBackup(grpc::CallbackServerContext* context,
                                         const coop::v1::VerifyBackupRequest* request,
                                         coop::v1::VerifyBackupReply* reply) override;
  grpc::ServerUnaryReactor* CompactStores(grpc::CallbackServerContext* context,
                                          const coop::v1::CompactStoresRequest* request,
                                          coop::v1::CompactStoresReply* reply) override;

  // Stops the backup or verification running (CANCELLED) and what is queued. Idempotent.
  void Shutdown();

 private:
  // Admits the caller, then runs `work` on the worker. `work` gets a "stop now?" test.
  // `unconfigured` (if not OK) is the answer instead, after admission.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, absl::Status unconfigured,
                                std::function<absl::Status(const std::function<bool()>&)> work);
  // The backups' Run: FAILED_PRECONDITION without a writer.
  grpc::ServerUnaryReactor* RunBackup(
      grpc::CallbackServerContext* context,
      std::function<absl::Status(const std::function<bool()>&)> work);

  backup::BackupWriter* const writer_;
  const CompactedStores stores_;
  const vault::MasterKey master_key_;
  const CallGate* const gate_;
  std::atomic<bool> stopping_{false};
  commands::CommandWorkers worker_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_ADMIN_SERVICE_H_
