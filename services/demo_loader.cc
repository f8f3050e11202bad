#include "services/demo_loader.h"

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace coop::services {
namespace {

constexpr size_t kMaxInFlight = 64;

// Splits the commands into waves that run one after the other, each in parallel: a command
// goes in the wave after its aggregate's previous command and after the latest command listed
// so far of each aggregate it names (`after`), so the records it names are recorded first.
std::vector<std::vector<const demo::DemoCommand*>> Waves(
    const std::vector<demo::DemoCommand>& commands) {
  std::map<std::string, size_t> next_wave;  // by aggregate: the first wave after its latest
  std::vector<std::vector<const demo::DemoCommand*>> waves;
  for (const auto& command : commands) {
    size_t k = next_wave[command.aggregate];
    for (const auto& named : command.after) {
      auto it = next_wave.find(named);
      if (it != next_wave.end()) k = std::max(k, it->second);
    }
    if (waves.size() <= k) waves.resize(k + 1);
    waves[k].push_back(&command);
    next_wave[command.aggregate] = k + 1;
  }
  return waves;
}

}  // namespace

absl::Status ApplyDemo(grpc::Server* server, const std::string& authorization,
                       const std::vector<demo::DemoCommand>& commands,
                       const DemoProgress& progress) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  return ApplyDemoOver(server->InProcessChannel(args), authorization, commands, progress);
}

absl::Status ApplyDemoOver(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& authorization,
                           const std::vector<demo::DemoCommand>& commands,
                           const DemoProgress& progress) {
  grpc::GenericStub stub(channel);
  size_t done = 0;
  for (const auto& wave : Waves(commands)) {
    absl::Mutex mu;
    size_t in_flight = 0;
    absl::Status first_error;
    for (const auto* command : wave) {
      {
        absl::MutexLock lock(&mu);
        auto room = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return in_flight < kMaxInFlight; };
        mu.Await(absl::Condition(&room));
        ++in_flight;
      }
      struct Call {
        grpc::ClientContext context;
        grpc::ByteBuffer request, reply;
      };
      auto call = std::make_shared<Call>();
      if (!authorization.empty()) call->context.AddMetadata("authorization", authorization);
      call->context.AddMetadata("x-coop-actor", "demo");
      call->context.AddMetadata("x-coop-agency", "coopledger demo data");
      call->context.AddMetadata("x-coop-client", "coopd --demo");
      grpc::Slice slice(command->request);
      call->request = grpc::ByteBuffer(&slice, 1);
      stub.UnaryCall(
          &call->context, command->method, grpc::StubOptions(), &call->request, &call->reply,
          [&, call, command](grpc::Status status) {
            absl::MutexLock lock(&mu);
            --in_flight;
            if (!status.ok() && first_error.ok()) {
              first_error = absl::Status(
                  static_cast<absl::StatusCode>(status.error_code()),
                  absl::StrCat("demo command ", command->method, " on ", command->occurred_on,
                               " for ", command->aggregate, ": ", status.error_message()));
            }
          });
    }
    absl::MutexLock lock(&mu);
    auto idle = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return in_flight == 0; };
    mu.Await(absl::Condition(&idle));
    if (!first_error.ok()) return first_error;
    done += wave.size();
    if (progress) progress(done, commands.size());
  }
  return absl::OkStatus();
}

}  // namespace coop::services
