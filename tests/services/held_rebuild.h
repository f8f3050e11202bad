// Holds a projection rebuild of a test server after its first page until released, through
// ServerOptions::after_projection_rebuild_page, so that a test can query while a rebuild is
// under way without racing it. Shared (a shared_ptr) with the server's runner thread, which
// may outlive the test's members. Thread-safe. HeldRebuildFixture: a registry server with a
// Reporting stub whose rebuilds a test may hold.
#ifndef COOPLEDGER_TESTS_SERVICES_HELD_REBUILD_H_
#define COOPLEDGER_TESTS_SERVICES_HELD_REBUILD_H_

#include <cstdint>
#include <memory>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "coop/v1/reporting.grpc.pb.h"
#include "services/server.h"
#include "tests/services/registry_fixture.h"

namespace coop::testing {

struct HeldRebuild {
  absl::Notification first_page;  // the rebuild committed its first page and is held
  absl::Notification release;     // lets it go on

  // Makes `options`' server hold its rebuilds on `held` (at most `longest`, then goes on).
  static void Install(const std::shared_ptr<HeldRebuild>& held, services::ServerOptions& options,
                      absl::Duration longest = absl::Seconds(120)) {
    options.after_projection_rebuild_page = [held, longest](uint64_t) {
      if (!held->first_page.HasBeenNotified()) held->first_page.Notify();
      held->release.WaitForNotificationWithTimeout(longest);
    };
  }
  // For TearDown: a held rebuild must not outlast the test.
  void ReleaseIfHeld() {
    if (!release.HasBeenNotified()) release.Notify();
  }
};

// A test's Configure calls HeldRebuild::Install(held_, options) to hold the server's rebuilds.
class HeldRebuildFixture : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    reporting_ = coop::v1::Reporting::NewStub(channel_);
  }
  void TearDown() override { held_->ReleaseIfHeld(); }

  std::shared_ptr<HeldRebuild> held_ = std::make_shared<HeldRebuild>();
  std::unique_ptr<coop::v1::Reporting::Stub> reporting_;
};

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SERVICES_HELD_REBUILD_H_
