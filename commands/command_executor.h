// CommandExecutor: the write path of every aggregate. For one command it
//   1. looks up the first event id derived from the command id: if that event exists the
//      command already ran, and its original result is returned (idempotent end to end);
//   2. loads the aggregate's stream and folds it into state;
//   2½. if a recorder sent it, checks the aggregate is in the recorder's areas (before
//      deciding for an aggregate that exists, after it for the command that creates one:
//      commands/recorder_scope.h), so an out-of-scope command learns nothing and writes nothing;
//   3. asks the pure decider for the events to append, or the rule that forbids it, then
//      checks the records the fact names (commands/link_check.h: LINK-01..06);
//   4. appends them, with ids derived from the command id, expecting the version it read
//      (ExecuteAsync: queued, and the thread goes on to other work while the batch syncs);
//   5. on a version conflict, goes back to 2 (a bounded number of times) — unless the client
//      gave the expected version itself, in which case the conflict is its answer.
//
// `Aggregate` is the aggregate's descriptor, beside its decider in domain/ (e.g.
// domain::CooperativeAggregate in domain/cooperative/cooperative_aggregate.h). It supplies
//   State, Event (an event union such as coop.v1.CooperativeEvent), kName,
//   static std::string StreamId(const std::string& aggregate_id);
//   static State Evolve(State, absl::CivilDay, const Event&);
//   static absl::StatusOr<std::vector<Event>> Decide(const std::string& occurred_on,
//       const Event& fact, const State&, const domain::DecisionContext&);
//   static coop::v1::Area AreaOf(const State&);  // the area the events are filed under
//   static bool Exists(const State&);
//   static bool Creates(const Event&);           // true for the fact that creates it
//
// Reads the store (steps 1–3; Execute also waits for the append): call it from a
// CommandWorkers thread, never from a gRPC thread.
// Thread-safe.
#ifndef COOPLEDGER_COMMANDS_COMMAND_EXECUTOR_H_
#define COOPLEDGER_COMMANDS_COMMAND_EXECUTOR_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/random/random.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/uuid.h"
#include "commands/command_decision.h"
#include "commands/command_input.h"
#include "commands/command_workers.h"
#include "commands/event_envelope.h"
#include "commands/link_check.h"
#include "commands/original_result.h"
#include "commands/recorder_scope.h"
#include "coop/v1/registry.pb.h"
#include "domain/common/dates.h"
#include "domain/common/decision_context.h"
#include "domain/common/stream_corrections.h"
#include "eventstore/event_store.h"

namespace coop::commands {

// A contended stream converges quickly: each conflict means another command succeeded.
inline constexpr int kMaxCommandAttempts = 16;

template <typename Aggregate>
class CommandExecutor {
 public:
  using State = typename Aggregate::State;
  using Event = typename Aggregate::Event;

  // `store` is not owned. `context` gives the decision context (today, area checks).
  CommandExecutor(eventstore::EventStore* store, std::function<domain::DecisionContext()> context)
      : store_(store), context_(std::move(context)) {}

  using ReplyCallback = std::function<void(absl::StatusOr<coop::v1::CommandReply>)>;

  // Runs the command without holding the calling thread while its append is made durable:
  // steps 1–3 here, then the append is queued (EventStore::AppendAsync) and this returns, so a
  // worker can decide the next command while the batch syncs, and group commit is not capped
  // by the number of workers. `done` is called exactly once and must not block:
  //   - on this thread, if the command ends before its append (a rule, a bad id, a read error);
  //   - on the store's completing thread (RocksDB: its completer), with the reply or the
  //     append's error;
  //   - on a `workers` thread, after a version conflict (step 5 decides again there, after the
  //     same short random pause) or a reused event id (the original result is looked up there).
  //     UNAVAILABLE ("shutting down") if `workers` has stopped by then.
  // Call it from a `workers` thread; `workers` must outlive the command.
  void ExecuteAsync(CommandInput input, Event fact, CommandWorkers* workers, ReplyCallback done) {
    auto run =
        std::make_shared<Run>(Run{std::move(input), std::move(fact), workers, std::move(done), 0});
    if (auto ended = Begin(run->input); ended.has_value()) return run->done(*std::move(ended));
    Attempt(std::move(run));
  }

  // The blocking form: the same steps, waiting for the append on this thread. For the callers
  // that must act after the command on the same thread (ForgetPerson erases after its event).
  absl::StatusOr<coop::v1::CommandReply> Execute(const CommandInput& input, const Event& fact) {
    if (auto ended = Begin(input); ended.has_value()) return *std::move(ended);
    for (int attempt = 0; attempt < kMaxCommandAttempts; ++attempt) {
      auto request = Prepare(input, fact);
      if (!request.ok()) return request.status();
      auto appended = store_->Append(*std::move(request));
      if (appended.ok()) return Reply(input, *appended);
      switch (AfterFailedAppend(input, appended.status())) {
        case Next::kLookUpOriginal:
          return OriginalOr(input, appended.status());
        case Next::kRetry:
          PauseBeforeRetry(attempt);
          continue;
        case Next::kFail:
          return appended.status();
      }
    }
    return GaveUp(input);
  }

  // Folds the whole stream. Version 0 and the initial state if it does not exist.
  struct Loaded {
    State state;
    uint64_t version = 0;
    std::optional<domain::Withdrawal> withdrawal;
  };
  absl::StatusOr<Loaded> Load(const std::string& stream_id) {
    Loaded loaded;
    auto stream = ReadWholeStream(store_, stream_id);
    if (!stream.ok()) return stream.status();
    if (!stream->empty()) loaded.version = stream->back().stream_version();
    loaded.state = FoldStream<Aggregate>(*stream);
    loaded.withdrawal = domain::WithdrawalOf(*stream);
    return loaded;
  }

 private:
  // One asynchronous command on its way: shared by the callbacks that carry it on.
  struct Run {
    CommandInput input;
    Event fact;
    CommandWorkers* workers;
    ReplyCallback done;
    int attempt;
  };

  // Step 1: the command's result if it ends before deciding (a malformed command id, or the
  // original result of a command that already ran, or the error of looking it up).
  std::optional<absl::StatusOr<coop::v1::CommandReply>> Begin(const CommandInput& input) {
    if (!base::ParseUuid(input.stamp.command_id)) {
      return absl::InvalidArgumentError("header.command_id: must be a UUID");
    }
    auto original = FindOriginalResult(store_, input);
    if (!original.ok()) return original.status();
    if (original->has_value()) return **original;
    return std::nullopt;
  }

  // Steps 2–3 and the append's request: loads and folds the stream, checks the recorder's
  // scope, decides, checks the records the fact names.
  absl::StatusOr<coop::v1::AppendRequest> Prepare(const CommandInput& input, const Event& fact) {
    std::vector<coop::v1::StreamAppend> reservations = input.reservations;
    if (input.precheck) {
      if (auto st = input.precheck(&reservations); !st.ok()) return st;
    }
    auto loaded = Load(input.stream_id);
    if (!loaded.ok()) return loaded.status();
    // A withdrawn record takes no command, not even its creation again (CORR-10).
    if (loaded->withdrawal.has_value()) {
      return domain::WithdrawnError(Aggregate::kName, input.aggregate_id, *loaded->withdrawal);
    }
    if (!Aggregate::Creates(fact) && !Aggregate::Exists(loaded->state)) {
      return absl::NotFoundError(absl::StrCat(input.aggregate_id, ": no such ", Aggregate::kName,
                                              " (stream '", input.stream_id, "' has no events)"));
    }
    const bool exists = Aggregate::Exists(loaded->state);
    if (exists) {
      if (auto st = CheckScope(input, loaded->state); !st.ok()) return st;
    }
    auto decision = DecideCommand<Aggregate>(input.stamp.occurred_on, fact,
                                             std::move(loaded->state), context_());
    if (!decision.ok()) return decision.status();
    if (!exists) {
      if (auto st = CheckScope(input, decision->after); !st.ok()) return st;
    }
    // The records the fact names (domain/links), read as the log holds them now: after the
    // scope, so an out-of-scope recorder learns nothing of them.
    if (auto st = CheckLinksOf(store_, fact, input.stamp.occurred_on, input.aggregate_id);
        !st.ok()) {
      return st;
    }
    return BuildAppend(input, loaded->version, *decision, reservations);
  }

  // What follows an append the store refused.
  enum class Next {
    kLookUpOriginal,  // ALREADY_EXISTS: a concurrent retry of this very command may have won
    kRetry,           // ABORTED without a client's expected version: decide again (step 5)
    kFail,            // anything else: the append's error is the answer
  };
  static Next AfterFailedAppend(const CommandInput& input, const absl::Status& status) {
    if (status.code() == absl::StatusCode::kAlreadyExists) return Next::kLookUpOriginal;
    if (status.code() == absl::StatusCode::kAborted && !input.expected_version) return Next::kRetry;
    return Next::kFail;
  }
  absl::StatusOr<coop::v1::CommandReply> OriginalOr(const CommandInput& input,
                                                    const absl::Status& refusal) {
    auto original = FindOriginalResult(store_, input);
    if (original.ok() && original->has_value()) return **original;
    return refusal;
  }
  // Someone else appended to the stream (or took a reserved name): a short random pause, so
  // that racing workers do not collide in lockstep.
  static void PauseBeforeRetry(int attempt) {
    std::this_thread::sleep_for(
        std::chrono::microseconds(absl::Uniform(JitterBits(), 0, 500 * (attempt + 1))));
  }
  static absl::Status GaveUp(const CommandInput& input) {
    return absl::AbortedError(absl::StrCat("stream '", input.stream_id, "': gave up after ",
                                           kMaxCommandAttempts, " concurrent modifications"));
  }

  // Steps 2–4 of an asynchronous command; its append's completion carries it on.
  void Attempt(std::shared_ptr<Run> run) {
    auto request = Prepare(run->input, run->fact);
    if (!request.ok()) return run->done(request.status());
    store_->AppendAsync(*std::move(request), [this, run](auto appended) {
      if (appended.ok()) return run->done(Reply(run->input, *appended));
      const Next next = AfterFailedAppend(run->input, appended.status());
      if (next == Next::kFail) return run->done(appended.status());
      // The store's thread must not block: the lookup, the pause and the new decision run on
      // a worker.
      const bool posted =
          run->workers->Post([this, run, next, status = appended.status()]() mutable {
            if (next == Next::kLookUpOriginal) return run->done(OriginalOr(run->input, status));
            PauseBeforeRetry(run->attempt);
            if (++run->attempt >= kMaxCommandAttempts) return run->done(GaveUp(run->input));
            Attempt(std::move(run));
          });
      if (!posted) run->done(absl::UnavailableError("shutting down"));
    });
  }

  // OK unless a recorder sent the command and `state` is outside its areas.
  absl::Status CheckScope(const CommandInput& input, const State& state) {
    if (input.principal == nullptr || input.principal->role != access::Role::kRecorder) {
      return absl::OkStatus();
    }
    const absl::CivilDay on = domain::ParseDateOr(input.stamp.occurred_on, absl::CivilDay::max());
    auto area = ScopeAreaOf<Aggregate>(store_, state, on);
    if (!area.ok()) return area.status();
    return CheckRecorderScope(*input.principal, *area,
                              absl::StrCat(Aggregate::kName, " '", input.aggregate_id, "'"));
  }

  // The append of the command: its events on the aggregate's stream, expecting the version
  // read (or the client's), then its reservations, each with its own expectation.
  coop::v1::AppendRequest BuildAppend(const CommandInput& input, uint64_t version_read,
                                      const Decision<Aggregate>& decision,
                                      const std::vector<coop::v1::StreamAppend>& reservations) {
    const CommandStamp& stamp = input.stamp;
    coop::v1::AppendRequest request;
    auto* stream = request.add_streams();
    stream->set_stream_id(input.stream_id);
    stream->mutable_expected()->set_kind(coop::v1::ExpectedVersion::EXACT);
    stream->mutable_expected()->set_version(input.expected_version.value_or(version_read));
    int index = AddDecidedEvents(stamp, decision, stream);
    for (const auto& reservation : reservations) {
      auto* extra = request.add_streams();
      *extra = reservation;
      for (auto& e : *extra->mutable_events()) StampEvent(stamp, coop::v1::Area(), index++, &e);
    }
    return request;
  }

  coop::v1::CommandReply Reply(const CommandInput& input,
                               const coop::v1::AppendResponse& appended) const {
    coop::v1::CommandReply reply;
    reply.set_aggregate_id(input.aggregate_id);
    reply.set_stream_id(input.stream_id);
    reply.set_version(appended.streams(0).last_version());
    reply.set_position(appended.streams(0).last_version() - appended.streams(0).first_version() +
                       appended.first_position());
    reply.set_duplicate(appended.duplicate());
    return reply;
  }

  static absl::BitGen& JitterBits() {
    thread_local absl::BitGen bits;  // absl::BitGen is not thread-safe: one per thread
    return bits;
  }

  eventstore::EventStore* const store_;
  const std::function<domain::DecisionContext()> context_;
};

}  // namespace coop::commands

#endif  // COOPLEDGER_COMMANDS_COMMAND_EXECUTOR_H_
