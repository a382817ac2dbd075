#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/large_buffer_allocator.h"
#include "core/matrix.h"

namespace attnscope {

// A stack of per-head matrices, heads × rows × cols, contiguous in C order as .npy writes it:
// index h of the first axis is head h+1 of the formula.
class HeadTensor {
 public:
  HeadTensor() = default;
  // heads × rows × cols zeros.
  HeadTensor(std::size_t heads, std::size_t rows, std::size_t cols)
      : m_heads(heads), m_rows(rows), m_cols(cols), m_values(heads * rows * cols, 0.0f) {}

  std::size_t heads() const { return m_heads; }
  std::size_t rows() const { return m_rows; }
  std::size_t cols() const { return m_cols; }
  std::vector<std::size_t> shape() const { return {m_heads, m_rows, m_cols}; }
  std::span<const float> values() const { return m_values; }
  // Floats the storage holds, which may exceed heads · rows · cols after a resize to less.
  std::size_t capacity() const { return m_values.capacity(); }
  float* data() { return m_values.data(); }
  const float* data() const { return m_values.data(); }

  // New sizes with unspecified contents. Keeps the storage when it is large enough, so an
  // engine that reruns the same sizes allocates nothing.
  void resize(std::size_t heads, std::size_t rows, std::size_t cols) {
    m_heads = heads;
    m_rows = rows;
    m_cols = cols;
    m_values.resize(heads * rows * cols);
  }

  Eigen::Map<Matrix> head(std::size_t h) {
    return {m_values.data() + h * m_rows * m_cols, Eigen::Index(m_rows), Eigen::Index(m_cols)};
  }
  Eigen::Map<const Matrix> head(std::size_t h) const {
    return {m_values.data() + h * m_rows * m_cols, Eigen::Index(m_rows), Eigen::Index(m_cols)};
  }
  float operator()(std::size_t h, std::size_t row, std::size_t col) const {
    return m_values[(h * m_rows + row) * m_cols + col];
  }
  float& operator()(std::size_t h, std::size_t row, std::size_t col) {
    return m_values[(h * m_rows + row) * m_cols + col];
  }

 private:
  std::size_t m_heads = 0, m_rows = 0, m_cols = 0;
  // Fresh storage is cheap (no zeroing pass, huge pages): the window allocates a trace per run.
  std::vector<float, LargeBufferAllocator<float>> m_values;
};

}  // namespace attnscope
