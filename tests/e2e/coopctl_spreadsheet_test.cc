// coopctl stats as spreadsheets against a real coopd with the demo history (Cà Mau): an .xlsx
// workbook read back with Debian's python3-openpyxl (by /usr/bin/python3), its cells compared
// with GetAnnualStatistics; a span of years that reaches past 1 July 2025 given in the
// 2025-07 units, or refused clearly for a district, which those units do not have.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/e2e/coopd_process.h"
#include "tests/e2e/run_command.h"
#include "tests/support/grpc_test_support.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

class CoopctlSpreadsheetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(coopd_.Start(dir_.Sub("store"), {"--demo"}, 60'000));
    reporting_ = coop::v1::Reporting::NewStub(TestChannel(coopd_.address()));
    // The demo is loaded; wait until the statistics have caught up with the log.
    for (int i = 0; i < 600; ++i) {
      grpc::ClientContext context;
      coop::v1::ProjectionStatusRequest request;
      coop::v1::ProjectionStatusReply reply;
      if (reporting_->GetProjectionStatus(&context, request, &reply).ok()) {
        bool live = reply.projections_size() > 0;
        for (const auto& p : reply.projections()) live &= p.lag() == 0 && p.head() > 0;
        if (live) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "the projections did not catch up with the demo history";
  }

  std::string Coopctl(const std::string& args, int* exit_code) {
    return RunCommand(std::string(COOPCTL_PATH) + " --server " + coopd_.address() + " " + args,
                      exit_code);
  }
  // name → value of GetAnnualStatistics.
  std::map<std::string, double> Figures(const coop::v1::Area& area, int year,
                                        const std::string& in_units = "") {
    grpc::ClientContext context;
    coop::v1::AnnualStatisticsRequest request;
    *request.mutable_scope()->mutable_area() = area;
    request.mutable_scope()->set_year(year);
    request.mutable_scope()->set_in_units(in_units);
    request.set_lang("en");
    coop::v1::AnnualStatisticsReply reply;
    const grpc::Status status = reporting_->GetAnnualStatistics(&context, request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::map<std::string, double> figures;
    for (const auto& f : reply.figures()) {
      figures[f.name()] = f.is_percent() ? f.percent() / 100.0 : static_cast<double>(f.value());
    }
    return figures;
  }

  TempDir dir_;
  CoopdProcess coopd_;
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

struct Cell {
  std::string type;
  std::string value;
};

TEST_F(CoopctlSpreadsheetTest, TheWorkbookHoldsTheServersFiguresAsNumbers) {
  const std::string path = dir_.Sub("ca-mau.xlsx");
  int code;
  std::string out =
      Coopctl("--lang en stats --area 96 --years 2023-2024 --format xlsx --output " + path, &code);
  ASSERT_EQ(code, 0) << out;
  out = RunCommand(
      "/usr/bin/python3 " + std::string(COOP_SOURCE_DIR) + "/tests/e2e/read_xlsx.py " + path,
      &code);
  ASSERT_EQ(code, 0) << out;
  std::map<std::pair<int, int>, Cell> cells;
  for (const auto& line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 3));
    ASSERT_EQ(parts.size(), 4u) << line;
    int row = 0, column = 0;
    ASSERT_TRUE(absl::SimpleAtoi(parts[0], &row) && absl::SimpleAtoi(parts[1], &column)) << line;
    cells[std::pair(row, column)] = {parts[2], parts[3]};
  }
  // The title names the area, unit set, period and knowledge cut-off.
  EXPECT_EQ(cells[std::pair(1, 1)].value, "Collective economy statistics: Cà Mau Province (96)");
  EXPECT_EQ(cells[std::pair(2, 1)].value, "Unit set: 2025-03");
  EXPECT_EQ(cells[std::pair(3, 1)].value,
            "Period: calendar year 2023–2024 (2023-01-01 to 2024-12-31)");
  EXPECT_EQ(cells[std::pair(4, 1)].value.rfind("Known: as known now (log position ", 0), 0u);
  // The header row, then one row per statistic: numbers, equal to the server's figures.
  EXPECT_EQ(cells[std::pair(6, 1)].value, "Name");
  EXPECT_EQ(cells[std::pair(6, 2)].value, "Statistic");
  EXPECT_EQ(cells[std::pair(6, 3)].value, "2023");
  EXPECT_EQ(cells[std::pair(6, 4)].value, "2024");
  coop::v1::Area area;
  area.set_code("96");
  const auto y2023 = Figures(area, 2023);
  const auto y2024 = Figures(area, 2024);
  int rows = 0, non_zero = 0;
  for (int row = 7; cells.contains(std::pair(row, 1)); ++row) {
    const std::string& name = cells[std::pair(row, 1)].value;
    ASSERT_TRUE(y2023.contains(name)) << name;
    ++rows;
    for (const auto& [column, figures] : {std::pair{3, &y2023}, std::pair{4, &y2024}}) {
      const Cell& cell = cells[std::pair(row, column)];
      EXPECT_TRUE(cell.type == "int" || cell.type == "float") << name << ": " << cell.type;
      double value = 0;
      ASSERT_TRUE(absl::SimpleAtod(cell.value, &value)) << cell.value;
      EXPECT_NEAR(value, figures->at(name), 1e-9) << name << " in column " << column;
      non_zero += value != 0;
    }
  }
  EXPECT_EQ(rows, static_cast<int>(y2023.size()));
  EXPECT_GT(non_zero, 20);  // the demo gives the province real figures
}

TEST_F(CoopctlSpreadsheetTest, ASpanPastTheReformIsInTheNewUnitsOrRefused) {
  int code;
  // A district has no unit in 2025-07: refused, saying why.
  std::string out = Coopctl("stats --area 966 --years 2024-2025 --format csv", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("reaches past 1 July 2025"), std::string::npos) << out;
  EXPECT_NE(out.find("2025-07"), std::string::npos) << out;
  // A commune of the 2025-07 units: 2024 re-aggregated into them.
  out = Coopctl("--lang en stats --area 32059 --years 2024-2025 --format csv", &code);
  ASSERT_EQ(code, 0) << out;
  std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
  ASSERT_GT(lines.size(), 2u);
  EXPECT_EQ(lines[0], "Name,Statistic,2024,2025");
  coop::v1::Area area;
  area.set_code("32059");
  area.set_unit_set("2025-07");
  const auto y2024 = Figures(area, 2024, "2025-07");
  std::vector<std::string> cooperatives = absl::StrSplit(lines[1], ',');
  EXPECT_EQ(cooperatives[0], "cooperatives");
  EXPECT_EQ(cooperatives[2], std::to_string(static_cast<int64_t>(y2024.at("cooperatives"))));
  // --unit-set of the old units cannot be asked for such a span.
  out = Coopctl("stats --area 32059 --unit-set 2025-03 --years 2024-2025 --format csv", &code);
  EXPECT_EQ(code, 2) << out;
}

}  // namespace
}  // namespace coop::testing
