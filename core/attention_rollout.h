#pragma once

#include <span>

#include "core/encoder.h"
#include "core/head_tensor.h"
#include "core/matrix.h"

// Attention rollout (Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers", §3):
// how much each piece's representation after the last layer draws on each input piece, when the
// residual connection is counted as half of every layer's mixing.
//
// Per layer l, with A_l,h the weights of head h (L × L, rows sum to 1):
//   Â_l = ½ (mean_h A_l,h + I)            (the residual: each piece keeps half of itself)
//   R   = Â_N · … · Â_2 · Â_1             (the first layer applied first, on the right)
// Row i of R is how much piece i's final representation draws on each input piece j: R(i, j).
// Every Â_l is row-stochastic, so every row of R sums to 1.
namespace attnscope {

// The rollout of `layerWeights`, the layers' heads × L × L attention weights in layer order
// (first layer first). Computed in double, returned as float. Throws Error(InvalidArgument) for
// no layers, a layer with no heads, a non-square layer or layers of different lengths.
Matrix attentionRollout(std::span<const HeadTensor* const> layerWeights);

// The rollout over every layer of an encoder's forward pass (its pieces read).
Matrix attentionRollout(const EncoderTrace& trace);

}  // namespace attnscope
