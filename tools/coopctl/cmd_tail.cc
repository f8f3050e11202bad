// coopctl tail: subscribes to the log and prints events as they arrive.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "command.h"
#include "connection.h"
#include "filter_options.h"
#include "output.h"
#include "time_text.h"

namespace coopctl {
namespace {

constexpr char kUsage[] =
    "usage: coopctl tail [--from POSITION | --from-end | --since TIME] [--count N]\n"
    "                    [--type TYPE]... [--prefix PREFIX]... [--area CODE --unit-set SET]...\n"
    "\n"
    "Subscribes to the log: prints the events from the starting point, a '-- caught up' line\n"
    "when the server switches to live events (and '-- fell behind' if it has to catch up\n"
    "again), then new events as they are appended. Runs until Ctrl-C, --count events or the\n"
    "server ends the subscription.\n"
    "\n"
    "  --from N        start at log position N (default: the start of the log)\n"
    "  --from-end      only events appended after subscribing\n"
    "  --since TIME    start at the first event recorded at or after TIME:\n"
    "                  2026-01-02T03:04:05Z, 2026-01-02, or microseconds since the epoch\n"
    "  --count N       stop after N events\n"
    "  --type, --prefix, --area/--unit-set   filters, as for 'coopctl read --all'\n";

// While alive, SIGINT and SIGTERM are blocked in this thread and in every thread started
// later (gRPC's included) and a watcher thread turns them into a cancel of `context`.
// Construct before the channel so that gRPC's threads inherit the blocked mask.
class CancelOnSignal {
 public:
  CancelOnSignal() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGUSR1);  // sent by the destructor to stop the watcher
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    watcher_ = std::thread([this] {
      int signal = 0;
      sigwait(&signals_, &signal);
      if (signal == SIGUSR1) return;
      interrupted_ = true;
      grpc::ClientContext* context = context_.load();
      if (context != nullptr) context->TryCancel();
    });
  }
  ~CancelOnSignal() {
    context_ = nullptr;
    pthread_kill(watcher_.native_handle(), SIGUSR1);
    watcher_.join();
  }
  void Watch(grpc::ClientContext* context) { context_ = context; }
  void Unwatch() { context_ = nullptr; }
  bool interrupted() const { return interrupted_; }

 private:
  sigset_t signals_;
  std::atomic<grpc::ClientContext*> context_{nullptr};
  std::atomic<bool> interrupted_{false};
  std::thread watcher_;
};

coop::v1::SubscribeRequest RequestFrom(const ParsedArgs& args) {
  RequireAtMostOne(args, {"from", "from-end", "since"});
  coop::v1::SubscribeRequest request;
  if (args.Has("from-end")) {
    request.set_from_end(true);
  } else if (auto since = args.Get("since")) {
    request.set_from_recorded_at_micros(ParseTimeArg(*since, "--since"));
  } else {
    request.set_from_position(args.GetUint("from").value_or(0));
  }
  *request.mutable_filter() = FilterFrom(args);
  return request;
}

int RunTail(const Globals& globals, const ParsedArgs& args) {
  if (!args.positionals().empty()) {
    throw UsageError(absl::StrCat("unexpected argument '", args.positionals()[0], "'"));
  }
  coop::v1::SubscribeRequest request = RequestFrom(args);
  std::optional<uint64_t> count = args.GetUint("count");
  if (count == 0) throw UsageError("--count: must be at least 1");

  CancelOnSignal cancel_on_signal;
  auto stub = NewStub(globals);
  grpc::ClientContext context;  // no deadline: a subscription runs until stopped
  cancel_on_signal.Watch(&context);
  Output output(globals.json);
  uint64_t events = 0;
  bool count_reached = false;
  auto reader = stub->Subscribe(&context, request);
  coop::v1::SubscribeResponse response;
  while (reader->Read(&response)) {
    output.Print(response);
    if (response.has_event() && count && ++events >= *count) {
      count_reached = true;
      context.TryCancel();
      break;
    }
  }
  grpc::Status status = reader->Finish();
  cancel_on_signal.Unwatch();
  if (count_reached || cancel_on_signal.interrupted()) return kExitOk;
  if (!status.ok()) return ReportRpcError(status);
  return kExitOk;
}

}  // namespace

Command TailCommand() {
  std::vector<OptionSpec> options = {{"from", true, false},
                                     {"from-end", false, false},
                                     {"since", true, false},
                                     {"count", true, false}};
  for (auto& spec : FilterOptionSpecs()) options.push_back(spec);
  return {"tail", "subscribe: print events as they are appended", kUsage, options, &RunTail};
}

}  // namespace coopctl
