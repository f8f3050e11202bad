// Issue 14, the correctness gate for rewrites of the statistics projections: what today's
// projections serve for the demo history is kept in demo_statistics.golden, and must be
// served again, byte for byte, by the rewritten ones — when they follow the log as it is
// recorded, and when they are rebuilt from scratch.
//
// A real coopd (in-process, on a real port, its clock fixed at 31 December 2026 so that the
// cooperatives' "today" status never moves) records the demo history of Cà Mau, 2015–2026,
// through its public command services (services/demo_loader.h, over that port). Once every
// projection is live at the log head, tools/golden dumps the annual statistics of 2015–2026 —
// the nation, every province, every district and commune of the provinces with data, in both
// unit sets — and every cooperative. The dump must equal the golden file; then every
// projection is rebuilt (Reporting.RebuildProjection), and coopd is restarted with its
// projections folder deleted, and each time the dump must equal it again: incremental rows =
// rebuilt rows = golden. On a mismatch the test prints the first differing lines with their
// numbers.
//
// To rewrite the golden file from what the code serves now (and still check the rebuilds
// against it), run the test with COOP_UPDATE_GOLDEN=1:
//   COOP_UPDATE_GOLDEN=1 build/tests/golden/golden_tests
// and review `git diff tests/golden/` before committing it: every changed line is a changed
// answer (tests/golden/README.md).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "commands/demo/demo_history.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "services/demo_loader.h"
#include "tests/golden/golden_diff.h"
#include "tests/services/server_fixture.h"
#include "tools/golden/projection_wait.h"
#include "tools/golden/statistics_dump.h"

namespace coop::testing {
namespace {

constexpr char kGoldenFile[] = COOP_GOLDEN_DIR "/demo_statistics.golden";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A failure with the first lines where `dump` differs from `golden` (none if they are equal).
void ExpectGolden(const std::string& golden, const std::string& dump, const std::string& when) {
  const std::string differences = FirstDifferences(golden, dump);
  if (differences.empty()) return;
  ADD_FAILURE() << when << ", the dump differs from " << kGoldenFile
                << " (COOP_UPDATE_GOLDEN=1 rewrites it; see the README there):\n"
                << differences;
}

class DemoStatisticsGoldenTest : public ServerFixture {
 protected:
  void Configure(services::ServerOptions& options) override {
    options.store.durability = eventstore::Durability::kRelaxed;  // quicker to record
    // Noon in Vietnam (UTC+7) on the last day of the years dumped: after the demo's last day.
    options.clock = [] {
      return absl::FromCivil(absl::CivilSecond(2026, 12, 31, 5, 0, 0), absl::UTCTimeZone());
    };
  }

  // The dump of everything, once every projection is live at the log head.
  std::string Dump() {
    auto head = golden::WaitForProjections(channel_, {}, {.timeout = absl::Seconds(120)});
    EXPECT_OK(head);
    golden::DumpOptions options;  // 2015–2026, both unit sets, everything
    const absl::Time started = absl::Now();
    auto dump = golden::DumpStatistics(channel_, options);
    EXPECT_OK(dump);
    std::cout << "[ dump     ] " << dump.value_or("").size() << " bytes in "
              << absl::FormatDuration(absl::Trunc(absl::Now() - started, absl::Milliseconds(10)))
              << std::endl;
    return dump.value_or("");
  }

  // Every projection rebuilt from position 1 beside its rows.
  void RebuildAll() {
    auto reporting = coop::v1::Reporting::NewStub(channel_);
    coop::v1::ProjectionStatusReply statuses;
    auto status = reporting->GetProjectionStatus(Context().get(), {}, &statuses);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_FALSE(statuses.projections().empty());
    for (const auto& p : statuses.projections()) {
      coop::v1::RebuildProjectionRequest request;
      request.set_name(p.name());
      coop::v1::ProjectionStatus started;
      status = reporting->RebuildProjection(Context().get(), request, &started);
      ASSERT_TRUE(status.ok()) << p.name() << ": " << status.error_message();
      EXPECT_EQ(started.state(), "rebuilding") << p.name();
    }
  }

  // coopd stopped, its projections folder deleted, and started again on the same data.
  void RestartWithoutProjections() {
    server_.reset();
    std::filesystem::remove_all(dir_.Sub("store") + "/projections");
    StartServer();
  }
};

TEST_F(DemoStatisticsGoldenTest, IncrementalAndRebuiltStatisticsEqualTheGoldenFile) {
  // Given the demo history, recorded through the command services on the server's port
  ASSERT_OK(services::ApplyDemoOver(channel_, "", demo::CaMauDemoHistory(), {}));

  // When the statistics the projections built while it was recorded are dumped
  const std::string incremental = Dump();
  ASSERT_FALSE(incremental.empty());

  // Then they are the golden file's (or become it)
  std::string golden;
  const char* update = std::getenv("COOP_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(kGoldenFile, std::ios::binary | std::ios::trunc);
    out << incremental;
    out.close();
    ASSERT_TRUE(out.good()) << "cannot write " << kGoldenFile;
    std::cout << "[ golden   ] rewrote " << kGoldenFile << std::endl;
    golden = incremental;
  } else {
    golden = ReadFile(kGoldenFile);
    ASSERT_FALSE(golden.empty()) << "no golden file " << kGoldenFile
                                 << " (COOP_UPDATE_GOLDEN=1 makes it)";
  }
  ExpectGolden(golden, incremental, "As recorded");

  // When every projection is rebuilt from position 1, then the dump is the same
  RebuildAll();
  ExpectGolden(golden, Dump(), "After RebuildProjection");

  // When coopd starts over its log without any projection rows, then the dump is the same
  RestartWithoutProjections();
  ExpectGolden(golden, Dump(), "After a restart without projections");
}

}  // namespace
}  // namespace coop::testing
