#include "services/admin_service.h"

#include <utility>

#include "backup/catalog.h"
#include "backup/verifier.h"
#include "services/grpc_status.h"

namespace coop::services {
namespace {

// The one backup or verification at a time, and a few calls waiting for it.
constexpr size_t kQueued = 4;

absl::Status NoBackupFolder() {
  return absl::FailedPreconditionError(
      "máy chủ chưa được cấu hình --backup_dir / this server has no --backup_dir: start coopd "
      "with --backup_dir FOLDER to take backups");
}

}  // namespace

AdminService::AdminService(backup::BackupWriter* writer, const vault::MasterKey& master_key,
                           const CallGate* gate)
    : writer_(writer), master_key_(master_key), gate_(gate), worker_(1, kQueued) {
  ParseRequestsOf(&AdminService::CreateBackup, &AdminService::ListBackups,
                  &AdminService::VerifyBackup);
}

AdminService::~AdminService() { Shutdown(); }

void AdminService::Shutdown() {
  stopping_ = true;
  worker_.Stop();
}

grpc::ServerUnaryReactor* AdminService::Run(
    grpc::CallbackServerContext* context,
    std::function<absl::Status(const std::function<bool()>&)> work) {
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(*gate_, context, reactor, access::Permission::kBackup) == nullptr) {
    return reactor;
  }
  if (writer_ == nullptr) {
    reactor->Finish(ToGrpcStatus(NoBackupFolder()));
    return reactor;
  }
  auto posted = worker_.TryPost([this, reactor, context, work = std::move(work)] {
    const std::function<bool()> stop = [this, context] {
      return stopping_.load() || context->IsCancelled();
    };
    if (stop()) {
      reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED,
                                   "the call was cancelled, or the server is stopping"));
      return;
    }
    reactor->Finish(ToGrpcStatus(work(stop)));
  });
  if (!posted.ok()) reactor->Finish(ToGrpcStatus(posted));
  return reactor;
}

grpc::ServerUnaryReactor* AdminService::CreateBackup(grpc::CallbackServerContext* context,
                                                     const coop::v1::CreateBackupRequest* request,
                                                     coop::v1::BackupInfo* reply) {
  return Run(context, [this, request, reply](const std::function<bool()>& stop) {
    auto info = writer_->Create(request->include_keys(), stop);
    if (!info.ok()) return info.status();
    *reply = *std::move(info);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AdminService::ListBackups(grpc::CallbackServerContext* context,
                                                    const coop::v1::ListBackupsRequest* /*request*/,
                                                    coop::v1::ListBackupsReply* reply) {
  return Run(context, [this, reply](const std::function<bool()>&) {
    auto backups = backup::ListBackups(writer_->backup_dir());
    if (!backups.ok()) return backups.status();
    for (auto& info : *backups) *reply->add_backups() = std::move(info);
    reply->set_backup_dir(writer_->backup_dir());
    reply->set_keep(writer_->keep());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AdminService::VerifyBackup(grpc::CallbackServerContext* context,
                                                     const coop::v1::VerifyBackupRequest* request,
                                                     coop::v1::VerifyBackupReply* reply) {
  return Run(context, [this, request, reply](const std::function<bool()>& stop) {
    auto verified =
        backup::VerifyBackup(writer_->backup_dir(), request->backup_id(), &master_key_, stop);
    if (!verified.ok()) return verified.status();
    *reply = *std::move(verified);
    return absl::OkStatus();
  });
}

}  // namespace coop::services
