#include "services/admin_service.h"

#include <functional>
#include <string>
#include <utility>

#include "absl/time/clock.h"
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

CompactedStores StoresOf(backup::BackupWriter* writer, CompactedStores stores) {
  if (stores.log == nullptr && writer != nullptr) {
    stores.log = writer->sources().log;
    stores.projections = writer->sources().projections;
  }
  return stores;
}

// One store's compaction, timed, into the reply.
absl::Status CompactOne(const std::string& name,
                        const std::function<absl::StatusOr<base::Compaction>()>& compact,
                        coop::v1::CompactStoresReply* reply) {
  const absl::Time began = absl::Now();
  auto done = compact();
  if (!done.ok()) return done.status();
  auto* store = reply->add_stores();
  store->set_store(name);
  store->set_families(done->families);
  store->set_bytes_before(done->bytes_before);
  store->set_bytes_after(done->bytes_after);
  store->set_elapsed_micros(absl::ToInt64Microseconds(absl::Now() - began));
  return absl::OkStatus();
}

}  // namespace

AdminService::AdminService(backup::BackupWriter* writer, const vault::MasterKey& master_key,
                           const CallGate* gate, CompactedStores stores)
    : writer_(writer),
      stores_(StoresOf(writer, stores)),
      master_key_(master_key),
      gate_(gate),
      worker_(1, kQueued) {
  ParseRequestsOf(&AdminService::CreateBackup, &AdminService::ListBackups,
                  &AdminService::VerifyBackup, &AdminService::CompactStores);
}

AdminService::~AdminService() { Shutdown(); }

void AdminService::Shutdown() {
  stopping_ = true;
  worker_.Stop();
}

grpc::ServerUnaryReactor* AdminService::RunBackup(
    grpc::CallbackServerContext* context,
    std::function<absl::Status(const std::function<bool()>&)> work) {
  return Run(context, writer_ == nullptr ? NoBackupFolder() : absl::OkStatus(), std::move(work));
}

grpc::ServerUnaryReactor* AdminService::Run(
    grpc::CallbackServerContext* context, absl::Status unconfigured,
    std::function<absl::Status(const std::function<bool()>&)> work) {
  auto* reactor = context->DefaultReactor();
  if (AdmitOrFinish(*gate_, context, reactor, access::Permission::kBackup) == nullptr) {
    return reactor;
  }
  if (!unconfigured.ok()) {
    reactor->Finish(ToGrpcStatus(unconfigured));
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
  return RunBackup(context, [this, request, reply](const std::function<bool()>& stop) {
    auto info = writer_->Create(request->include_keys(), stop);
    if (!info.ok()) return info.status();
    *reply = *std::move(info);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AdminService::ListBackups(grpc::CallbackServerContext* context,
                                                    const coop::v1::ListBackupsRequest* /*request*/,
                                                    coop::v1::ListBackupsReply* reply) {
  return RunBackup(context, [this, reply](const std::function<bool()>&) {
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
  return RunBackup(context, [this, request, reply](const std::function<bool()>& stop) {
    auto verified =
        backup::VerifyBackup(writer_->backup_dir(), request->backup_id(), &master_key_, stop);
    if (!verified.ok()) return verified.status();
    *reply = *std::move(verified);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AdminService::CompactStores(
    grpc::CallbackServerContext* context, const coop::v1::CompactStoresRequest* /*request*/,
    coop::v1::CompactStoresReply* reply) {
  const absl::Status unconfigured =
      stores_.log == nullptr
          ? absl::FailedPreconditionError(
                "máy chủ này chưa giao kho cho dịch vụ quản trị / this server did not hand its "
                "stores to coop.v1.Admin")
          : absl::OkStatus();
  return Run(context, unconfigured, [this, reply](const std::function<bool()>& stop) {
    // The log first: it is the truth, and the larger; the projections can be rebuilt.
    if (auto st = CompactOne(
            "events", [&] { return stores_.log->Compact(stop); }, reply);
        !st.ok()) {
      return st;
    }
    if (stores_.projections == nullptr) return absl::OkStatus();
    return CompactOne(
        "projections", [&] { return stores_.projections->Compact(stop); }, reply);
  });
}

}  // namespace coop::services
