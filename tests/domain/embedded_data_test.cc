#include "domain/areas/embedded_data.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace coop::domain::areas {
namespace {

std::string ReadReferenceFile(const std::string& name) {
  std::ifstream in(std::string(COOP_REFERENCE_DATA_DIR) + "/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The build embeds the CSVs byte for byte; a stale or mangled copy would show here.
TEST(EmbeddedDataTest, GivenTheReferenceFilesWhenCompiledInThenTheBytesAreIdentical) {
  const std::string units_2025_03 = ReadReferenceFile("vn_units_2025-03.csv");
  const std::string units_2025_07 = ReadReferenceFile("vn_units_2025-07.csv");
  const std::string successors = ReadReferenceFile("vn_units_2025-07_successors.csv");
  ASSERT_FALSE(units_2025_03.empty());
  ASSERT_FALSE(units_2025_07.empty());
  ASSERT_FALSE(successors.empty());
  EXPECT_TRUE(embedded::kUnits2025_03Csv == units_2025_03);
  EXPECT_TRUE(embedded::kUnits2025_07Csv == units_2025_07);
  EXPECT_TRUE(embedded::kSuccessors2025_07Csv == successors);
  // Non-ASCII bytes (Vietnamese names in UTF-8) come through unchanged.
  EXPECT_NE(embedded::kUnits2025_03Csv.find("Thị trấn U Minh"), std::string_view::npos);
}

}  // namespace
}  // namespace coop::domain::areas
