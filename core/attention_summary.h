#pragma once

#include <cstddef>

#include "core/head_tensor.h"
#include "core/matrix.h"

// The streaming path's result (AttentionSummary): the output and pooled pictures of the heads,
// what is kept when the full trace would not fit in memory.
namespace attnscope {

// The largest picture of a head the streaming path makes, in cells per side: about what a
// screen shows of one head.
inline constexpr std::size_t kMaxPictureSize = 512;

// What the streaming path keeps of a forward pass: the output and a picture of each head's
// weights pooled to screen resolution, instead of heads × Lq × Lk arrays.
struct AttentionSummary {
  int heads = 0;
  std::size_t headWidth = 0;
  std::size_t queryLength = 0;
  std::size_t keyLength = 0;
  Matrix context;  // Lq × heads·d_v: Concat(head_1 … head_h)
  Matrix output;   // Lq × d_model
  // heads × R × C with R = min(Lq, size), C = min(Lk, size): cell (r, c) is the mean weight over
  // query rows [rowStart(r), rowStart(r + 1)) and keys [columnStart(c), columnStart(c + 1)).
  HeadTensor picture;

  std::size_t rowStart(std::size_t r) const { return r * queryLength / picture.rows(); }
  std::size_t columnStart(std::size_t c) const { return c * keyLength / picture.cols(); }
};

}  // namespace attnscope
