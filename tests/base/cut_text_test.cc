// Text cut to a number of characters: counted in UTF-8 characters, never inside a letter.
#include "base/cut_text.h"

#include <gtest/gtest.h>

namespace coop::base {
namespace {

TEST(CutTextTest, ShortTextStaysAsItIs) {
  EXPECT_EQ(CutText("", 3), "");
  EXPECT_EQ(CutText("Khánh", 5), "Khánh");
}

TEST(CutTextTest, LongTextIsCutBetweenCharactersWithAnEllipsis) {
  // "á" and "ố" are two bytes each: a byte count would cut them in half.
  EXPECT_EQ(CutText("Khánh An", 3), "Khá…");
  EXPECT_EQ(CutText("Tuyên truyền Luật Hợp tác xã", 12), "Tuyên truyền…");
  EXPECT_EQ(CutText("abc", 0), "…");
}

}  // namespace
}  // namespace coop::base
