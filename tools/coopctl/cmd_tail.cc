// coopctl tail: subscribes to the log and prints events as they arrive.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstring>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/coopctl/command.h"
#include "tools/coopctl/connection.h"
#include "tools/coopctl/filter_options.h"
#include "tools/coopctl/output.h"
#include "tools/coopctl/time_text.h"

namespace coop::coopctl {
namespace {

// Events per Subscribe message asked of the server (its maximum, one page).
constexpr uint32_t kTailEventsPerMessage = 256;

constexpr char kUsage[] =
    "usage: coopctl tail [--from POSITION | --from-end | --since TIME] [--count N]\n"
    "                    [--type TYPE]... [--prefix PREFIX]... [--area CODE --unit-set SET]...\n"
    "\n"
    "Theo dõi sổ: in các sự kiện kể từ điểm bắt đầu, một dòng '-- caught up' khi máy chủ chuyển\n"
    "sang gửi sự kiện mới ngay khi có (và '-- fell behind' nếu phải bắt kịp lại), rồi các sự\n"
    "kiện mới khi chúng được ghi. Chạy đến khi bấm Ctrl-C, đủ --count sự kiện, hoặc máy chủ kết\n"
    "thúc việc theo dõi.\n"
    "Subscribes to the log: prints the events from the starting point, a '-- caught up' line\n"
    "when the server switches to live events (and '-- fell behind' if it has to catch up\n"
    "again), then new events as they are appended. Runs until Ctrl-C, --count events or the\n"
    "server ends the subscription.\n"
    "\n"
    "  --from N        bắt đầu ở vị trí nhật ký N (mặc định: từ vị trí đầu tiên của sổ)\n"
    "                  start at log position N (default: the start of the log)\n"
    "  --from-end      chỉ các sự kiện được ghi sau khi bắt đầu theo dõi\n"
    "                  only events appended after subscribing\n"
    "  --since TIME    bắt đầu từ sự kiện đầu tiên được ghi vào lúc TIME hoặc sau đó:\n"
    "                  2026-01-02T03:04:05Z, 2026-01-02, hoặc số micro giây kể từ epoch\n"
    "                  start at the first event recorded at or after TIME:\n"
    "                  2026-01-02T03:04:05Z, 2026-01-02, or microseconds since the epoch\n"
    "  --count N       dừng sau N sự kiện\n"
    "                  stop after N events\n"
    "  --type, --prefix, --area/--unit-set   bộ lọc, như với 'coopctl read --all'\n"
    "                                        filters, as for 'coopctl read --all'\n";

// Once started, SIGINT and SIGTERM are blocked in this thread and in every thread started
// later (gRPC's included) and a watcher thread turns them into a cancel of the watched
// context. Start before making the channel so that gRPC's threads inherit the blocked mask.
class CancelOnSignal {
 public:
  CancelOnSignal() = default;
  CancelOnSignal(const CancelOnSignal&) = delete;
  CancelOnSignal& operator=(const CancelOnSignal&) = delete;
  ~CancelOnSignal() {
    if (!started_) return;
    context_ = nullptr;
    pthread_kill(watcher_, SIGUSR1);
    pthread_join(watcher_, nullptr);
  }

  // Blocks the signals and starts the watcher thread; an error if it cannot be started.
  absl::Status Start() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGUSR1);  // sent by the destructor to stop the watcher
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    const int error = pthread_create(&watcher_, nullptr, &CancelOnSignal::Watcher, this);
    if (error != 0) return absl::InternalError(std::strerror(error));
    started_ = true;
    return absl::OkStatus();
  }
  void Watch(grpc::ClientContext* context) { context_ = context; }
  void Unwatch() { context_ = nullptr; }
  bool interrupted() const { return interrupted_; }

 private:
  static void* Watcher(void* self) {
    static_cast<CancelOnSignal*>(self)->WaitForSignal();
    return nullptr;
  }
  void WaitForSignal() {
    int signal = 0;
    sigwait(&signals_, &signal);
    if (signal == SIGUSR1) return;
    interrupted_ = true;
    grpc::ClientContext* context = context_.load();
    if (context != nullptr) context->TryCancel();
  }

  sigset_t signals_;
  std::atomic<grpc::ClientContext*> context_{nullptr};
  std::atomic<bool> interrupted_{false};
  pthread_t watcher_{};
  bool started_ = false;
};

absl::StatusOr<coop::v1::SubscribeRequest> RequestFrom(const ParsedArgs& args) {
  if (absl::Status status = RequireAtMostOne(args, {"from", "from-end", "since"}); !status.ok()) {
    return status;
  }
  coop::v1::SubscribeRequest request;
  if (args.Has("from-end")) {
    request.set_from_end(true);
  } else if (auto since = args.Get("since")) {
    absl::StatusOr<int64_t> micros = ParseTimeArg(*since, "--since");
    if (!micros.ok()) return micros.status();
    request.set_from_recorded_at_micros(*micros);
  } else {
    absl::StatusOr<uint64_t> from = args.GetUintOr("from", 0);
    if (!from.ok()) return from.status();
    request.set_from_position(*from);
  }
  absl::StatusOr<coop::v1::EventFilter> filter = FilterFrom(args);
  if (!filter.ok()) return filter.status();
  *request.mutable_filter() = *filter;
  return request;
}

absl::StatusOr<int> RunTail(const Globals& globals, const ParsedArgs& args) {
  if (!args.positionals().empty()) {
    return UsageError(absl::StrCat("unexpected argument '", args.positionals()[0], "'"));
  }
  absl::StatusOr<coop::v1::SubscribeRequest> request = RequestFrom(args);
  if (!request.ok()) return request.status();
  absl::StatusOr<std::optional<uint64_t>> count_flag = args.GetUint("count");
  if (!count_flag.ok()) return count_flag.status();
  const std::optional<uint64_t> count = *count_flag;
  if (count == 0) return UsageError("--count: must be at least 1");

  CancelOnSignal cancel_on_signal;
  if (absl::Status status = cancel_on_signal.Start(); !status.ok()) return status;
  auto stub = NewStub(globals);
  grpc::ClientContext context;  // no deadline: a subscription runs until stopped
  cancel_on_signal.Watch(&context);
  Output output(globals.json);
  uint64_t events = 0;
  bool count_reached = false;
  // The server gathers events into `events` messages (a long catch-up reads several times
  // faster); each is printed as its own `event` line, as before, so --json output is unchanged.
  request->set_max_events_per_message(kTailEventsPerMessage);
  auto reader = stub->Subscribe(&context, *request);
  coop::v1::SubscribeResponse response;
  coop::v1::SubscribeResponse one;
  auto print_event = [&](coop::v1::RecordedEvent* event) {
    *one.mutable_event() = std::move(*event);
    output.Print(one);
    return count && ++events >= *count;
  };
  while (!count_reached && reader->Read(&response)) {
    if (response.has_event()) {
      count_reached = print_event(response.mutable_event());
    } else if (response.has_events()) {
      for (auto& event : *response.mutable_events()->mutable_events()) {
        if ((count_reached = print_event(&event))) break;
      }
    } else {
      output.Print(response);
    }
  }
  if (count_reached) context.TryCancel();
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
  return {"tail", "theo dõi sự kiện mới / subscribe: print events as they are appended", kUsage,
          options, &RunTail};
}

}  // namespace coop::coopctl
