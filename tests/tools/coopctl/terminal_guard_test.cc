#include "tools/coopctl/terminal_guard.h"

#include <gtest/gtest.h>

#include <sstream>

namespace coop::coopctl {
namespace {

// The name that was once stored and then printed by `coopctl show` with its escape codes.
TEST(TerminalGuardTest, ControlCharactersAreShownNotObeyed) {
  EXPECT_EQ(EscapeTerminalControls(std::string("HTX\x00\x01\n\x1b[31mRED", 14)),
            "HTX\\x00\\x01\n\\x1b[31mRED");
  EXPECT_EQ(EscapeTerminalControls("a\x7f"
                                   "b\rc\td"),
            "a\\x7fb\\x0dc\td");
  EXPECT_EQ(EscapeTerminalControls("C1 \u0085 \u009b"), "C1 \\u0085 \\u009b");
  EXPECT_EQ(EscapeTerminalControls("HTX \u202Eàhk \u2066x\u2069"),
            "HTX \\u202eàhk \\u2066x\\u2069");
}

TEST(TerminalGuardTest, VietnameseAndOtherTextPassUnchanged) {
  const std::string text = "Hợp tác xã Khánh An — “OCOP” 4★ · 1 000 000 ₫ \u2014 \u00a0é";
  EXPECT_EQ(EscapeTerminalControls(text), text);
}

TEST(TerminalGuardTest, AStreamIsFilteredWhileTheGuardLivesAndRestoredAfter) {
  std::ostringstream out;
  {
    TerminalGuard guard(out);
    out << "x\x1b"
        << "\xE2"
        << "\x80";  // a sequence split across writes
    out << "\xAE"
        << "y";
  }
  out << "\x1b";
  EXPECT_EQ(out.str(), "x\\x1b\\u202ey\x1b");
}

}  // namespace
}  // namespace coop::coopctl
