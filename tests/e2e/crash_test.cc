// Crash test: coopd as a child process under continuous appends from several client threads,
// killed with SIGKILL at a random moment, restarted, checked: every acknowledged event is
// present at its acknowledged position, positions are contiguous, and VerifyLog is ok.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "coop/v1/eventstore.grpc.pb.h"
#include "tests/e2e/coopd_process.h"
#include "tests/support/event_builders.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

constexpr int kCycles = 20;
constexpr int kClients = 4;

struct Acknowledged {
  std::mutex mu;
  std::map<std::string, uint64_t> position_by_id;  // every acknowledged event
};

// Appends until the server dies; records what was acknowledged.
void AppendUntilFailure(const std::string& address, int client, Acknowledged* acked) {
  auto stub = coop::v1::EventStore::NewStub(TestChannel(address));
  std::mt19937 rng(client * 7919 + static_cast<int>(time(nullptr)));
  for (int i = 0;; ++i) {
    const int events = 1 + static_cast<int>(rng() % 3);
    auto request = AppendTo("crash-" + std::to_string(rng() % 16), Any(), events);
    if (i % 5 == 0) AddStream(&request, "crash-multi-" + std::to_string(client), Any(), 1);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    coop::v1::AppendResponse response;
    if (!stub->Append(&context, request, &response).ok()) return;  // the server was killed
    std::lock_guard<std::mutex> lock(acked->mu);
    uint64_t position = response.first_position();
    for (const auto& stream : request.streams()) {
      for (const auto& event : stream.events())
        acked->position_by_id[event.event_id()] = position++;
    }
  }
}

void CheckLog(const std::string& address, const Acknowledged& acked, int cycle) {
  auto stub = coop::v1::EventStore::NewStub(TestChannel(address));
  std::map<std::string, uint64_t> stored;
  uint64_t expected = 1;
  for (;;) {
    grpc::ClientContext context;
    coop::v1::ReadAllRequest request;
    request.set_from_position(expected);
    auto reader = stub->ReadAll(&context, request);
    coop::v1::ReadResponse message;
    uint64_t before = expected;
    while (reader->Read(&message)) {
      if (message.has_capped()) {  // the server's limit: read on from where it says
        ASSERT_EQ(message.capped().resume_from(), expected) << "cycle " << cycle;
        continue;
      }
      ASSERT_EQ(message.event().position(), expected) << "cycle " << cycle << ": gap";
      stored[message.event().event_id()] = expected++;
    }
    ASSERT_TRUE(reader->Finish().ok());
    if (expected == before) break;
  }
  for (const auto& [id, position] : acked.position_by_id) {
    auto it = stored.find(id);
    ASSERT_NE(it, stored.end()) << "cycle " << cycle << ": acknowledged event " << id
                                << " at position " << position << " was lost";
    ASSERT_EQ(it->second, position) << "cycle " << cycle << ": event moved";
  }
  grpc::ClientContext context;
  coop::v1::VerifyLogResponse verify;
  ASSERT_TRUE(stub->VerifyLog(&context, {}, &verify).ok());
  ASSERT_TRUE(verify.ok()) << "cycle " << cycle << ": " << verify.problem() << " at "
                           << verify.first_bad_position();
  ASSERT_EQ(verify.verified_to(), expected - 1);
}

TEST(CrashTest, EveryAcknowledgedAppendSurvivesKillDashNine) {
  TempDir dir;
  const std::string data_dir = dir.Sub("store");
  Acknowledged acked;
  std::mt19937 rng(std::random_device{}());
  size_t acked_before = 0;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    CoopdProcess coopd;
    ASSERT_OK(coopd.Start(data_dir));
    CheckLog(coopd.address(), acked, cycle);
    if (HasFatalFailure()) return;

    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back(AppendUntilFailure, coopd.address(), c, &acked);
    }
    // Kill once the clients have had something acknowledged (a loaded machine may take a while
    // to answer the first append), at a random moment after that.
    for (int waited = 0; waited < 500; ++waited) {
      {
        std::lock_guard<std::mutex> lock(acked.mu);
        if (acked.position_by_id.size() > acked_before) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 400));
    coopd.Kill();
    for (auto& t : clients) t.join();
    std::lock_guard<std::mutex> lock(acked.mu);
    ASSERT_GT(acked.position_by_id.size(), acked_before)
        << "cycle " << cycle << " appended nothing";
    acked_before = acked.position_by_id.size();
  }
  CoopdProcess coopd;
  ASSERT_OK(coopd.Start(data_dir));
  CheckLog(coopd.address(), acked, kCycles);
  std::cout << kCycles << " kill -9 cycles, " << acked.position_by_id.size()
            << " acknowledged events, all present\n";
}

}  // namespace
}  // namespace coop::testing
