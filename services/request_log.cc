#include "services/request_log.h"

#include <chrono>
#include <optional>

#include "absl/strings/ascii.h"
#include "base/uuid.h"
#include "services/call_outcome.h"

namespace coop::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

std::string NewRequestId() {
  std::string id = "coopd-";
  for (char c : base::NewRandomUuid()) {
    if (id.size() == 22) break;
    if (c != '-') id.push_back(c);
  }
  return id;
}

class RequestLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(const char* method, const base::JsonLog* log)
      : method_(method == nullptr ? "" : method),
        log_(log),
        started_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      TakeRequestId(methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA) &&
        !request_id_.empty()) {
      methods->GetSendInitialMetadata()->emplace(kRequestIdHeader, request_id_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      LogEnd(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  void TakeRequestId(std::multimap<grpc::string_ref, grpc::string_ref>* metadata) {
    auto sent = metadata->find(kRequestIdHeader);
    if (sent != metadata->end()) {
      const absl::string_view id(sent->second.data(), sent->second.size());
      if (IsUsableRequestId(id)) {
        request_id_ = std::string(id);
        return;
      }
      metadata->erase(sent);
    }
    request_id_ = NewRequestId();
    // The string_refs point into this interceptor, which lives as long as the call.
    metadata->emplace(grpc::string_ref(kRequestIdHeader), grpc::string_ref(request_id_));
  }

  void LogEnd(const grpc::Status& status) const {
    const base::LogLevel level = RequestLogLevel(status.error_code());
    if (log_ == nullptr || !log_->Enabled(level)) return;
    const double duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    const std::string rule = status.ok() ? "" : RuleIdOf(status.error_message());
    const std::string code = StatusCodeName(status.error_code());
    if (rule.empty()) {
      log_->Write(level, "rpc", "cuộc gọi kết thúc / call finished",
                  {{"method", method_},
                   {"code", code},
                   {"duration_ms", duration_ms},
                   {"request_id", request_id_}});
    } else {
      log_->Write(level, "rpc", "cuộc gọi kết thúc / call finished",
                  {{"method", method_},
                   {"code", code},
                   {"duration_ms", duration_ms},
                   {"request_id", request_id_},
                   {"rule", rule}});
    }
  }

  const std::string method_;
  const base::JsonLog* const log_;
  const std::chrono::steady_clock::time_point started_;
  std::string request_id_;
};

class RequestLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RequestLogInterceptorFactory(const base::JsonLog* log) : log_(log) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RequestLogInterceptor(info->method(), log_);
  }

 private:
  const base::JsonLog* const log_;
};

}  // namespace

bool IsUsableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != ':' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

base::LogLevel RequestLogLevel(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return base::LogLevel::kDebug;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::UNIMPLEMENTED:
      return base::LogLevel::kWarning;
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
      return base::LogLevel::kError;
    default:
      return base::LogLevel::kInfo;
  }
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> RequestLogInterceptors(
    const base::JsonLog* log) {
  return std::make_unique<RequestLogInterceptorFactory>(log);
}

}  // namespace coop::services
