// HistoryStore: a generated history goes only into a new or empty folder, and the same
// streams give the same log, hashes included (every event recorded at the one instant).
#include "commands/history_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "commands/event_envelope.h"
#include "tests/support/event_builders.h"
#include "tests/support/test_support.h"

namespace coop::commands {
namespace {

constexpr int64_t kInstant = 1'767'225'600'000'000;

// Writes two streams and returns the chain head.
std::string WriteTwoStreams(const std::string& dir) {
  auto history = HistoryStore::Create(dir, kInstant);
  EXPECT_OK(history);
  if (!history.ok()) return "";
  for (const char* stream : {"coop-1", "group-1"}) {
    coop::v1::StreamAppend append;
    append.set_stream_id(stream);
    append.mutable_expected()->set_kind(coop::v1::ExpectedVersion::NO_STREAM);
    for (int i = 0; i < 3; ++i) {
      auto* event = append.add_events();
      event->set_type("test.v1.Happened");
      event->set_schema_version(1);
      event->set_payload("payload");
      StampEvent({"3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9", "2025-01-01", {}}, coop::v1::Area(),
                 stream[0] == 'c' ? i : 10 + i, event);
    }
    EXPECT_OK((*history)->sink().Add(std::move(append)));
  }
  EXPECT_OK((*history)->sink().Finish());
  EXPECT_EQ((*history)->events_committed(), 6u);
  auto verified = (*history)->Verify();
  EXPECT_OK(verified);
  if (verified.ok()) EXPECT_TRUE(verified->ok()) << verified->problem();
  const auto info = (*history)->info();
  EXPECT_EQ(info.durability(), "relaxed");
  EXPECT_EQ(info.last_recorded_at_micros(), kInstant);
  return info.chain_head();
}

TEST(HistoryStoreTest, GivenTheSameStreamsWhenWrittenTwiceThenTheLogsAreIdentical) {
  coop::testing::TempDir dir;
  const std::string first = WriteTwoStreams(dir.Sub("one"));
  const std::string second = WriteTwoStreams(dir.Sub("two"));
  EXPECT_EQ(first.size(), 32u);
  EXPECT_EQ(first, second);
}

TEST(HistoryStoreTest, GivenAFolderWithFilesWhenCreatedThenItIsRefusedAndLeftAlone) {
  coop::testing::TempDir dir;
  const std::string folder = dir.Sub("used");
  std::filesystem::create_directories(folder);
  std::ofstream(folder + "/notes.txt") << "keep me";
  auto history = HistoryStore::Create(folder, kInstant);
  EXPECT_EQ(history.status().code(), absl::StatusCode::kFailedPrecondition) << history.status();
  EXPECT_NE(history.status().message().find("not empty"), std::string::npos);
  std::ifstream kept(folder + "/notes.txt");
  std::string text;
  std::getline(kept, text);
  EXPECT_EQ(text, "keep me");
}

}  // namespace
}  // namespace coop::commands
