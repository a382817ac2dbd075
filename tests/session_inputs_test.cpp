#include "core/session_inputs.h"

#include <gtest/gtest.h>

#include "core/embedding.h"
#include "core/error.h"
#include "tests/safetensors_builder.h"

namespace attnscope {
namespace {

Session lesson(const std::string& text) {
  Session session;
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

TEST(SessionInputs, SelfAttentionAsDumpBuildsIt) {
  Session session = lesson("The cat sat.");
  session.mask = SessionMask::Causal;
  const SessionInputs inputs = sessionInputs(session, sessionWeights(session));
  EXPECT_EQ(textsOf(inputs.queryTokens), (std::vector<std::string>{"The", "cat", "sat", "."}));
  EXPECT_EQ(inputs.keyTokens, inputs.queryTokens);
  EXPECT_TRUE(inputs.query ==
              modelInput(inputs.queryTokens, 3, 16, PositionalEncoding::Sinusoidal));
  EXPECT_TRUE(inputs.keyValue == inputs.query);
  EXPECT_EQ(inputs.mask.kind, MaskSpec::Kind::Causal);
  EXPECT_TRUE(inputs.weights.query.weight == randomWeights(16, 3).query.weight);
  EXPECT_EQ(inputs.heads, 4);
}

TEST(SessionInputs, KeyPaddingPadsKeysAndInSelfAttentionTheQueries) {
  Session session = lesson("a b");
  session.mask = SessionMask::KeyPadding;
  session.paddedLength = 4;
  SessionInputs inputs = sessionInputs(session, sessionWeights(session));
  EXPECT_EQ(textsOf(inputs.keyTokens), (std::vector<std::string>{"a", "b", "[PAD]", "[PAD]"}));
  EXPECT_EQ(inputs.queryTokens, inputs.keyTokens);
  EXPECT_EQ(inputs.mask.kind, MaskSpec::Kind::KeyPadding);
  EXPECT_EQ(inputs.mask.visibleKeys, 2u);

  session.crossAttention = true;
  session.keyValueText = "x y z";
  inputs = sessionInputs(session, sessionWeights(session));
  EXPECT_EQ(textsOf(inputs.queryTokens), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(textsOf(inputs.keyTokens), (std::vector<std::string>{"x", "y", "z", "[PAD]"}));
  EXPECT_EQ(inputs.mask.visibleKeys, 3u);
  EXPECT_EQ(inputs.keyValue.rows(), 4);
}

TEST(SessionInputs, CustomCellsOutsideTheSentenceAreIgnored) {
  Session session = lesson("a b c");
  session.mask = SessionMask::Custom;
  session.blockedCells = {{0, 2}, {2, 1}, {9, 0}, {0, 9}};
  const SessionInputs inputs = sessionInputs(session, sessionWeights(session));
  ASSERT_EQ(inputs.mask.kind, MaskSpec::Kind::Explicit);
  EXPECT_EQ(inputs.mask.shape, (std::vector<std::size_t>{3, 3}));
  EXPECT_EQ(inputs.mask.keep, (std::vector<std::uint8_t>{1, 1, 0, 1, 1, 1, 1, 0, 1}));
}

TEST(SessionInputs, EmbeddedWeightsInEitherLayout) {
  Session session = lesson("hi");
  const AttentionWeights weights = randomWeights(16, 99);
  session.weights.source = SessionWeights::Source::Embedded;
  session.weights.layout = WeightsLayout::Multihead;
  session.weights.safetensors = testing::multiheadStateDict(weights).bytes();
  EXPECT_TRUE(sessionWeights(session).value.weight == weights.value.weight);
  session.weights.layout = WeightsLayout::Reference;
  EXPECT_THROW(sessionWeights(session), Error);
}

TEST(SessionInputs, ProblemsAreErrors) {
  Session session = lesson("  ");
  EXPECT_THROW(sessionInputs(session, sessionWeights(session)), Error);
  session = lesson("hi");
  session.crossAttention = true;
  EXPECT_THROW(sessionInputs(session, sessionWeights(session)), Error);
  session = lesson("hi");
  EXPECT_THROW(sessionInputs(session, randomWeights(8, 0)), Error);
  session.weights.source = SessionWeights::Source::File;
  session.weights.path = "/nonexistent/w.safetensors";
  EXPECT_THROW(sessionWeights(session), Error);
}

TEST(SessionSummary, NamesEveryParameter) {
  Session session = lesson("hi");
  session.mask = SessionMask::KeyPadding;
  session.paddedLength = 12;
  EXPECT_EQ(sessionSummary(session),
            "d_model=16 heads=4 seed=3 positional=sinusoidal scaled=yes mask=key_padding(12) "
            "weights=seed");
}

}  // namespace
}  // namespace attnscope
