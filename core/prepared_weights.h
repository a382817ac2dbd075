#pragma once

#include <cstddef>
#include <vector>

#include "core/weights.h"

namespace attnscope {

// The four projections' weights rearranged once into the panels the GEMM kernels read (16
// output features side by side for each input feature), split at head boundaries, so a forward
// pass never transposes a weight matrix. Kept across runs and rebuilt only when the weights or
// the number of heads change.
class PreparedWeights {
 public:
  enum class Role { Query, Key, Value, Output };

  // What a GEMM needs to compute x·Wᵀ + b for a range of output features.
  struct Panels {
    const float* b;
    const float* bias;
    std::size_t panelStride;
    std::size_t cols;
  };

  // Compares the weights with the ones prepared last (by value, up to kCompareLimit floats;
  // larger ones are always rebuilt). New weights and heads are checked first: throws Error as
  // validateWeights (with any output width), requireModelWidth and requireHeads do.
  void prepare(const AttentionWeights& weights, int heads);

  int modelWidth() const { return m_modelWidth; }
  int outputWidth() const { return m_outputWidth; }
  // Head `head`'s d_k output features of W_q, W_k or W_v; for Role::Output, all output
  // features of W_o (head 0).
  Panels panels(Role role, int head) const;
  std::size_t bytes() const;

 private:
  bool matches(const AttentionWeights& weights, int heads) const;
  void remember(const AttentionWeights& weights);

  // Beyond this many floats (d_model 2048) keeping a copy to compare against costs more memory
  // than rebuilding, which is O(d²) beside the pass's O(L·d²), costs time.
  static constexpr std::size_t kCompareLimit = std::size_t{4} * 2048 * 2048;

  int m_modelWidth = 0;
  int m_outputWidth = 0;  // W_o's rows: d_model, or wider in a layer of a trained encoder
  int m_heads = 0;
  std::size_t m_headPanels = 0;  // panels per head: ⌈d_k / 16⌉
  std::vector<float> m_panels[4];
  std::vector<float> m_biases[4];
  std::vector<float> m_source;  // the weights last prepared, for the comparison
};

}  // namespace attnscope
