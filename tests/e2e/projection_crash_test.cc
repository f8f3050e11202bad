// Exactly-once crash test of the projection engine against the real coopd: a large log is
// written directly into a data folder, coopd catches its projections up from position 0 and
// is killed with SIGKILL half way; the checkpoints left on disk are read with ProjectionStore,
// coopd is restarted and must resume after them (not rebuild), and once live every row of
// every projection must equal the rows a clean catch-up of the same log produces. An event
// applied twice or skipped across the crash (e.g. rows and checkpoint committed in separate
// batches) changes the rows of the cooperative registry (each row records its stream's events,
// version and position).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/uuid.h"
#include "coop/v1/cooperative_events.pb.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "eventstore/rocks/rocks_event_store.h"
#include "projections/projection_store.h"
#include "tests/e2e/coopd_process.h"
#include "tests/support/event_builders.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

using coop::projections::ProjectionStore;
using Rows = std::vector<std::pair<std::string, std::string>>;

constexpr int kCooperatives = 20'000;
constexpr int kReportRounds = 3;  // each round appends kReportsPerRound reports per cooperative
constexpr int kReportsPerRound = 3;
constexpr int kStreamsPerAppend = 100;  // the store's limit per append
constexpr char kRegistry[] = "cooperative_registry";

std::string CooperativeId(int i) { return absl::StrFormat("00000000-0000-4000-8000-%012d", i); }

void AddEvent(coop::v1::StreamAppend* stream, const google::protobuf::Message& payload,
              const std::string& occurred_on) {
  auto* event = stream->add_events();
  event->set_event_id(base::NewRandomUuid());
  event->set_type(payload.GetDescriptor()->full_name());
  event->set_schema_version(1);
  event->set_payload(payload.SerializeAsString());
  event->set_occurred_on(occurred_on);
}

// Registers kCooperatives cooperatives, then appends the membership reports round by round,
// so each cooperative's events are spread over the log. Returns the head.
uint64_t WriteLog(const std::string& data_dir) {
  auto store = eventstore::RocksEventStore::Open(data_dir, {});
  EXPECT_OK(store);
  if (!store.ok()) return 0;
  uint64_t head = 0;
  auto append = [&](coop::v1::AppendRequest request) {
    auto result = (*store)->Append(std::move(request));
    EXPECT_OK(result);
    if (result.ok()) head = result->last_position();
  };
  for (int first = 0; first < kCooperatives; first += kStreamsPerAppend) {
    coop::v1::AppendRequest request;
    for (int i = first; i < first + kStreamsPerAppend && i < kCooperatives; ++i) {
      auto* stream = request.add_streams();
      stream->set_stream_id("coop-" + CooperativeId(i));
      *stream->mutable_expected() = NoStream();
      coop::v1::CooperativeRegistered registered;
      registered.set_cooperative_id(CooperativeId(i));
      registered.set_code(absl::StrCat(2'000'000'000 + i));
      registered.set_kind(i % 50 == 0 ? coop::v1::COOPERATIVE_UNION : coop::v1::COOPERATIVE);
      registered.set_name(absl::StrCat("HTX Khánh An ", i));
      registered.set_law_regime(coop::v1::LAW_2012);
      registered.mutable_address()->set_code(i % 2 == 0 ? "32059" : "32044");
      registered.mutable_address()->set_unit_set("2025-03");
      registered.set_charter_capital_vnd(100'000'000 + i);
      registered.mutable_members()->set_official(7 + i % 5);
      AddEvent(stream, registered, "2019-03-01");
    }
    append(std::move(request));
  }
  int report = 0;
  for (int round = 0; round < kReportRounds; ++round) {
    for (int first = 0; first < kCooperatives; first += kStreamsPerAppend) {
      coop::v1::AppendRequest request;
      for (int i = first; i < first + kStreamsPerAppend && i < kCooperatives; ++i) {
        auto* stream = request.add_streams();
        stream->set_stream_id("coop-" + CooperativeId(i));
        *stream->mutable_expected() = StreamExists();
        for (int r = 0; r < kReportsPerRound; ++r) {
          coop::v1::CooperativeMembershipReported reported;
          reported.mutable_members()->set_official(7 + (i + ++report) % 40);
          AddEvent(stream, reported, absl::StrFormat("%d-12-%02d", 2019 + round, 1 + r));
        }
      }
      append(std::move(request));
    }
  }
  (*store)->Close();
  return head;
}

std::map<std::string, coop::v1::ProjectionStatus> Statuses(const std::string& address) {
  auto stub = coop::v1::Reporting::NewStub(TestChannel(address));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  coop::v1::ProjectionStatusReply reply;
  std::map<std::string, coop::v1::ProjectionStatus> out;
  if (!stub->GetProjectionStatus(&context, {}, &reply).ok()) return out;
  for (const auto& p : reply.projections()) out[p.name()] = p;
  return out;
}

// Polls until every projection is live at `head`; false after `timeout`.
bool WaitUntilLiveAt(const std::string& address, uint64_t head, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto statuses = Statuses(address);
    bool all = !statuses.empty();
    for (const auto& [name, p] : statuses) {
      all = all && p.state() == "live" && p.position() == head;
    }
    if (all) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every projection's rows, read from the projection store of a stopped coopd.
std::map<std::string, Rows> Snapshot(const std::string& data_dir,
                                     const std::vector<std::string>& names, uint64_t head) {
  std::map<std::string, Rows> out;
  auto store = ProjectionStore::Open(data_dir + "/projections");
  EXPECT_OK(store);
  if (!store.ok()) return out;
  for (const auto& name : names) {
    auto meta = (*store)->ReadMeta(name);
    EXPECT_OK(meta);
    if (meta.ok()) {
      EXPECT_TRUE(meta->has_value()) << name;
      if (meta->has_value()) {
        EXPECT_EQ((*meta)->checkpoint, head) << name;
      }
    }
    auto rows = (*store)->ReadRows(name);
    EXPECT_OK(rows);
    if (rows.ok()) out[name] = std::move(*rows);
  }
  return out;
}

TEST(ProjectionCrashTest, ResumesAfterKillDashNineAndAppliesEveryEventExactlyOnce) {
  TempDir dir;
  const std::string data_dir = dir.Sub("store");
  const auto started = std::chrono::steady_clock::now();
  const uint64_t head = WriteLog(data_dir);
  ASSERT_EQ(head, static_cast<uint64_t>(kCooperatives) * (1 + kReportRounds * kReportsPerRound));
  std::cout << head << " events written in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s\n";

  // 1. No projections folder: every projection catches up from position 0. Kill -9 once the
  // registry is part way (its checkpoint strictly inside the log).
  std::vector<std::string> names;
  {
    CoopdProcess coopd;
    ASSERT_OK(coopd.Start(data_dir));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool inside = false;
    while (!inside && std::chrono::steady_clock::now() < deadline) {
      auto statuses = Statuses(coopd.address());
      auto it = statuses.find(kRegistry);
      inside = it != statuses.end() && it->second.position() >= head / 20 &&
               it->second.position() < head / 2;
      if (inside) {
        for (const auto& [name, p] : statuses) {
          names.push_back(name);
          std::cout << "before the kill: " << name << " at " << p.position() << " of " << head
                    << " (" << p.state() << ")\n";
        }
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_TRUE(inside) << "the registry never was strictly inside the log; see "
                        << coopd.log_path();
    coopd.Kill();
  }

  // 2. The checkpoints left on disk.
  std::map<std::string, uint64_t> checkpoints;
  {
    auto store = ProjectionStore::Open(data_dir + "/projections");
    ASSERT_OK(store);
    for (const auto& name : names) {
      auto meta = (*store)->ReadMeta(name);
      ASSERT_OK(meta);
      checkpoints[name] = meta->has_value() ? (*meta)->checkpoint : 0;
      std::cout << "after the kill: " << name << " checkpoint " << checkpoints[name] << "\n";
    }
  }
  ASSERT_GT(checkpoints[kRegistry], 0u);
  ASSERT_LT(checkpoints[kRegistry], head);

  // 3. Restart: each projection resumes after its checkpoint instead of rebuilding.
  {
    CoopdProcess coopd;
    ASSERT_OK(coopd.Start(data_dir));
    auto statuses = Statuses(coopd.address());
    for (const auto& name : names) {
      ASSERT_EQ(statuses.count(name), 1u) << name;
      const auto& p = statuses[name];
      EXPECT_GE(p.position(), checkpoints[name]) << name;
      EXPECT_TRUE(p.state() == "catching_up" || p.state() == "live") << name << ": " << p.state();
    }
    const std::string log = ReadFile(coopd.log_path());
    EXPECT_NE(log.find(absl::StrCat("\"projection\":\"", kRegistry,
                                    "\",\"start\":\"resumes after position ",
                                    checkpoints[kRegistry], "\"")),
              std::string::npos)
        << log;
    EXPECT_EQ(log.find(absl::StrCat("\"projection\":\"", kRegistry, "\",\"start\":\"rebuilds")),
              std::string::npos)
        << log;
    ASSERT_TRUE(WaitUntilLiveAt(coopd.address(), head, std::chrono::seconds(60)))
        << "not live at " << head << "; see " << coopd.log_path();
    ASSERT_EQ(coopd.SignalAndWait(SIGTERM), 0);
  }
  const std::map<std::string, Rows> resumed = Snapshot(data_dir, names, head);

  // 4. The same log caught up in one go, in a copy of the data folder without projections.
  const std::string clean_dir = dir.Sub("clean");
  std::filesystem::copy(data_dir, clean_dir, std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(clean_dir + "/projections");
  {
    CoopdProcess coopd;
    ASSERT_OK(coopd.Start(clean_dir));
    ASSERT_TRUE(WaitUntilLiveAt(coopd.address(), head, std::chrono::seconds(60)))
        << "see " << coopd.log_path();
    ASSERT_EQ(coopd.SignalAndWait(SIGTERM), 0);
  }
  const std::map<std::string, Rows> clean = Snapshot(clean_dir, names, head);

  ASSERT_EQ(resumed.size(), names.size());
  ASSERT_EQ(clean.size(), names.size());
  for (const auto& name : names) {
    const Rows& got = resumed.at(name);
    const Rows& want = clean.at(name);
    ASSERT_EQ(got.size(), want.size()) << name;
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].first, want[i].first) << name << " row " << i;
      ASSERT_TRUE(got[i].second == want[i].second)
          << name << " row " << got[i].first << " differs from the clean catch-up";
    }
  }
  // At least a view ("c/") and a stream ("s/") row per cooperative.
  EXPECT_GE(resumed.at(kRegistry).size(), 2u * kCooperatives);
  std::cout << "total "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s\n";
}

}  // namespace
}  // namespace coop::testing
