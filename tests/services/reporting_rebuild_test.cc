// Issue 10, "a rebuild never gives a wrong answer with OK", over a real server: cooperatives
// recorded through coop.v1.Registry, then RebuildProjection of the cooperative registry while
// GetCooperative and ListCooperatives keep being asked. Every OK answer is whole (the
// cooperative found, the full list), before, during and after the switch to the new rows; a
// read-your-writes wait past what the old rows hold is answered once the new rows are live.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "tests/services/held_rebuild.h"

namespace coop::testing {
namespace {

constexpr char kRegistry[] = "cooperative_registry";
constexpr int kCooperatives = 300;

class ReportingRebuildTest : public HeldRebuildFixture {
 protected:
  void Configure(services::ServerOptions& options) override {
    options.store.durability = eventstore::Durability::kRelaxed;  // quicker to record
    options.projection_page_size = 16;                            // a rebuild takes many pages
    options.projection_catch_up_commit_events = 16;               // each committed on its own
    options.reporting_max_wait = absl::Seconds(60);
    HeldRebuild::Install(held_, options, absl::Seconds(60));
  }

  coop::v1::ProjectionStatus RegistryStatus() {
    coop::v1::ProjectionStatusReply reply;
    auto status = reporting_->GetProjectionStatus(Context().get(), {}, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& p : reply.projections()) {
      if (p.name() == kRegistry) return p;
    }
    ADD_FAILURE() << "no " << kRegistry << " in the status";
    return {};
  }

  // GetCooperative: an OK answer is the cooperative, whole; nothing else may be answered.
  void ExpectFound(const std::string& id, const std::string& code, uint64_t min_position = 0) {
    coop::v1::GetCooperativeRequest request;
    request.set_cooperative_id(id);
    request.set_min_position(min_position);
    coop::v1::CooperativeView view;
    auto status = reporting_->GetCooperative(Context(90'000).get(), request, &view);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    EXPECT_EQ(view.cooperative_id(), id);
    EXPECT_EQ(view.code(), code);
  }

  // ListCooperatives: the ids of every page; an OK answer lists every cooperative recorded.
  std::set<std::string> ListAll() {
    std::set<std::string> ids;
    std::string token;
    do {
      coop::v1::ListCooperativesRequest request;
      request.set_page_size(1000);
      request.set_page_token(token);
      coop::v1::ListCooperativesReply reply;
      auto status = reporting_->ListCooperatives(Context().get(), request, &reply);
      EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
      if (!status.ok()) return ids;
      for (const auto& view : reply.cooperatives()) ids.insert(view.cooperative_id());
      token = reply.next_page_token();
    } while (!token.empty());
    return ids;
  }

  void ExpectComplete(const std::set<std::string>& listed) {
    size_t missing = 0;
    for (const auto& id : ids_) missing += listed.count(id) == 0 ? 1 : 0;
    EXPECT_EQ(missing, 0u) << "of " << ids_.size() << " cooperatives, listed " << listed.size();
  }

  std::vector<std::string> ids_;
  std::vector<std::string> codes_;
};

TEST_F(ReportingRebuildTest, QueriesDuringARebuildAnswerWholeOrNotAtAll) {
  // Given a few hundred cooperatives, registered as an agency would, and the registry at them
  uint64_t last = 0;
  for (int i = 0; i < kCooperatives; ++i) {
    const std::string code = absl::StrFormat("21%08d", i);
    coop::v1::CommandReply reply;
    auto status = Register(Registration(code), &reply);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ids_.push_back(reply.aggregate_id());
    codes_.push_back(code);
    last = std::max(last, reply.position());
  }
  const std::string id = ids_[kCooperatives - 1];  // among the last the rebuild reaches
  const std::string code = codes_[kCooperatives - 1];
  ExpectFound(id, code, last);
  ExpectComplete(ListAll());

  // When the registry is rebuilt (held after its first page)
  coop::v1::RebuildProjectionRequest rebuild;
  rebuild.set_name(kRegistry);
  coop::v1::ProjectionStatus started;
  auto status = reporting_->RebuildProjection(Context().get(), rebuild, &started);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(started.state(), "rebuilding");
  ASSERT_TRUE(held_->first_page.WaitForNotificationWithTimeout(absl::Seconds(60)));

  // Then while it is under way, the status says so and every answer is whole
  coop::v1::ProjectionStatus during = RegistryStatus();
  EXPECT_EQ(during.state(), "rebuilding");
  EXPECT_EQ(during.position(), 16u);
  EXPECT_GE(during.head(), last);
  for (int round = 0; round < 3; ++round) {
    ExpectFound(id, code);
    ExpectComplete(ListAll());
  }

  // When a cooperative is registered meanwhile, and read back with its position
  coop::v1::CommandReply late;
  status = Register(Registration("2199999999"), &late);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::thread reader([&] { ExpectFound(late.aggregate_id(), "2199999999", late.position()); });

  // and the rebuild goes on to the end while queries keep coming
  held_->release.Notify();
  int rounds_while_rebuilding = 0;
  const absl::Time give_up = absl::Now() + absl::Seconds(120);
  for (;;) {
    ExpectFound(id, code);
    ExpectComplete(ListAll());
    const auto now = RegistryStatus();
    if (now.state() == "live") break;
    EXPECT_EQ(now.state(), "rebuilding");
    ++rounds_while_rebuilding;
    if (absl::Now() > give_up) {  // not ASSERT: the reader thread must be joined first
      ADD_FAILURE() << "the rebuild did not finish";
      break;
    }
  }
  // Then the read-your-writes wait is answered by the new rows, and they are whole
  reader.join();
  const auto done = RegistryStatus();
  EXPECT_EQ(done.state(), "live");
  EXPECT_GE(done.position(), late.position());
  ids_.push_back(late.aggregate_id());
  const auto listed = ListAll();
  ExpectComplete(listed);
  EXPECT_EQ(listed.size(), ids_.size());
  ExpectFound(id, code);
  RecordProperty("rounds_while_rebuilding", rounds_while_rebuilding);
}

}  // namespace
}  // namespace coop::testing
