// The rule table is the contract between the law and the code: every rule has a legal basis
// and an error code, reads in Vietnamese and English, and every rule id is cited by at least
// one test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "domain/common/rules.h"

namespace coop::domain {
namespace {

TEST(RuleTableTest, EveryRuleHasTextBasisAndAnErrorCodeAndAUniqueId) {
  std::set<std::string_view> ids;
  for (const auto& rule : RuleTable()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate id " << rule.id;
    EXPECT_FALSE(rule.text.empty()) << rule.id;
    EXPECT_FALSE(rule.legal_basis.empty()) << rule.id;
    EXPECT_NE(rule.code, absl::StatusCode::kOk) << rule.id;
  }
  EXPECT_GE(ids.size(), 50u);
}

TEST(RuleTableTest, EveryRuleReadsInVietnameseAndEnglish) {
  for (const auto& rule : RuleTable()) {
    EXPECT_FALSE(rule.text_vi.empty()) << rule.id << " has no Vietnamese text";
    EXPECT_NE(rule.text_vi, rule.text) << rule.id << ": the Vietnamese text is the English one";
  }
}

TEST(RuleTableTest, EveryRuleIdIsCitedByATest) {
  std::string all_tests;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(COOP_TESTS_DIR)) {
    if (entry.path().extension() != ".cc" && entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    all_tests += text.str();
  }
  for (const auto& rule : RuleTable()) {
    // Cited as "[ID]" (an expected message) or "ID" (a rule-id argument or a test name).
    const std::string id(rule.id);
    EXPECT_TRUE(all_tests.find("\"" + id + "\"") != std::string::npos ||
                all_tests.find("[" + id + "]") != std::string::npos)
        << id << " is not cited by any test";
  }
}

}  // namespace
}  // namespace coop::domain
