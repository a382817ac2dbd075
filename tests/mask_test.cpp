#include "core/mask.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace attnscope {
namespace {

TEST(Mask, CausalOnNonSquareFollowsTril) {
  const ResolvedMask mask(MaskSpec::causal(), 1, 2, 4);
  EXPECT_TRUE(mask.keeps(0, 0, 0));
  EXPECT_FALSE(mask.keeps(0, 0, 1));
  EXPECT_TRUE(mask.keeps(0, 1, 1));
  EXPECT_FALSE(mask.keeps(0, 1, 3));
}

TEST(Mask, KeyPaddingBlocksKeysPastTheVisibleOnes) {
  const ResolvedMask mask(MaskSpec::keyPadding(2), 2, 3, 4);
  EXPECT_TRUE(mask.keeps(1, 2, 1));
  EXPECT_FALSE(mask.keeps(1, 0, 2));
  EXPECT_FALSE(mask.keeps(0, 2, 3));
}

TEST(Mask, QueryByKeyMaskIsSharedByAllHeads) {
  const ResolvedMask mask(MaskSpec::cells({2, 3}, {1, 0, 1, 0, 1, 1}), 4, 2, 3);
  for (int h = 0; h < 4; ++h) {
    EXPECT_TRUE(mask.keeps(h, 0, 0));
    EXPECT_FALSE(mask.keeps(h, 0, 1));
    EXPECT_FALSE(mask.keeps(h, 1, 0));
    EXPECT_TRUE(mask.keeps(h, 1, 2));
  }
}

TEST(Mask, PerHeadMaskAndLeadingOnesBroadcastAsPyTorch) {
  // (1, 2, 1, 3): one row per head, repeated for every query.
  const ResolvedMask mask(MaskSpec::cells({1, 2, 1, 3}, {1, 1, 0, 0, 1, 1}), 2, 4, 3);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_FALSE(mask.keeps(0, i, 2));
    EXPECT_TRUE(mask.keeps(0, i, 1));
    EXPECT_FALSE(mask.keeps(1, i, 0));
    EXPECT_TRUE(mask.keeps(1, i, 2));
  }
  // A 1-D mask is a key padding mask.
  const ResolvedMask keys(MaskSpec::cells({3}, {1, 0, 1}), 2, 5, 3);
  EXPECT_FALSE(keys.keeps(1, 4, 1));
  EXPECT_TRUE(keys.keeps(1, 4, 2));
}

TEST(Mask, ShapesThatDoNotBroadcastAreRejected) {
  EXPECT_THROW(ResolvedMask(MaskSpec::cells({3, 3}, std::vector<std::uint8_t>(9, 1)), 1, 2, 3),
               Error);
  EXPECT_THROW(ResolvedMask(MaskSpec::cells({2, 2, 3}, std::vector<std::uint8_t>(12, 1)), 3, 2, 3),
               Error);
  EXPECT_THROW(
      ResolvedMask(MaskSpec::cells({2, 1, 2, 3}, std::vector<std::uint8_t>(12, 1)), 1, 2, 3),
      Error);  // a batch of two is not batch 1
  EXPECT_THROW(ResolvedMask(MaskSpec::cells({2, 3}, {1, 1}), 1, 2, 3), Error);  // too few values
  EXPECT_THROW(ResolvedMask(MaskSpec::cells({}, {}), 1, 2, 3), Error);
}

}  // namespace
}  // namespace attnscope
