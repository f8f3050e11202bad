#include "services/call_gate.h"

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <sys/stat.h>

#include <chrono>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "access/access_token.h"
#include "services/grpc_status.h"

namespace coop::services {
namespace {

constexpr char kBearer[] = "Bearer ";
constexpr auto kWatchInterval = std::chrono::milliseconds(200);
// Past this many failures, only every 100th is logged: a flood must not fill the disk.
constexpr uint64_t kFailuresLoggedInFull = 100;

bool OverTls(const grpc::ServerContextBase& context) {
  auto auth = context.auth_context();
  if (auth == nullptr) return false;
  for (const auto& value : auth->FindPropertyValues("transport_security_type")) {
    if (value == "ssl") return true;
  }
  return false;
}

std::string PeerCertificate(const grpc::ServerContextBase& context) {
  auto auth = context.auth_context();
  if (auth == nullptr) return "";
  auto values = auth->FindPropertyValues("x509_pem_cert");
  return values.empty() ? "" : std::string(values.front().data(), values.front().size());
}

std::vector<std::string> PeerAlternativeNames(const grpc::ServerContextBase& context) {
  std::vector<std::string> names;
  auto auth = context.auth_context();
  if (auth == nullptr) return names;
  for (const auto& value : auth->FindPropertyValues("x509_subject_alternative_name")) {
    names.emplace_back(value.data(), value.size());
  }
  return names;
}

// What identifies a version of the file: a rename (as coopctl saves) changes the inode, an
// edit the modification time, a chmod or chown (fixing the file's mode) the change time.
using FileStamp = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, int64_t>;
FileStamp StampOf(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return {-1, -1, -1, -1, -1, -1};
  return {static_cast<int64_t>(st.st_ino),         static_cast<int64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec), static_cast<int64_t>(st.st_mtim.tv_nsec),
          static_cast<int64_t>(st.st_ctim.tv_sec), static_cast<int64_t>(st.st_ctim.tv_nsec)};
}

}  // namespace

std::string CallMetadata(const grpc::ServerContextBase& context, const char* key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(key);
  return it == metadata.end() ? "" : std::string(it->second.data(), it->second.size());
}

bool IsLoopbackAddress(const std::string& listen) {
  const std::string host = listen.substr(0, listen.rfind(':'));
  if (host == "localhost" || host == "[::1]" || host == "::1") return true;
  // An IPv4 address in 127.0.0.0/8, digits and dots only (not a name such as 127.example.org).
  in_addr address;
  return inet_pton(AF_INET, host.c_str(), &address) == 1 && absl::StartsWith(host, "127.");
}

bool IsLoopbackPeer(const std::string& peer) {
  return absl::StartsWith(peer, "ipv4:127.") || absl::StartsWith(peer, "ipv6:[::1]") ||
         absl::StartsWith(peer, "ipv6:%5B::1%5D") || absl::StartsWith(peer, "unix:");
}

absl::StatusOr<std::unique_ptr<CallGate>> CallGate::Open(const CallGateOptions& options) {
  std::unique_ptr<CallGate> gate(new CallGate(options));
  auto internal = access::NewAccessToken();
  if (!internal.ok()) return internal.status();
  gate->internal_token_ = *std::move(internal);
  auto relay = access::NewAccessToken();
  if (!relay.ok()) return relay.status();
  gate->relay_marker_ = *std::move(relay);
  if (gate->open()) return gate;
  if (auto st = gate->Reload(); !st.ok()) return st;
  gate->watcher_ = std::thread([g = gate.get()] { g->Watch(); });
  return gate;
}

CallGate::~CallGate() {
  {
    absl::MutexLock lock(&watch_mu_);
    stopping_ = true;
  }
  if (watcher_.joinable()) watcher_.join();
}

size_t CallGate::active_principals() const {
  absl::MutexLock lock(&mu_);
  return config_ == nullptr ? 0 : config_->active_count();
}

absl::Status CallGate::Reload() {
  auto loaded = access::AuthConfig::Load(options_.auth_config);
  if (!loaded.ok()) {
    if (options_.log != nullptr) {
      options_.log->Error("gate",
                          "không nạp lại được tệp chủ thể, giữ tệp trước / principals file not "
                          "reloaded, the previous one stays",
                          {{"file", options_.auth_config}, {"error", loaded.status().message()}});
    }
    return loaded.status();
  }
  auto config = std::make_shared<const access::AuthConfig>(*std::move(loaded));
  const size_t count = config->active_count();
  {
    absl::MutexLock lock(&mu_);
    config_ = std::move(config);
  }
  if (options_.log != nullptr) {
    options_.log->Info("gate", "đã nạp tệp chủ thể / principals file loaded",
                       {{"file", options_.auth_config}, {"principals", count}});
  }
  return absl::OkStatus();
}

void CallGate::Watch() {
  FileStamp seen = StampOf(options_.auth_config);
  absl::MutexLock lock(&watch_mu_);
  while (
      !watch_mu_.AwaitWithTimeout(absl::Condition(&stopping_), absl::FromChrono(kWatchInterval))) {
    const FileStamp now = StampOf(options_.auth_config);
    if (now != seen || reload_requested_.exchange(false)) {
      seen = now;
      (void)Reload();  // a failure is logged and keeps the previous principals
    }
  }
}

bool CallGate::IsRelayed(const grpc::ServerContextBase& context) const {
  const std::string marker = CallMetadata(context, kRelayHeader);
  return marker.size() == relay_marker_.size() &&
         CRYPTO_memcmp(marker.data(), relay_marker_.data(), marker.size()) == 0;
}

bool CallGate::IsInternal(const std::string& authorization) const {
  const std::string internal = InternalAuthorization();
  return authorization.size() == internal.size() &&
         CRYPTO_memcmp(authorization.data(), internal.data(), internal.size()) == 0;
}

absl::Status CallGate::Refuse(const grpc::ServerContextBase& context, std::string reason) const {
  const uint64_t count = ++failed_;
  if (count <= kFailuresLoggedInFull || count % 100 == 0) {
    if (options_.log != nullptr) {
      options_.log->Warning("gate", "xác thực thất bại / authentication failed",
                            {{"failures", count},
                             {"peer", context.peer()},
                             {"reason", reason},
                             {"request_id", CallMetadata(context, "x-request-id")}});
    }
  }
  return absl::UnauthenticatedError(absl::StrCat("chưa xác thực / unauthenticated: ", reason));
}

absl::StatusOr<std::shared_ptr<const access::Principal>> CallGate::Authenticate(
    const grpc::ServerContextBase& context) const {
  const std::string authorization = CallMetadata(context, "authorization");
  if (open() || IsInternal(authorization)) {
    // Open mode, or coopd's own call (the demo loader). Static: a no-op owner keeps the
    // shared_ptr interface.
    return std::shared_ptr<const access::Principal>(std::shared_ptr<void>(), &access::LocalAdmin());
  }
  std::shared_ptr<const access::AuthConfig> config;
  {
    absl::MutexLock lock(&mu_);
    config = config_;
  }
  if (!authorization.empty()) {
    if (!absl::StartsWith(authorization, kBearer)) {
      return Refuse(context, "the authorization header is not 'Bearer <token>'");
    }
    if (!OverTls(context) && !IsLoopbackPeer(context.peer()) && !IsRelayed(context)) {
      return Refuse(context, "a bearer token over plaintext is refused off loopback; use TLS");
    }
    const access::Principal* principal =
        config->ByTokenSha256(access::Sha256Hex(authorization.substr(sizeof(kBearer) - 1)));
    if (principal == nullptr) return Refuse(context, "unknown or revoked token");
    return std::shared_ptr<const access::Principal>(config, principal);
  }
  const std::string pem = PeerCertificate(context);
  if (!pem.empty()) {
    if (auto fingerprint = access::CertificateFingerprint(pem); fingerprint.ok()) {
      if (const auto* p = config->ByCertificateFingerprint(*fingerprint)) {
        return std::shared_ptr<const access::Principal>(config, p);
      }
    }
    for (const auto& san : PeerAlternativeNames(context)) {
      if (const auto* p = config->ByCertificateSan(san)) {
        return std::shared_ptr<const access::Principal>(config, p);
      }
    }
    return Refuse(context, "the client certificate is mapped to no principal (or it is revoked)");
  }
  return Refuse(context,
                "no credentials: send 'authorization: Bearer <token>' or a client certificate");
}

absl::StatusOr<std::shared_ptr<const access::Principal>> CallGate::Admit(
    const grpc::ServerContextBase& context, access::Permission permission) const {
  auto principal = Authenticate(context);
  if (!principal.ok()) return principal.status();
  const access::Principal& p = **principal;
  if (!access::RoleAllows(p.role, permission)) {
    return absl::PermissionDeniedError(
        absl::StrCat("không được phép / not allowed: principal '", p.name, "' (role ",
                     access::RoleName(p.role), ") may not ", access::PermissionName(permission)));
  }
  if (p.authenticated) {
    // Who recorded comes from the principal; a header may repeat it, never change it.
    for (const auto& [header, own] :
         {std::pair<const char*, const std::string*>{"x-coop-actor", &p.name},
          {"x-coop-agency", &p.agency}}) {
      const std::string claimed = CallMetadata(context, header);
      if (!claimed.empty() && claimed != *own) {
        return absl::PermissionDeniedError(
            absl::StrCat(header, ": claims '", claimed, "', but the caller is principal '", p.name,
                         "' (agency '", p.agency,
                         "'); with authentication on, who recorded comes from the "
                         "principal"));
      }
    }
  }
  return principal;
}

std::shared_ptr<const access::Principal> AdmitOrFinish(const CallGate& gate,
                                                       grpc::CallbackServerContext* context,
                                                       grpc::ServerUnaryReactor* reactor,
                                                       access::Permission permission) {
  auto principal = gate.Admit(*context, permission);
  if (principal.ok()) return *std::move(principal);
  reactor->Finish(ToGrpcStatus(principal.status()));
  return nullptr;
}

}  // namespace coop::services
