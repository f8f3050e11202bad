#include "domain/areas/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace coop::domain::areas {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvTest, GivenPlainLinesWhenReadThenEachLineIsARecordWithItsLineNumber) {
  absl::StatusOr<std::vector<CsvRecord>> records = ReadCsv("a,b,c\n1,,3\n\n4,5,6");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ((*records)[1].fields, (Fields{"1", "", "3"}));
  EXPECT_EQ((*records)[2].fields, (Fields{"4", "5", "6"}));  // no final newline
  EXPECT_EQ((*records)[0].line, 1);
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_EQ((*records)[2].line, 4);  // the blank line is skipped but counted
}

TEST(CsvTest, GivenQuotedFieldsWhenReadThenCommasQuotesAndNewlinesSurvive) {
  absl::StatusOr<std::vector<CsvRecord>> records =
      ReadCsv("\"Phường 1, Quận 3\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nnext,x\n");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].fields, (Fields{"Phường 1, Quận 3", "say \"hi\"", "two\nlines", ""}));
  EXPECT_EQ((*records)[1].fields, (Fields{"next", "x"}));
  EXPECT_EQ((*records)[1].line, 3);
}

TEST(CsvTest, GivenCrlfLineEndsAndAByteOrderMarkWhenReadThenNeitherShowsInTheFields) {
  absl::StatusOr<std::vector<CsvRecord>> records = ReadCsv("\xEF\xBB\xBFh1,h2\r\na,b\r\n");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].fields, (Fields{"h1", "h2"}));
  EXPECT_EQ((*records)[1].fields, (Fields{"a", "b"}));
}

TEST(CsvTest, GivenBrokenQuotingWhenReadThenTheErrorNamesTheLine) {
  absl::StatusOr<std::vector<CsvRecord>> unclosed = ReadCsv("a,b\nc,\"d\n");
  EXPECT_EQ(unclosed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(unclosed.status().message(), "line 2: a quote that is never closed");

  absl::StatusOr<std::vector<CsvRecord>> trailing = ReadCsv("a,b\n\"c\"d,e\n");
  EXPECT_EQ(trailing.status().message(), "line 2: text after a closing quote");

  absl::StatusOr<std::vector<CsvRecord>> inner = ReadCsv("a,b\"c\n");
  EXPECT_EQ(inner.status().message(), "line 1: a quote inside an unquoted field");
}

}  // namespace
}  // namespace coop::domain::areas
