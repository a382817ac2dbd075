#pragma once

#include <Eigen/Core>

namespace attnscope {

// Row-major, as PyTorch and .npy store matrices: rows are tokens (or output features of a
// weight), and a row's values sit side by side in memory.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;

}  // namespace attnscope
