// The cache-blocking loops of C = A·B around one instruction set's register tile.
//
// Not a header of its own (no include guard): each kernels_<isa>.cpp includes it inside its own
// anonymous namespace, after defining
//   constexpr std::size_t kTileRows;          // rows of the register tile
//   template <int Rows> void tile(const float* a, std::size_t lda, const float* b,
//       std::size_t ldb, std::size_t depth, float* c, std::size_t ldc, std::size_t cols,
//       const float* bias, bool accumulate);  // one Rows × 16 block of C
//   unsigned long long gGemmCalls;
// so each instruction set gets its own copy with internal linkage, compiled with its own flags
// (Highway's foreach_target pattern). It uses no standard-library templates for the same reason,
// and assert(), so the including file includes <cassert>.

// Depth per pass: a 256 × 16 panel of B (16 KiB) stays in L1 while the row tiles of A stream
// past it from L2.
constexpr std::size_t kDepthBlock = 256;

constexpr std::size_t smaller(std::size_t x, std::size_t y) { return x < y ? x : y; }

// Calls tile<rows> for rows in [1, Rows]: the register tile is unrolled at compile time, so a
// short last block of rows gets its own exact-size tile instead of computing padding.
template <int Rows>
void tileOfRows(std::size_t rows, const float* a, std::size_t lda, const float* b, std::size_t ldb,
                std::size_t depth, float* c, std::size_t ldc, std::size_t cols, const float* bias,
                bool accumulate) {
  if constexpr (Rows > 1) {
    if (rows < std::size_t(Rows)) {
      tileOfRows<Rows - 1>(rows, a, lda, b, ldb, depth, c, ldc, cols, bias, accumulate);
      return;
    }
  }
  tile<Rows>(a, lda, b, ldb, depth, c, ldc, cols, bias, accumulate);
}

// The depth a block of rows needs: the largest rowDepth among them (all of it without one).
std::size_t depthOfRows(const GemmArgs& g, std::size_t firstRow, std::size_t rows) {
  if (g.rowDepth == nullptr) return g.depth;
  std::size_t depth = 0;
  for (std::size_t r = firstRow; r < firstRow + rows; ++r) {
    if (g.rowDepth[r] > depth) depth = g.rowDepth[r];
  }
  return smaller(depth, g.depth);
}

void gemm(const GemmArgs& g) {
  // The preconditions kernel_table.h states, checked in debug builds.
  assert(g.c != nullptr && "gemm: null C");
  assert((g.depth == 0 || (g.a != nullptr && g.b != nullptr)) && "gemm: null A or B");
  assert((g.rows <= 1 || g.lda >= g.depth) && "gemm: rows of A overlap (lda < depth)");
  assert((g.depth <= 1 || g.ldb >= kPanelWidth) && "gemm: panel rows overlap (ldb < 16)");
  assert((g.rows <= 1 || g.ldc >= g.cols) && "gemm: rows of C overlap (ldc < cols)");
  assert((g.bias == nullptr || !g.accumulate) && "gemm: a bias is only added to a fresh C");
  __atomic_fetch_add(&gGemmCalls, 1, __ATOMIC_RELAXED);
  const std::size_t panels = (g.cols + kPanelWidth - 1) / kPanelWidth;
  // Depth 0 still runs one pass, which writes the bias (or zeros).
  for (std::size_t k0 = 0; k0 == 0 || k0 < g.depth; k0 += kDepthBlock) {
    const bool first = k0 == 0 && !g.accumulate;
    for (std::size_t p = 0; p < panels; ++p) {
      const std::size_t cols = smaller(kPanelWidth, g.cols - p * kPanelWidth);
      const float* panel = g.b + p * g.panelStride + k0 * g.ldb;
      const float* bias = first && g.bias != nullptr ? g.bias + p * kPanelWidth : nullptr;
      for (std::size_t i0 = 0; i0 < g.rows; i0 += kTileRows) {
        const std::size_t rows = smaller(kTileRows, g.rows - i0);
        const std::size_t depth = depthOfRows(g, i0, rows);
        if (k0 > 0 && k0 >= depth) continue;  // these rows' remaining terms are all zero
        const std::size_t passDepth = depth > k0 ? smaller(kDepthBlock, depth - k0) : 0;
        tileOfRows<int(kTileRows)>(rows, g.a + i0 * g.lda + k0, g.lda, panel, g.ldb, passDepth,
                                   g.c + i0 * g.ldc + p * kPanelWidth, g.ldc, cols, bias, !first);
      }
    }
  }
}
