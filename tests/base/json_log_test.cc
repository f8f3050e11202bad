// The structured log: every line one JSON object that a JSON parser reads back with the same
// values; levels below the minimum are not written; no value can break a line.
#include "base/json_log.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"

namespace coop::base {
namespace {

google::protobuf::Struct Parse(const std::string& line) {
  google::protobuf::Struct parsed;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &parsed).ok()) << line;
  return parsed;
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

TEST(JsonLogTest, GivenALine_ThenItIsOneJsonObjectWithTimeLevelComponentMessageAndFields) {
  std::ostringstream out;
  const JsonLog log(&out, LogLevel::kInfo);
  log.Info(
      "gate", "đã nạp tệp chủ thể / principals file loaded",
      {{"principals", 3}, {"file", "/etc/coopd/principals.json"}, {"ratio", 0.5}, {"ok", true}});
  ASSERT_EQ(out.str().back(), '\n');
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1u);
  const auto fields = Parse(lines[0]).fields();
  EXPECT_EQ(fields.at("level").string_value(), "info");
  EXPECT_EQ(fields.at("component").string_value(), "gate");
  EXPECT_EQ(fields.at("msg").string_value(), "đã nạp tệp chủ thể / principals file loaded");
  EXPECT_EQ(fields.at("principals").number_value(), 3);
  EXPECT_EQ(fields.at("file").string_value(), "/etc/coopd/principals.json");
  EXPECT_EQ(fields.at("ratio").number_value(), 0.5);
  EXPECT_TRUE(fields.at("ok").bool_value());
  // "2026-12-06T18:40:00.123456Z"
  const std::string time = fields.at("time").string_value();
  EXPECT_EQ(time.size(), 27u) << time;
  EXPECT_EQ(time[10], 'T');
  EXPECT_EQ(time.back(), 'Z');
  // The fixed keys come first, in this order.
  EXPECT_EQ(lines[0].rfind("{\"time\":", 0), 0u) << lines[0];
  EXPECT_LT(lines[0].find("\"level\""), lines[0].find("\"component\""));
  EXPECT_LT(lines[0].find("\"component\""), lines[0].find("\"msg\""));
}

TEST(JsonLogTest, GivenHostileValues_ThenTheyAreEscapedAndTheLineStaysOne) {
  std::ostringstream out;
  const JsonLog log(&out, LogLevel::kDebug);
  const std::string forged = "x\"}\n{\"level\":\"error\",\"msg\":\"forged\\\x01\x7f";
  const std::string not_utf8 = "a\xC3(b\xFF\xED\xA0\x80z";  // broken, invalid, a surrogate
  log.Warning("rpc\n", forged, {{"reason", forged}, {"bytes", not_utf8}});
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1u) << out.str();
  const auto fields = Parse(lines[0]).fields();
  EXPECT_EQ(fields.at("msg").string_value(), forged);
  EXPECT_EQ(fields.at("reason").string_value(), forged);
  EXPECT_EQ(fields.at("component").string_value(), "rpc\n");
  EXPECT_EQ(fields.at("bytes").string_value(),
            "a\xEF\xBF\xBD(b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
}

TEST(JsonLogTest, GivenAMinimumLevel_ThenLowerLevelsAreNotWritten) {
  std::ostringstream out;
  const JsonLog log(&out, LogLevel::kWarning);
  EXPECT_FALSE(log.Enabled(LogLevel::kInfo));
  EXPECT_TRUE(log.Enabled(LogLevel::kError));
  log.Debug("a", "debug");
  log.Info("a", "info");
  log.Warning("a", "warning");
  log.Error("a", "error");
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u) << out.str();
  EXPECT_EQ(Parse(lines[0]).fields().at("level").string_value(), "warning");
  EXPECT_EQ(Parse(lines[1]).fields().at("level").string_value(), "error");
}

TEST(JsonLogTest, GivenManyThreads_ThenLinesAreNeverInterleaved) {
  std::ostringstream out;
  const JsonLog log(&out, LogLevel::kInfo);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 500; ++i) log.Info("t", std::string(200, 'a' + t), {{"i", i}});
    });
  }
  for (auto& thread : threads) thread.join();
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2000u);
  for (const auto& line : lines) Parse(line);
}

TEST(JsonLogTest, ParseLogLevelTakesTheFourNamesOnly) {
  EXPECT_EQ(*ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(*ParseLogLevel("info"), LogLevel::kInfo);
  EXPECT_EQ(*ParseLogLevel("warning"), LogLevel::kWarning);
  EXPECT_EQ(*ParseLogLevel("error"), LogLevel::kError);
  const auto bad = ParseLogLevel("verbose");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("debug, info, warning or error"), std::string::npos);
}

TEST(JsonLogTest, NonFiniteNumbersAreNull) {
  std::ostringstream out;
  const JsonLog log(&out, LogLevel::kInfo);
  log.Info("a", "b", {{"nan", std::nan("")}});
  EXPECT_NE(out.str().find("\"nan\":null"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace coop::base
