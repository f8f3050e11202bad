#include "services/calls_in_flight.h"

namespace coop::services {
namespace {

class CountingInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit CountingInterceptor(CallsInFlight* calls) : calls_(calls) { calls_->Begin(); }
  ~CountingInterceptor() override { calls_->End(); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    methods->Proceed();
  }

 private:
  CallsInFlight* const calls_;
};

class CountingInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CountingInterceptorFactory(CallsInFlight* calls) : calls_(calls) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* /*info*/) override {
    return new CountingInterceptor(calls_);
  }

 private:
  CallsInFlight* const calls_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
CallsInFlight::Interceptors() {
  return std::make_unique<CountingInterceptorFactory>(this);
}

int64_t CallsInFlight::count() const {
  absl::MutexLock lock(&mu_);
  return count_;
}

bool CallsInFlight::WaitUntilNone(absl::Time deadline) const {
  absl::MutexLock lock(&mu_);
  const auto none = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return count_ == 0; };
  return mu_.AwaitWithDeadline(absl::Condition(&none), deadline);
}

void CallsInFlight::Begin() {
  absl::MutexLock lock(&mu_);
  ++count_;
}

void CallsInFlight::End() {
  absl::MutexLock lock(&mu_);
  --count_;
}

}  // namespace coop::services
