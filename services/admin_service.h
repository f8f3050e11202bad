// AdminService: coop.v1.Admin over gRPC's callback API — online backups (backup/writer.h) and
// their verification (backup/verifier.h) under the server's --backup_dir. Admins only (the
// permission to back up). Backups and verifications run one at a time on the service's own
// worker, never on a gRPC thread or a query thread, and stop (CANCELLED, nothing kept) when the
// caller gives up or the server shuts down.
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
#include "services/call_gate.h"
#include "services/parsed_request.h"
#include "vault/master_key.h"

namespace coop::services {

class AdminService final : public ParsesItsRequests<coop::v1::Admin> {
 public:
  // `writer` null: the server has no --backup_dir (every call FAILED_PRECONDITION). Not
  // owned; `gate` and `writer` must outlive the service.
  AdminService(backup::BackupWriter* writer, const vault::MasterKey& master_key,
               const CallGate* gate);
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

  // Stops the backup or verification running (CANCELLED) and what is queued. Idempotent.
  void Shutdown();

 private:
  // Admits the caller, then runs `work` on the worker. `work` gets a "stop now?" test.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                std::function<absl::Status(const std::function<bool()>&)> work);

  backup::BackupWriter* const writer_;
  const vault::MasterKey master_key_;
  const CallGate* const gate_;
  std::atomic<bool> stopping_{false};
  commands::CommandWorkers worker_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_ADMIN_SERVICE_H_
