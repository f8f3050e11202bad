// A correction checked against its aggregate's rules (commands/correction_check.h), given a
// cooperative's stream as the log holds it, when a void or an amendment is checked, then the
// rule that refuses it. Pure; no store.
#include "commands/correction_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/uuid.h"
#include "coop/v1/cooperative_events.pb.h"
#include "domain/cooperative/cooperative_aggregate.h"
#include "tests/support/test_support.h"

namespace coop::commands {
namespace {

using coop::v1::CooperativeEvent;
using Aggregate = domain::CooperativeAggregate;

constexpr char kId[] = "5b0c6a52-1d0e-4b6e-9a57-0d7c4a7d2f10";

class CorrectionCheckTest : public ::testing::Test {
 protected:
  // Appends the events of one command, on `on`.
  void Record(const std::string& on, const std::vector<CooperativeEvent>& events) {
    const std::string command = base::NewRandomUuid();
    for (const auto& event : events) {
      coop::v1::ProposedEvent proposed;
      domain::CodecFor<CooperativeEvent>().Encode(event, &proposed);
      coop::v1::RecordedEvent& recorded = stream_.emplace_back();
      recorded.set_event_id(base::NewRandomUuid());
      recorded.set_type(proposed.type());
      recorded.set_payload(proposed.payload());
      recorded.set_occurred_on(on);
      recorded.set_stream_version(stream_.size());
      recorded.set_position(stream_.size());
      recorded.mutable_metadata()->set_correlation_id(command);
    }
  }
  static CooperativeEvent Registration(int64_t official = 9) {
    CooperativeEvent e;
    auto* r = e.mutable_registered();
    r->set_cooperative_id(kId);
    r->set_code("2000000100");
    r->set_kind(coop::v1::COOPERATIVE);
    r->set_name("HTX Khánh Lâm");
    r->set_law_regime(coop::v1::LAW_2023);
    r->mutable_address()->set_code("32056");
    r->mutable_address()->set_unit_set("2025-03");
    r->mutable_members()->set_official(official);
    r->set_charter_capital_vnd(500'000'000);
    return e;
  }
  static CooperativeEvent Left(int64_t official) {
    CooperativeEvent e;
    e.mutable_members_left()->mutable_members()->set_official(official);
    return e;
  }
  static CooperativeEvent Report(int64_t official) {
    CooperativeEvent e;
    e.mutable_membership_reported()->mutable_members()->set_official(official);
    return e;
  }
  absl::StatusOr<std::string> Amend(size_t index, const CooperativeEvent& replacement) {
    return CheckAmendment<Aggregate>(stream_, stream_[index], replacement, kId, context_);
  }
  static void ExpectRule(const absl::Status& status, const std::string& rule) {
    EXPECT_FALSE(status.ok()) << "expected " << rule;
    EXPECT_NE(status.message().find("[" + rule + "]"), std::string::npos) << status;
  }

  std::vector<coop::v1::RecordedEvent> stream_;
  domain::DecisionContext context_{absl::CivilDay(2026, 11, 27)};
};

TEST_F(CorrectionCheckTest, AReplacementPassesTheRulesOfTheCommandThatRecordsIt) {
  Record("2024-09-01", {Registration()});
  EXPECT_OK(Amend(0, Registration(12)));
  ExpectRule(Amend(0, Registration(0)).status(), "COOP-01");
  CooperativeEvent negative = Registration();
  negative.mutable_registered()->set_charter_capital_vnd(-5);
  ExpectRule(Amend(0, negative).status(), "COMMON-02");
  CooperativeEvent old_law = Registration();
  old_law.mutable_registered()->set_law_regime(coop::v1::LAW_2012);
  ExpectRule(Amend(0, old_law).status(), "COOP-14");
}

TEST_F(CorrectionCheckTest, Corr07AnAmendmentKeepsTheRecordsIdentity) {
  Record("2024-09-01", {Registration()});
  CooperativeEvent other = Registration();
  other.mutable_registered()->set_cooperative_id("0f6f2c1e-7a55-4d7c-8f0c-5e3c9f1b2a44");
  const auto refused = Amend(0, other);
  ExpectRule(refused.status(), "CORR-07");
  EXPECT_NE(refused.status().message().find("replacement.cooperative_id"), std::string::npos)
      << refused.status();
}

TEST_F(CorrectionCheckTest, Corr07TheReplacementRecordsWhatTheOriginalCommandDid) {
  Record("2024-09-01", {Registration()});
  CooperativeEvent revoked;
  revoked.mutable_certificate_revoked()->set_decision("12/QĐ-UBND");
  revoked.mutable_certificate_revoked()->set_grounds("no annual meeting for 18 months");
  CooperativeEvent started;
  started.mutable_dissolution_started()->set_kind(coop::v1::COMPULSORY);
  started.mutable_dissolution_started()->set_resolution("12/QĐ-UBND");
  Record("2025-03-01", {revoked, started});
  CooperativeEvent renumbered = revoked;
  renumbered.mutable_certificate_revoked()->set_decision("13/QĐ-UBND");
  EXPECT_OK(Amend(1, renumbered));
  // For tax enforcement it would not have started a dissolution: void and record again.
  CooperativeEvent for_tax = revoked;
  for_tax.mutable_certificate_revoked()->set_for_tax_enforcement(true);
  ExpectRule(Amend(1, for_tax).status(), "CORR-07");
}

TEST_F(CorrectionCheckTest, Corr08ACorrectionLeavesLaterCommandsAllowed) {
  Record("2024-09-01", {Registration(9)});
  Record("2024-12-10", {Report(30)});
  Record("2025-02-01", {Left(20)});
  // 12 members reported: the 20 who left later could not have left.
  const auto refused = Amend(1, Report(12));
  ExpectRule(refused.status(), "CORR-08");
  EXPECT_NE(refused.status().message().find("[COOP-12]"), std::string::npos) << refused.status();
  EXPECT_OK(Amend(1, Report(25)));
  // Voiding the report leaves 9 members: the same later departure breaks.
  ExpectRule(CheckVoid<Aggregate>(stream_, stream_[1], context_), "CORR-08");
}

TEST_F(CorrectionCheckTest, Corr08VoidingASuspensionUnderALaterResumeIsRefused) {
  Record("2024-09-01", {Registration()});
  CooperativeEvent suspended;
  suspended.mutable_suspended()->set_from("2025-01-10");
  suspended.mutable_suspended()->set_until("2025-06-30");
  Record("2025-01-10", {suspended});
  CooperativeEvent resumed;
  resumed.mutable_resumed();
  Record("2025-03-01", {resumed});
  ExpectRule(CheckVoid<Aggregate>(stream_, stream_[1], context_), "CORR-08");
  // Voiding the resume first is allowed, and then the suspension.
  EXPECT_OK(CheckVoid<Aggregate>(stream_, stream_[2], context_));
}

TEST_F(CorrectionCheckTest, ABreachTheLogAlreadyHeldBlocksNothing) {
  // A log written before a rule: 20 left of 9 members. Amending the name changes nothing for
  // that departure, which the rules refuse before and after alike.
  Record("2024-09-01", {Registration(9)});
  Record("2025-02-01", {Left(20)});
  CooperativeEvent renamed = Registration(9);
  renamed.mutable_registered()->set_name("HTX Nông nghiệp Khánh Lâm");
  EXPECT_OK(Amend(0, renamed));
}

TEST_F(CorrectionCheckTest, TheStoredReplacementIsTheDecidersEvent) {
  Record("2024-09-01", {Registration()});
  auto stored = Amend(0, Registration(12));
  ASSERT_OK(stored);
  coop::v1::CooperativeRegistered parsed;
  ASSERT_TRUE(parsed.ParseFromString(*stored));
  EXPECT_EQ(parsed.members().official(), 12);
}

}  // namespace
}  // namespace coop::commands
