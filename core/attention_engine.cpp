#include "core/attention_engine.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/attention_engine_parts.h"
#include "core/error.h"
#include "core/float32_range.h"
#include "core/limits.h"
#include "core/out_of_memory.h"
#include "core/row_masks.h"

namespace attnscope {

using kernels::kPanelWidth;

namespace {

// Output features per task of the output projection.
constexpr std::size_t kOutputColumns = 4 * kPanelWidth;
// Below this many multiply-adds a pass is over before sleeping workers would wake up.
constexpr double kParallelWork = 4e6;

void requireInput(const Matrix& input, const char* name, int dModel) {
  if (input.rows() < 1) {
    throw Error(ErrorKind::InvalidArgument, std::string(name) + " sequence is empty");
  }
  if (input.cols() != dModel) {
    throw Error(ErrorKind::InvalidData, std::string(name) + " has " + std::to_string(input.cols()) +
                                            " columns but the weights expect d_model " +
                                            std::to_string(dModel));
  }
  if (!allFinite(input.data(), std::size_t(input.size()))) {
    throw Error(ErrorKind::InvalidData,
                std::string(name) + " holds a non-finite value (NaN or infinity)");
  }
}

// Rows of a head per attention task: their scores and weights rows (2 · rows · Lk floats) stay
// in L2 between the three steps.
std::size_t attentionRows(std::size_t keyLength) {
  const std::size_t rows = std::clamp<std::size_t>(32768 / keyLength, 8, 128);
  return rows / 8 * 8;
}

}  // namespace

AttentionEngine::AttentionEngine() : AttentionEngine(activeIsa()) {}

AttentionEngine::AttentionEngine(Isa isa)
    : m_isa(resolveIsa(isaName(isa))), m_kernels(kernelsFor(m_isa)) {}

AttentionEngine::~AttentionEngine() = default;

AttentionEngine::Shape AttentionEngine::prepare(const AttentionWeights& weights,
                                                const Matrix& query, const Matrix& keyValue,
                                                int heads, int threads) {
  m_weights.prepare(weights, heads);
  const int dModel = weights.modelWidth();
  requireInput(query, "the query", dModel);
  requireInput(keyValue, "the key/value", dModel);
  requireSequenceLength(static_cast<std::size_t>(query.rows()));
  requireSequenceLength(static_cast<std::size_t>(keyValue.rows()));

  Shape shape;
  shape.heads = heads;
  shape.modelWidth = static_cast<std::size_t>(dModel);
  shape.outputWidth = static_cast<std::size_t>(weights.outputWidth());
  shape.headWidth = shape.modelWidth / static_cast<std::size_t>(heads);
  shape.valueStride = blockCount(shape.headWidth, kPanelWidth) * kPanelWidth;
  shape.queryLength = static_cast<std::size_t>(query.rows());
  shape.keyLength = static_cast<std::size_t>(keyValue.rows());
  shape.keyPanels = blockCount(shape.keyLength, kPanelWidth);
  shape.divisor = m_scaling == ScoreScaling::None
                      ? 1.0f
                      : static_cast<float>(std::sqrt(static_cast<double>(shape.headWidth)));

  const int wanted = effectiveThreads(threads);
  if (!m_pool || m_pool->threads() != wanted) m_pool = std::make_unique<ThreadPool>(wanted);
  const double work =
      double(shape.modelWidth) * double(shape.modelWidth) *
          double(2 * shape.queryLength + 2 * shape.keyLength) +
      2.0 * double(shape.queryLength) * double(shape.keyLength) * double(shape.modelWidth);
  m_parallel = wanted > 1 && work >= kParallelWork;
  m_overflow.reset();
  allocating("the keys packed for " + std::to_string(heads) + " heads × " +
                 std::to_string(shape.keyLength) + " keys",
             [&] {
               m_scratch.resize(static_cast<std::size_t>(wanted));
               fitBuffer(m_packedKeys,
                         std::size_t(heads) * shape.keyPanels * shape.headWidth * kPanelWidth);
             });
  return shape;
}

// Phase 1: Q, K and V for every head, straight into the head-major trace, one task per
// (projection, block of rows, head); the key tasks also pack their rows into panels for QKᵀ.
void AttentionEngine::projectTrace(const Shape& shape, const Matrix& query,
                                   const Matrix& keyValue) {
  using Role = PreparedWeights::Role;
  const std::size_t queryBlocks = blockCount(shape.queryLength, kProjectionRows);
  const std::size_t keyBlocks = blockCount(shape.keyLength, kProjectionRows);
  const auto heads = static_cast<std::size_t>(shape.heads);
  const bool padValues = shape.valueStride != shape.headWidth;
  forEach((queryBlocks + 2 * keyBlocks) * heads, [&](std::size_t task, int) {
    const std::size_t head = task % heads;
    std::size_t block = task / heads;
    Role role = Role::Query;
    if (block >= queryBlocks) {
      block -= queryBlocks;
      role = block < keyBlocks ? Role::Key : Role::Value;
      block %= keyBlocks;
    }
    const Matrix& input = role == Role::Query ? query : keyValue;
    HeadTensor& target = role == Role::Query ? m_trace.q
                         : role == Role::Key ? m_trace.k
                                             : m_trace.v;
    const std::size_t first = block * kProjectionRows;
    const std::size_t rows = std::min(kProjectionRows, target.rows() - first);
    float* destination = target.data() + (head * target.rows() + first) * shape.headWidth;
    const PreparedWeights::Panels panels = m_weights.panels(role, int(head));
    if (!projectHeadRows(m_kernels, panels, input.data(), shape.modelWidth, first, rows,
                         shape.headWidth, destination, shape.headWidth)) {
      m_overflow.note(role == Role::Query ? ComputedStage::Query
                      : role == Role::Key ? ComputedStage::Key
                                          : ComputedStage::Value,
                      int(head));
    }
    if (role == Role::Key) {
      packKeys(destination, first, rows, shape.headWidth, shape.keyLength,
               m_packedKeys.data() + head * shape.keyPanels * shape.headWidth * kPanelWidth);
    } else if (role == Role::Value && padValues) {
      float* padded = m_paddedValues.data() + (head * shape.keyLength + first) * shape.valueStride;
      for (std::size_t r = 0; r < rows; ++r) {
        std::copy_n(destination + r * shape.headWidth, shape.headWidth,
                    padded + r * shape.valueStride);
      }
    }
  });
}

// Phase 2, per (head, block of rows): scores = Q·Kᵀ, the fused scale + mask + softmax into
// weights, and weights·V into the head's columns of the context. The block's scores and weights
// are still in L2 from one step to the next.
void AttentionEngine::attendTrace(const Shape& shape, const MaskSpec& mask) {
  const RowMasks masks(mask, m_trace.mask, shape.keyLength);
  const std::size_t blockRows = attentionRows(shape.keyLength);
  const std::size_t blocks = blockCount(shape.queryLength, blockRows);
  const std::size_t lq = shape.queryLength, lk = shape.keyLength, dk = shape.headWidth;
  const bool padded = shape.valueStride != dk;
  const bool keepScores = keepsScores(m_kept), keepWeights = keepsWeights(m_kept);
  for (Scratch& scratch : m_scratch) {
    fitBuffer(scratch.rowDepth, blockRows);
    fitBuffer(scratch.keep, masks.perCell() ? lk : 0);
    fitBuffer(scratch.blockScores, keepScores ? 0 : blockRows * lk);
    fitBuffer(scratch.blockWeights, keepWeights ? 0 : blockRows * lk);
  }
  forEach(blocks * std::size_t(shape.heads), [&](std::size_t task, int worker) {
    Scratch& scratch = m_scratch[std::size_t(worker)];
    const std::size_t head = task / blocks;
    const std::size_t first = task % blocks * blockRows;
    const std::size_t rows = std::min(blockRows, lq - first);
    float* scores =
        keepScores ? m_trace.scores.data() + (head * lq + first) * lk : scratch.blockScores.data();
    float* weights = keepWeights ? m_trace.weights.data() + (head * lq + first) * lk
                                 : scratch.blockWeights.data();
    m_kernels.gemm({.a = m_trace.q.data() + (head * lq + first) * dk,
                    .lda = dk,
                    .b = m_packedKeys.data() + head * shape.keyPanels * dk * kPanelWidth,
                    .ldb = kPanelWidth,
                    .panelStride = dk * kPanelWidth,
                    .c = scores,
                    .ldc = lk,
                    .rows = rows,
                    .cols = lk,
                    .depth = dk});
    // Checked while the block is in L2; a blocked cell counts too, as scores.npy holds it.
    if (!m_kernels.allFinite(scores, rows, lk, lk))
      m_overflow.note(ComputedStage::Scores, int(head));
    for (std::size_t r = 0; r < rows; ++r) {
      const kernels::RowMask rowMask = masks.row(int(head), first + r, 0, lk, scratch.keep.data());
      const bool blockedAreZero =
          m_kernels.softmaxRow(scores + r * lk, weights + r * lk, lk, shape.divisor, rowMask);
      scratch.rowDepth[r] = blockedAreZero ? rowMask.keptPrefix : lk;
    }
    const float* values = padded ? m_paddedValues.data() + head * lk * shape.valueStride
                                 : m_trace.v.data() + head * lk * dk;
    m_kernels.gemm({.a = weights,
                    .lda = lk,
                    .b = values,
                    .ldb = shape.valueStride,
                    .panelStride = kPanelWidth,
                    .c = m_trace.context.data() + first * shape.modelWidth + head * dk,
                    .ldc = shape.modelWidth,
                    .rows = rows,
                    .cols = dk,
                    .depth = lk,
                    .rowDepth = scratch.rowDepth.data()});
  });
}

// Phase 3: output = context·W_oᵀ + b_o, one task per (block of rows, group of 64 features).
void AttentionEngine::projectOutput(const Shape& shape, const Matrix& context, Matrix& output) {
  const std::size_t rowBlocks = blockCount(shape.queryLength, kProjectionRows);
  const std::size_t groups = blockCount(shape.outputWidth, kOutputColumns);
  const PreparedWeights::Panels panels = m_weights.panels(PreparedWeights::Role::Output, 0);
  forEach(rowBlocks * groups, [&](std::size_t task, int) {
    const std::size_t first = task / groups * kProjectionRows;
    const std::size_t column = task % groups * kOutputColumns;
    const std::size_t panel = column / kPanelWidth;
    const std::size_t rows = std::min(kProjectionRows, shape.queryLength - first);
    const std::size_t columns = std::min(kOutputColumns, shape.outputWidth - column);
    float* destination = output.data() + first * shape.outputWidth + column;
    m_kernels.gemm({.a = context.data() + first * shape.modelWidth,
                    .lda = shape.modelWidth,
                    .b = panels.b + panel * panels.panelStride,
                    .ldb = kPanelWidth,
                    .panelStride = panels.panelStride,
                    .bias = panels.bias + panel * kPanelWidth,
                    .c = destination,
                    .ldc = shape.outputWidth,
                    .rows = rows,
                    .cols = columns,
                    .depth = shape.modelWidth});
    if (!m_kernels.allFinite(destination, rows, columns, shape.outputWidth)) {
      m_overflow.note(ComputedStage::Output, 0);
    }
  });
}

const AttentionTrace& AttentionEngine::run(const AttentionWeights& weights, const Matrix& query,
                                           const Matrix& keyValue, const MaskSpec& mask, int heads,
                                           int threads) {
  const Shape shape = prepare(weights, query, keyValue, heads, threads);
  requireTraceFits(heads, shape.queryLength, shape.keyLength);
  m_summary = AttentionSummary();  // one result at a time: the trace now
  const auto h = static_cast<std::size_t>(heads);
  AttentionTrace& trace = m_trace;
  trace.heads = heads;
  trace.headWidth = shape.headWidth;
  trace.scoreDivisor = shape.divisor;
  const std::string traceSize =
      "the full trace of " + std::to_string(heads) + " heads × " +
      std::to_string(shape.queryLength) + " × " + std::to_string(shape.keyLength) + ", " +
      std::to_string(fullTraceBytes(heads, shape.queryLength, shape.keyLength) >> 20) + " MiB";
  allocating(traceSize, [&] {
    trace.mask = ResolvedMask(mask, heads, shape.queryLength, shape.keyLength);
    fitTensor(trace.q, h, shape.queryLength, shape.headWidth);
    fitTensor(trace.k, h, shape.keyLength, shape.headWidth);
    fitTensor(trace.v, h, shape.keyLength, shape.headWidth);
    // An array not kept gives its memory back rather than waiting for a run that keeps it.
    if (keepsScores(m_kept)) {
      fitTensor(trace.scores, h, shape.queryLength, shape.keyLength);
    } else {
      trace.scores = HeadTensor();
    }
    if (keepsWeights(m_kept)) {
      fitTensor(trace.weights, h, shape.queryLength, shape.keyLength);
    } else {
      trace.weights = HeadTensor();
    }
    trace.context.resize(Eigen::Index(shape.queryLength), Eigen::Index(shape.modelWidth));
    trace.output.resize(Eigen::Index(shape.queryLength), Eigen::Index(shape.outputWidth));
    fitBuffer(m_paddedValues,
              shape.valueStride != shape.headWidth ? h * shape.keyLength * shape.valueStride : 0);
  });

  const Clock::time_point start = Clock::now();
  projectTrace(shape, query, keyValue);
  m_overflow.throwIfNoted();
  const Clock::time_point projected = Clock::now();
  attendTrace(shape, mask);
  m_overflow.throwIfNoted();
  const Clock::time_point attended = Clock::now();
  projectOutput(shape, trace.context, trace.output);
  m_overflow.throwIfNoted();
  m_times = phaseTimes(start, projected, attended, Clock::now());
  return trace;
}

std::size_t AttentionEngine::workspaceBytes() const {
  const auto floats = [](const auto& container) {
    return static_cast<std::size_t>(container.size()) * sizeof(float);
  };
  const auto held = [](const HeadTensor& tensor) { return tensor.capacity() * sizeof(float); };
  std::size_t bytes = m_weights.bytes() + m_packedKeys.capacity() * sizeof(float) +
                      m_paddedValues.capacity() * sizeof(float);
  bytes += held(m_trace.q) + held(m_trace.k) + held(m_trace.v) + held(m_trace.scores) +
           held(m_trace.weights) + floats(m_trace.context) + floats(m_trace.output);
  bytes += floats(m_summary.context) + floats(m_summary.output) + held(m_summary.picture);
  for (const Scratch& s : m_scratch) {
    bytes += s.rowDepth.capacity() * sizeof(std::size_t) + s.keep.capacity() +
             (s.blockScores.capacity() + s.blockWeights.capacity() + s.queries.capacity() +
              s.values.capacity() + s.accumulator.capacity() + s.bins.capacity() +
              s.projected.capacity()) *
                 sizeof(float) +
             s.states.capacity() * sizeof(kernels::OnlineSoftmaxState);
  }
  return bytes;
}

}  // namespace attnscope
