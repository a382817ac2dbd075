#include "core/shell_quote.h"

#include <gtest/gtest.h>

namespace attnscope {
namespace {

TEST(ShellQuote, PlainWordsStayAndEverythingElseIsSingleQuoted) {
  EXPECT_EQ(shellQuoted("--heads"), "--heads");
  EXPECT_EQ(shellQuoted("lesson_1.attnscope"), "lesson_1.attnscope");
  EXPECT_EQ(shellQuoted(""), "''");
  EXPECT_EQ(shellQuoted("The cat sat."), "'The cat sat.'");
  EXPECT_EQ(shellQuoted("didn't"), "'didn'\\''t'");
  EXPECT_EQ(shellQuoted("$HOME"), "'$HOME'");
  EXPECT_EQ(shellQuoted("注意力"), "'注意力'");
}

}  // namespace
}  // namespace attnscope
