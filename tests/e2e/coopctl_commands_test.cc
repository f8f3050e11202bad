// coopctl's generated command subcommands, history and import against a real coopd child
// process.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "tests/e2e/coopd_process.h"
#include "tests/e2e/run_command.h"
#include "tests/support/test_support.h"

namespace coop::testing {
namespace {

constexpr char kCoopA[] = "11111111-2222-4333-8444-00000000000a";

class CoopctlCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(coopd_.Start(dir_.Sub("store"))); }

  // Runs coopctl with `args` against the server; returns stdout+stderr and the exit code.
  std::string Coopctl(const std::string& args, int* exit_code) {
    return RunCommand(std::string(COOPCTL_PATH) + " --server " + coopd_.address() + " " + args,
                      exit_code);
  }

  std::string HeadPosition() {
    int code;
    std::string out = Coopctl("info", &code);
    EXPECT_EQ(code, 0) << out;
    size_t at = out.find("head position");
    if (at == std::string::npos) return "?";
    size_t start = out.find_first_not_of(' ', at + 13);
    return out.substr(start, out.find('\n', start) - start);
  }

  std::string WriteFile(const std::string& name, const std::string& content) {
    std::string path = dir_.Sub(name);
    std::ofstream(path) << content;
    return path;
  }

  TempDir dir_;
  CoopdProcess coopd_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(CoopctlCommandsTest, GeneratedCommandsAndHistory) {
  int code;
  std::string out = Coopctl("register-cooperative --help", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "--registration.address.unit-set STRING")) << out;
  EXPECT_TRUE(Contains(out, "--registration.kind ENUM")) << out;
  EXPECT_TRUE(Contains(out, "also --occurred-on")) << out;

  // Dotted names, '_' for '-', aliases, an enum by name in any case with the type prefix.
  const std::string registration =
      std::string("register-cooperative --actor alice --agency dpi-hanoi ") +
      "--command-id 0f6c3c0e-3b1a-4f57-9a51-5d1c6f0e0a01 --registration.cooperative-id " + kCoopA +
      " --registration.code 2000123456 --registration.name 'HTX Khánh An' "
      "--registration.kind cooperative --registration.law_regime LAW_REGIME_LAW_2023 "
      "--registration.members.official 9 --registration.address.code 32059 "
      "--registration.address.unit-set 2025-03 --header.occurred-on 2024-09-01 "
      "--business-lines rice --business-lines fish";
  out = Coopctl(registration, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, std::string("recorded: coop-") + kCoopA + "@1 position ")) << out;

  // The same command id again: its first result, nothing written.
  out = Coopctl(registration, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, std::string("duplicate: coop-") + kCoopA + "@1")) << out;

  out = Coopctl(std::string("suspend-cooperative --cooperative-id ") + kCoopA +
                    " --occurred-on 2024-10-01 --suspended.from 2024-10-01 --until 2025-03-01"
                    " --reason flooding",
                &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, std::string("recorded: coop-") + kCoopA + "@2")) << out;
  EXPECT_TRUE(Contains(out, "command id ")) << out;  // generated, printed for a retry

  // A workflow rule: error with the rule id, exit 1.
  out = Coopctl(std::string("suspend-cooperative --cooperative-id ") + kCoopA +
                    " --occurred-on 2024-10-02 --until 2025-03-01",
                &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "error: FAILED_PRECONDITION: [COOP-04]")) << out;

  // Bad values are usage errors.
  out = Coopctl("register-cooperative --registration.kind bogus", &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_TRUE(Contains(out, "--registration.kind: expected one of")) << out;
  out = Coopctl("register-cooperative --registration.members.official many", &code);
  EXPECT_EQ(code, 2) << out;

  // The history in the server's sentences: Vietnamese by default, English with --lang en.
  out = Coopctl(std::string("history coop-") + kCoopA, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "2024-09-01  #1  Đăng ký thành lập HTX: mã số 2000123456")) << out;
  EXPECT_TRUE(Contains(out, "địa chỉ xã Khánh An (32059)")) << out;
  EXPECT_TRUE(Contains(out, "(người ghi: alice, đơn vị dpi-hanoi)")) << out;
  EXPECT_TRUE(Contains(out, "từ ngày 01/10/2024, đến ngày 01/03/2025, lý do flooding")) << out;
  out = Coopctl(std::string("--lang en history coop-") + kCoopA, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out,
                       "2024-09-01  #1  Cooperative registered: code 2000123456, kind "
                       "cooperative, name HTX Khánh An"))
      << out;
  EXPECT_TRUE(Contains(out, "members official 9")) << out;
  EXPECT_TRUE(Contains(out, "address Khánh An Commune (32059)")) << out;
  EXPECT_TRUE(Contains(out, "business lines [rice; fish]")) << out;
  EXPECT_TRUE(Contains(out, "(by alice for dpi-hanoi)")) << out;
  EXPECT_TRUE(Contains(out,
                       "2024-10-01  #3  Cooperative suspended: from 1 October 2024, until "
                       "1 March 2025, reason flooding"))
      << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;

  out = Coopctl(std::string("--json history coop-") + kCoopA, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "\"event_type\":\"coop.v1.CooperativeSuspended\"")) << out;
  EXPECT_TRUE(Contains(out, "\"recorded_by\":\"alice, đơn vị dpi-hanoi\"")) << out;

  // The unit tree, one level at a time.
  out = Coopctl("areas 966 --unit-set 2025-03", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "Huyện U Minh (966, 2025-03)")) << out;
  EXPECT_TRUE(Contains(out, "32059  Xã Khánh An")) << out;
  out = Coopctl("--lang en areas 966 --unit-set 2025-03", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "32059  Khánh An Commune")) << out;
  out = Coopctl("areas 99999 --unit-set 2025-03", &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "NOT_FOUND")) << out;
}

TEST_F(CoopctlCommandsTest, ImportStopsAtRejectedLineKeepsGoingAndIsIdempotent) {
  const std::string address = R"("address": {"code": "32059", "unit_set": "2025-03"})";
  auto registration = [&](const std::string& date, const std::string& id,
                          const std::string& code_text, const std::string& name) {
    return R"({"command": "register-cooperative", "request": {"header": {"occurred_on": ")" + date +
           R"("}, "registration": {)" + id + R"("code": ")" + code_text +
           R"(", "kind": "COOPERATIVE", "law_regime": "LAW_2023", "name": ")" + name +
           R"(", "members": {"official": "7"}, )" + address + "}}}\n";
  };
  const std::string file = WriteFile(
      "commands.jsonl",
      registration("2024-09-02", std::string("\"cooperative_id\": \"") + kCoopA + "\", ",
                   "3000000001", "HTX A") +
          // The RPC name works too, and camelCase JSON names.
          R"({"command": "RegisterCooperative", "request": {"header": {"occurredOn": "2024-09-03"}, )"
          R"("registration": {"code": "3000000002", "kind": "COOPERATIVE", "lawRegime": "LAW_2023", )"
          R"("name": "HTX B", "members": {"official": 5}, )" +
          address + "}}}\n" + "\n" +  // a blank line is skipped but counted
          registration("2024-09-04", "", "3000000001", "HTX same code") +  // line 4: rejected
          R"({"command": "suspend-cooperative", "request": {"header": {"occurred_on": "2024-10-01"}, )"
          R"("cooperative_id": ")" +
          kCoopA + R"(", "suspended": {"until": "2025-01-01", "reason": "audit"}}})" + "\n");

  int code;
  std::string out = Coopctl("import " + file, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "error: line 4: ALREADY_EXISTS: [COOP-16]")) << out;
  EXPECT_TRUE(Contains(out, "stopped at line 4")) << out;
  EXPECT_TRUE(Contains(out, "2 recorded")) << out;
  const std::string after_stop = HeadPosition();
  EXPECT_EQ(after_stop, "4") << "two registrations, each with its code reservation";

  out = Coopctl("import --keep-going " + file, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "rejected lines:\n  line 4: ALREADY_EXISTS")) << out;
  EXPECT_TRUE(Contains(out, "4 of 4 lines sent: 1 recorded, 2 duplicates, 1 rejected")) << out;
  EXPECT_EQ(HeadPosition(), "5");

  // Again: the derived command ids make every good line a duplicate; nothing new is written.
  out = Coopctl("import --keep-going --progress " + file, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "0 recorded, 3 duplicates, 1 rejected")) << out;
  EXPECT_TRUE(Contains(out, "4/4 lines")) << out;  // the progress bar
  EXPECT_EQ(HeadPosition(), "5");

  out = Coopctl(std::string("--lang en history coop-") + kCoopA, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "Cooperative registered: code 3000000001")) << out;
  EXPECT_TRUE(Contains(out, "Cooperative suspended: until 1 January 2025, reason audit")) << out;

  // Lines coopctl cannot read are rejected with their number too.
  const std::string bad =
      WriteFile("bad.jsonl",
                "{\"command\": \"no-such-command\"}\nnot json\n"
                "{\"command\": \"resume-cooperative\", \"request\": {\"bogus\": 1}}\n");
  out = Coopctl("import --keep-going " + bad, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "line 1: invalid line: unknown command 'no-such-command'")) << out;
  EXPECT_TRUE(Contains(out, "line 2: invalid line: not a JSON object")) << out;
  EXPECT_TRUE(Contains(out, "line 3: invalid line: \"request\" is not a JSON")) << out;
  EXPECT_EQ(HeadPosition(), "5");
}

// A complete file in reverse record order: a grant before its cooperative, the cooperative
// (converted from a group) before its group, the group's conversion before the cooperative it
// names. With --keep-going the lines refused because a record they name is not recorded yet
// (NOT_FOUND, LINK-01) are tried again after the others, and everything is recorded.
TEST_F(CoopctlCommandsTest, ImportRetriesLinesWhoseRecordsComeLaterInTheFile) {
  const std::string group = "11111111-2222-4333-8444-0000000000b1";
  const std::string coop = "11111111-2222-4333-8444-0000000000c1";
  const std::string old_units = R"({"code": "32059", "unit_set": "2025-03"})";
  const std::string new_units = R"({"code": "32059", "unit_set": "2025-07"})";
  // Every line after the one it needs: the grant before its cooperative, the cooperative
  // before the group it converts, the group's conversion before its registration and that
  // before its formation, and a resumption before its suspension on the same day.
  const std::string file = WriteFile(
      "reversed.jsonl",
      R"({"command": "resume-cooperative", "request": {"header": {"occurred_on": "2025-09-10"}, )"
      R"("cooperative_id": ")" +
          coop + R"(", "resumed": {}}})" + "\n" +
          R"({"command": "suspend-cooperative", "request": {"header": {"occurred_on": "2025-09-10"}, )"
          R"("cooperative_id": ")" +
          coop + R"(", "suspended": {"until": "2025-10-31", "reason": "mùa lũ"}}})" + "\n" +
          R"({"command": "record-support-grant", "request": {"header": {"occurred_on": "2025-09-01"}, )"
          R"("granted": {"type": "SUPPORT_TRAINING", "amount_vnd": "20000000", )"
          R"("funding_source": "FUNDING_DISTRICT", "cooperative_id": ")" +
          coop + R"("}}})" + "\n" +
          R"({"command": "convert-cooperative-group", "request": {"header": {"occurred_on": "2025-08-15"}, )"
          R"("group_id": ")" +
          group + R"(", "converted_to_cooperative": {"cooperative_id": ")" + coop +
          R"(", "all_members_agreed": true}}})" + "\n" +
          R"({"command": "register-cooperative", "request": {"header": {"occurred_on": "2025-08-15"}, )"
          R"("registration": {"cooperative_id": ")" +
          coop +
          R"(", "code": "3000000042", "kind": "COOPERATIVE", "law_regime": "LAW_2023", )"
          R"("name": "HTX Lúa sạch", "members": {"official": 5}, "address": )" +
          new_units + R"(, "origin": "ORIGIN_CONVERTED_FROM_GROUP", "origin_group_id": ")" + group +
          R"("}}})" + "\n" +
          R"({"command": "register-cooperative-group", "request": {"header": {"occurred_on": "2024-08-01"}, )"
          R"("group_id": ")" +
          group + R"(", "registered": {"certificate_number": "THT-01"}}})" + "\n" +
          R"({"command": "form-cooperative-group", "request": {"header": {"occurred_on": "2024-07-10"}, )"
          R"("formed": {"group_id": ")" +
          group + R"(", "name": "THT Lúa sạch", "term_months": 36, "members": 5, "address": )" +
          old_units + R"(}}})" + "\n");

  int code;
  // Without --keep-going the import stops at the first line, as before.
  std::string out = Coopctl("import " + file, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "error: line 1: NOT_FOUND:")) << out;
  EXPECT_EQ(HeadPosition(), "0");

  out = Coopctl("import --keep-going " + file, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(Contains(out, "7 of 7 lines sent: 7 recorded, 0 duplicates, 0 rejected")) << out;
  out = Coopctl(std::string("history group-") + group, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 3) << out;
  // The cooperative: registered, granted nothing in its own stream, suspended, resumed.
  out = Coopctl(std::string("history coop-") + coop, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 3) << out;

  // A line that no pass can record is rejected with its last answer.
  const std::string stray = WriteFile(
      "stray.jsonl",
      R"({"command": "resume-cooperative", "request": {"header": {"occurred_on": "2025-11-20"}, )"
      R"("cooperative_id": ")" +
          coop + R"(", "resumed": {}}})" + "\n");
  out = Coopctl("import --keep-going " + stray, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_TRUE(Contains(out, "line 1: FAILED_PRECONDITION: [COOP-06]")) << out;
}

}  // namespace
}  // namespace coop::testing
