#include "core/lesson_inputs.h"

#include <gtest/gtest.h>

#include "core/embedding.h"
#include "core/error.h"
#include "core/lesson_weights.h"
#include "tests/safetensors_builder.h"

namespace attnscope {
namespace {

Lesson lesson(const std::string& text) {
  Lesson session;
  session.text = text;
  session.modelWidth = 16;
  session.heads = 4;
  session.seed = 3;
  return session;
}

std::vector<std::string> textsOf(const std::vector<Token>& tokens) {
  std::vector<std::string> texts;
  for (const Token& token : tokens) texts.push_back(token.text);
  return texts;
}

TEST(LessonInputs, SelfAttentionAsDumpBuildsIt) {
  Lesson session = lesson("The cat sat.");
  session.mask = LessonMask::Causal;
  const LessonInputs inputs = lessonInputs(session);
  EXPECT_EQ(textsOf(inputs.queryTokens), (std::vector<std::string>{"The", "cat", "sat", "."}));
  EXPECT_EQ(inputs.keyTokens, inputs.queryTokens);
  EXPECT_TRUE(inputs.query ==
              modelInput(inputs.queryTokens, 3, 16, PositionalEncoding::Sinusoidal));
  EXPECT_TRUE(inputs.keyValue == inputs.query);
  EXPECT_EQ(inputs.mask.kind, MaskSpec::Kind::Causal);
  EXPECT_TRUE(inputs.weights.query.weight == randomWeights(16, 3).query.weight);
  EXPECT_EQ(inputs.heads, 4);
}

TEST(LessonInputs, KeyPaddingPadsKeysAndInSelfAttentionTheQueries) {
  Lesson session = lesson("a b");
  session.mask = LessonMask::KeyPadding;
  session.paddedLength = 4;
  LessonInputs inputs = lessonInputs(session);
  EXPECT_EQ(textsOf(inputs.keyTokens), (std::vector<std::string>{"a", "b", "[PAD]", "[PAD]"}));
  EXPECT_EQ(inputs.queryTokens, inputs.keyTokens);
  EXPECT_EQ(inputs.mask.kind, MaskSpec::Kind::KeyPadding);
  EXPECT_EQ(inputs.mask.visibleKeys, 2u);

  session.crossAttention = true;
  session.keyValueText = "x y z";
  inputs = lessonInputs(session);
  EXPECT_EQ(textsOf(inputs.queryTokens), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(textsOf(inputs.keyTokens), (std::vector<std::string>{"x", "y", "z", "[PAD]"}));
  EXPECT_EQ(inputs.mask.visibleKeys, 3u);
  EXPECT_EQ(inputs.keyValue.rows(), 4);
}

TEST(LessonInputs, CustomCellsOutsideTheSentenceAreIgnored) {
  Lesson session = lesson("a b c");
  session.mask = LessonMask::Custom;
  session.blockedCells = {{0, 2}, {2, 1}, {9, 0}, {0, 9}};
  const LessonInputs inputs = lessonInputs(session);
  ASSERT_EQ(inputs.mask.kind, MaskSpec::Kind::Explicit);
  EXPECT_EQ(inputs.mask.shape, (std::vector<std::size_t>{3, 3}));
  EXPECT_EQ(inputs.mask.keep, (std::vector<std::uint8_t>{1, 1, 0, 1, 1, 1, 1, 0, 1}));
}

TEST(LessonInputs, EmbeddedWeightsInEitherLayout) {
  Lesson session = lesson("hi");
  const AttentionWeights weights = randomWeights(16, 99);
  const std::vector<std::byte> bytes = testing::multiheadStateDict(weights).bytes();
  session.weights = embeddedWeights(bytes, WeightsLayout::Multihead);
  EXPECT_TRUE(lessonInputs(session).weights.value.weight == weights.value.weight);
  EXPECT_THROW(embeddedWeights(bytes, WeightsLayout::Reference), Error);
}

TEST(LessonInputs, ProblemsAreErrors) {
  Lesson session = lesson("  ");
  EXPECT_THROW(lessonInputs(session), Error);
  session = lesson("hi");
  session.crossAttention = true;
  EXPECT_THROW(lessonInputs(session), Error);
  session = lesson("hi");
  session.weights = embeddedWeights(testing::multiheadStateDict(randomWeights(8, 0)).bytes(),
                                    WeightsLayout::Multihead);
  EXPECT_THROW(lessonInputs(session), Error);  // 8 wide, but the lesson says 16
  session.weights.source = LessonWeights::Source::File;
  session.weights.path = "/nonexistent/w.safetensors";
  session.weights.loaded.reset();
  EXPECT_THROW(lessonInputs(session), Error);  // not read yet
  EXPECT_THROW(loadWeights(session.weights), Error);
}

TEST(LessonSummary, NamesEveryParameter) {
  Lesson session = lesson("hi");
  session.mask = LessonMask::KeyPadding;
  session.paddedLength = 12;
  EXPECT_EQ(lessonSummary(session),
            "d_model=16 heads=4 seed=3 positional=sinusoidal scaled=yes mask=key_padding(12) "
            "weights=seed");
}

}  // namespace
}  // namespace attnscope
