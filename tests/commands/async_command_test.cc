// CommandExecutor::ExecuteAsync does not hold its worker while the append is made durable:
// one worker decides many commands while the store's writer is held, they share one group
// commit, and a conflict inside that commit is decided again on a worker. A real RocksDB
// event store; the WriterGate holds its writer at the first append.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "base/uuid.h"
#include "commands/command_executor.h"
#include "commands/command_workers.h"
#include "domain/hall/hall_aggregate.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "tests/support/test_support.h"
#include "tests/support/writer_gate.h"

namespace coop::commands {
namespace {

using Executor = CommandExecutor<domain::HallAggregate>;

coop::v1::HallEvent Founding(const std::string& hall_id) {
  coop::v1::HallEvent e;
  auto* f = e.mutable_founded();
  f->set_hall_id(hall_id);
  f->set_name("Hội quán " + hall_id);
  f->mutable_address()->set_code("32059");
  f->mutable_address()->set_unit_set("2025-03");
  f->set_field("rice");
  f->set_members(20);
  return e;
}

coop::v1::HallEvent Members(int64_t members) {
  coop::v1::HallEvent e;
  e.mutable_members_changed()->set_members(members);
  return e;
}

CommandInput InputFor(const std::string& hall_id) {
  CommandInput input;
  input.stamp.command_id = base::NewRandomUuid();
  input.stamp.occurred_on = "2024-05-01";
  input.aggregate_id = hall_id;
  input.stream_id = domain::HallAggregate::StreamId(hall_id);
  return input;
}

// The replies of asynchronous commands, as they arrive on whichever thread completes them.
class Replies {
 public:
  explicit Replies(int n) : results_(n), done_(n) {}
  Executor::ReplyCallback For(int i) {
    return [this, i](absl::StatusOr<coop::v1::CommandReply> r) {
      results_[i] = std::move(r);
      done_[i].Notify();
    };
  }
  void WaitAll() {
    for (auto& d : done_) d.WaitForNotification();
  }
  int arrived() const {
    int n = 0;
    for (const auto& d : done_) n += d.HasBeenNotified() ? 1 : 0;
    return n;
  }
  const absl::StatusOr<coop::v1::CommandReply>& operator[](int i) const { return results_[i]; }

 private:
  std::vector<absl::StatusOr<coop::v1::CommandReply>> results_;
  std::vector<absl::Notification> done_;
};

class AsyncCommandTest : public ::testing::Test {
 protected:
  // Hall "h1" exists; then the store is reopened with its writer to be held at the next
  // append (WriterGate holds the first one it sees).
  void SetUp() override {
    Open(eventstore::RocksOptions());
    ASSERT_OK(executor_->Execute(InputFor("h1"), Founding("h1")));
    executor_.reset();
    store_.reset();
    eventstore::RocksOptions rocks;
    rocks.before_batch_hook = gate_.Hook();
    Open(rocks);
  }
  void Open(const eventstore::RocksOptions& rocks) {
    auto opened = eventstore::RocksEventStore::Open(dir_.path(), eventstore::StoreOptions(), rocks);
    ASSERT_OK(opened);
    store_ = *std::move(opened);
    executor_ = std::make_unique<Executor>(store_.get(), [] {
      domain::DecisionContext context;
      context.today = absl::CivilDay(2026, 12, 31);
      return context;
    });
  }
  void TearDown() override {
    gate_.Release();  // a failed test must not leave the writer held
    workers_.Stop();
  }

  // Runs the command on the one worker, as the command services do.
  void Submit(CommandInput input, coop::v1::HallEvent fact, Executor::ReplyCallback done) {
    ASSERT_TRUE(workers_.Post(
        [this, input = std::move(input), fact = std::move(fact), done = std::move(done)]() mutable {
          executor_->ExecuteAsync(std::move(input), std::move(fact), &workers_, std::move(done));
        }));
  }

  // Waits (at most 30 s) until `appends` appends wait in the store's queue (the held one
  // counts: the writer is held before it takes its batch) and the worker has nothing left to
  // run.
  bool WaitUntilQueued(uint64_t appends) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (store_->writer_stats().queued_appends == appends && workers_.queued() == 0 &&
          workers_.running() == 0) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

  coop::testing::TempDir dir_;
  coop::testing::WriterGate gate_;
  std::unique_ptr<eventstore::RocksEventStore> store_;
  std::unique_ptr<Executor> executor_;
  CommandWorkers workers_{1};
};

TEST_F(AsyncCommandTest, OneWorkerDecidesEveryCommandWhileTheirAppendsWaitForTheCommit) {
  constexpr int kCommands = 8;
  Replies replies(kCommands);
  Submit(InputFor("n0"), Founding("n0"), replies.For(0));
  gate_.WaitUntilHeld();  // the writer holds command 0's append
  for (int i = 1; i < kCommands; ++i) {
    const std::string id = "n" + std::to_string(i);
    Submit(InputFor(id), Founding(id), replies.For(i));
  }
  // A worker that waited for its append would still be inside command 0: nothing queued.
  ASSERT_TRUE(WaitUntilQueued(kCommands))
      << "queued appends: " << store_->writer_stats().queued_appends
      << ", tasks waiting: " << workers_.queued() << ", running: " << workers_.running();
  EXPECT_EQ(replies.arrived(), 0) << "no reply before the commit";
  const auto batches_before = store_->writer_stats().batches;
  gate_.Release();
  replies.WaitAll();

  for (int i = 0; i < kCommands; ++i) {
    ASSERT_OK(replies[i]);
    EXPECT_EQ(replies[i]->version(), 1u);
    // h1's founding is position 1.
    EXPECT_EQ(replies[i]->position(), static_cast<uint64_t>(i + 2)) << "in the order decided";
  }
  // Command 0's batch, then the seven decided meanwhile in one more.
  EXPECT_LE(store_->writer_stats().batches - batches_before, 2u);
}

TEST_F(AsyncCommandTest, AConflictInsideTheCommitIsDecidedAgainOnAWorker) {
  Replies held(1);
  Submit(InputFor("h2"), Founding("h2"), held.For(0));
  gate_.WaitUntilHeld();
  // Both decided against version 1 of the hall before either is committed: the second
  // conflicts in the batch (ABORTED), and is decided again against version 2.
  Replies changed(2);
  Submit(InputFor("h1"), Members(30), changed.For(0));
  Submit(InputFor("h1"), Members(40), changed.For(1));
  ASSERT_TRUE(WaitUntilQueued(3));  // h2 and the two changes
  gate_.Release();
  held.WaitAll();
  changed.WaitAll();

  ASSERT_OK(held[0]);
  ASSERT_OK(changed[0]);
  ASSERT_OK(changed[1]);
  EXPECT_EQ(changed[0]->version(), 2u);
  EXPECT_EQ(changed[1]->version(), 3u) << "the retry appended after the first change";
  EXPECT_EQ(store_->writer_stats().appends_rejected, 1u) << "exactly one conflict";
}

TEST_F(AsyncCommandTest, TheClientsExpectedVersionMakesTheConflictItsAnswer) {
  Replies held(1);
  Submit(InputFor("h2"), Founding("h2"), held.For(0));
  gate_.WaitUntilHeld();
  Replies changed(2);
  auto first = InputFor("h1");
  first.expected_version = 1;
  auto second = InputFor("h1");
  second.expected_version = 1;
  Submit(std::move(first), Members(30), changed.For(0));
  Submit(std::move(second), Members(40), changed.For(1));
  ASSERT_TRUE(WaitUntilQueued(3));  // h2 and the two changes
  gate_.Release();
  held.WaitAll();
  changed.WaitAll();

  ASSERT_OK(changed[0]);
  EXPECT_EQ(changed[1].status().code(), absl::StatusCode::kAborted) << changed[1].status();
}

TEST_F(AsyncCommandTest, ARetriedCommandGetsItsOriginalResult) {
  gate_.Release();  // not needed here
  Replies first(1), again(1);
  auto input = InputFor("h3");
  Submit(input, Founding("h3"), first.For(0));
  first.WaitAll();
  Submit(input, Founding("h1"), again.For(0));
  again.WaitAll();
  ASSERT_OK(first[0]);
  ASSERT_OK(again[0]);
  EXPECT_TRUE(again[0]->duplicate());
  EXPECT_EQ(again[0]->position(), first[0]->position());
}

TEST_F(AsyncCommandTest, ARuleEndsTheCommandOnItsWorkerWithoutAnAppend) {
  gate_.Release();
  Replies replies(1);
  Submit(InputFor("h9"), Members(30), replies.For(0));  // no such hall
  replies.WaitAll();
  EXPECT_EQ(replies[0].status().code(), absl::StatusCode::kNotFound) << replies[0].status();
  EXPECT_EQ(store_->writer_stats().appends_committed, 0u);
}

}  // namespace
}  // namespace coop::commands
