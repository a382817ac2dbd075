// The streaming path of AttentionEngine: the forward pass without any Lq × Lk array.
//
// For each head and block of query rows, keys are visited in blocks of kKeyBlock. An online
// softmax (Milakov & Gimelshein 2018, as in FlashAttention, Dao et al. 2022) keeps per row the
// running maximum m and running sum l = Σ exp(x_j − m) and the running Σ exp(x_j − m)·v_j; when a
// block raises m to m', everything summed so far is multiplied by exp(m − m'). At the end,
// context = (Σ exp(x_j − m)·v_j) / l, which is softmax(x)·V. The picture is pooled the same way:
// per row, the sums of exp(x_j − m) over each picture column are rescaled with the rest, and
// divided by l at the end, giving the sum of that row's weights over the column's keys.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/attention_engine.h"
#include "core/attention_engine_parts.h"
#include "core/blocked_score.h"
#include "core/error.h"
#include "core/out_of_memory.h"
#include "core/row_masks.h"

namespace attnscope {

using kernels::kPanelWidth;

namespace {

// Keys per block: a multiple of the 16-key panels; the block's scores for 64 rows (64 KiB) stay
// in L2 between QKᵀ, the softmax and weights·V.
constexpr std::size_t kKeyBlock = 256;
// About this many query rows per task, rounded to whole picture rows so that each picture cell
// is written by one task only (in a fixed order: bit-identical for any thread count).
constexpr std::size_t kTaskRows = 64;
// Once a row's running maximum exceeds kBlockedScore by this much, exp(kBlockedScore − m) is
// exactly 0 in float32 (e⁻¹²⁸ is below 2⁻¹⁵⁰), so a block of blocked keys adds nothing at all and
// can be skipped.
constexpr float kBlockedIsZeroAbove = kBlockedScore + 128.0f;

}  // namespace

// K packed into panels for QKᵀ and V with rows padded to whole panels, one task per (K or V,
// block of keys, head): the only O(Lk·d) buffers besides the context.
void AttentionEngine::projectKeysForStreaming(const Shape& shape, const Matrix& keyValue) {
  using Role = PreparedWeights::Role;
  const std::size_t keyBlocks = blockCount(shape.keyLength, kProjectionRows);
  const auto heads = static_cast<std::size_t>(shape.heads);
  for (Scratch& scratch : m_scratch)
    fitBuffer(scratch.projected, kProjectionRows * shape.headWidth);
  forEach(2 * keyBlocks * heads, [&](std::size_t task, int worker) {
    const std::size_t head = task % heads;
    const bool keys = task / heads < keyBlocks;
    const std::size_t first = task / heads % keyBlocks * kProjectionRows;
    const std::size_t rows = std::min(kProjectionRows, shape.keyLength - first);
    const PreparedWeights::Panels panels =
        m_weights.panels(keys ? Role::Key : Role::Value, int(head));
    float* projected = m_scratch[std::size_t(worker)].projected.data();
    float* destination =
        keys ? projected
             : m_paddedValues.data() + (head * shape.keyLength + first) * shape.valueStride;
    if (!projectHeadRows(m_kernels, panels, keyValue.data(), shape.modelWidth, first, rows,
                         shape.headWidth, destination,
                         keys ? shape.headWidth : shape.valueStride)) {
      m_overflow.note(keys ? ComputedStage::Key : ComputedStage::Value, int(head));
    }
    if (!keys) return;
    packKeys(projected, first, rows, shape.headWidth, shape.keyLength,
             m_packedKeys.data() + head * shape.keyPanels * shape.headWidth * kPanelWidth);
  });
}

void AttentionEngine::attendStreaming(const Shape& shape, const Matrix& query, const MaskSpec& mask,
                                      const ResolvedMask& resolved) {
  AttentionSummary& summary = m_summary;
  const RowMasks masks(mask, resolved, shape.keyLength);
  const std::size_t lq = shape.queryLength, lk = shape.keyLength, dk = shape.headWidth;
  const std::size_t pictureRows = summary.picture.rows(), pictureCols = summary.picture.cols();
  const std::size_t binsPerTask = std::max<std::size_t>(1, kTaskRows * pictureRows / lq);
  const std::size_t groups = blockCount(pictureRows, binsPerTask);
  std::size_t taskRows = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    const std::size_t last = std::min(pictureRows, (g + 1) * binsPerTask);
    taskRows = std::max(taskRows, summary.rowStart(last) - summary.rowStart(g * binsPerTask));
  }
  for (Scratch& s : m_scratch) {
    fitBuffer(s.queries, taskRows * dk);
    fitBuffer(s.values, taskRows * kKeyBlock);
    fitBuffer(s.accumulator, taskRows * dk);
    fitBuffer(s.bins, taskRows * pictureCols);
    fitBuffer(s.states, taskRows);
    fitBuffer(s.keep, masks.perCell() ? kKeyBlock : 0);
  }

  forEach(groups * std::size_t(shape.heads), [&](std::size_t task, int worker) {
    Scratch& s = m_scratch[std::size_t(worker)];
    const std::size_t head = task / groups;
    const std::size_t firstBin = task % groups * binsPerTask;
    const std::size_t lastBin = std::min(pictureRows, firstBin + binsPerTask);
    const std::size_t first = summary.rowStart(firstBin);
    const std::size_t rows = summary.rowStart(lastBin) - first;

    // This head's queries for these rows, projected here rather than stored for all rows.
    const PreparedWeights::Panels queryPanels =
        m_weights.panels(PreparedWeights::Role::Query, int(head));
    if (!projectHeadRows(m_kernels, queryPanels, query.data(), shape.modelWidth, first, rows, dk,
                         s.queries.data(), dk))
      m_overflow.note(ComputedStage::Query, int(head));
    std::fill_n(s.states.begin(), rows,
                kernels::OnlineSoftmaxState{-std::numeric_limits<float>::infinity(), 0.0f});
    std::fill_n(s.accumulator.begin(), rows * dk, 0.0f);
    std::fill_n(s.bins.begin(), rows * pictureCols, 0.0f);
    std::size_t rowsKeep = 0;  // the most keys any of these rows keeps (prefix masks)
    for (std::size_t r = 0; r < rows; ++r)
      rowsKeep = std::max(rowsKeep, masks.keptPrefix(first + r));

    for (std::size_t firstKey = 0; firstKey < lk; firstKey += kKeyBlock) {
      const std::size_t keys = std::min(kKeyBlock, lk - firstKey);
      if (!masks.perCell() && firstKey >= rowsKeep &&
          std::all_of(s.states.begin(), s.states.begin() + std::ptrdiff_t(rows),
                      [](const auto& state) { return state.maximum > kBlockedIsZeroAbove; })) {
        continue;  // every key here is blocked for every row, and adds exactly nothing
      }
      m_kernels.gemm({.a = s.queries.data(),
                      .lda = dk,
                      .b = m_packedKeys.data() +
                           (head * shape.keyPanels + firstKey / kPanelWidth) * dk * kPanelWidth,
                      .ldb = kPanelWidth,
                      .panelStride = dk * kPanelWidth,
                      .c = s.values.data(),
                      .ldc = kKeyBlock,
                      .rows = rows,
                      .cols = keys,
                      .depth = dk});
      if (!m_kernels.allFinite(s.values.data(), rows, keys, kKeyBlock)) {
        m_overflow.note(ComputedStage::Scores, int(head));
      }
      const std::size_t firstColumn = firstKey * pictureCols / lk;  // ≤ the bin of firstKey
      for (std::size_t r = 0; r < rows; ++r) {
        float* values = s.values.data() + r * kKeyBlock;
        const kernels::RowMask rowMask =
            masks.row(int(head), first + r, firstKey, keys, s.keep.data());
        const float rescale =
            m_kernels.onlineSoftmaxBlock(values, keys, shape.divisor, rowMask, &s.states[r]);
        float* bins = s.bins.data() + r * pictureCols;
        if (rescale != 1.0f) {
          float* sums = s.accumulator.data() + r * dk;
          for (std::size_t f = 0; f < dk; ++f) sums[f] *= rescale;
          for (std::size_t c = 0; c <= firstColumn && c < pictureCols; ++c) bins[c] *= rescale;
        }
        // Σ exp(x_j − m) over each picture column's keys in this block.
        for (std::size_t c = firstColumn;
             c < pictureCols && summary.columnStart(c) < firstKey + keys; ++c) {
          const std::size_t from = std::max(summary.columnStart(c), firstKey);
          const std::size_t to = std::min(summary.columnStart(c + 1), firstKey + keys);
          float sum = 0.0f;
          for (std::size_t j = from; j < to; ++j) sum += values[j - firstKey];
          bins[c] += sum;
        }
      }
      m_kernels.gemm({.a = s.values.data(),
                      .lda = kKeyBlock,
                      .b = m_paddedValues.data() + (head * lk + firstKey) * shape.valueStride,
                      .ldb = shape.valueStride,
                      .panelStride = kPanelWidth,
                      .c = s.accumulator.data(),
                      .ldc = dk,
                      .rows = rows,
                      .cols = dk,
                      .depth = keys,
                      .accumulate = true});
    }

    // context = (Σ exp(x_j − m)·v_j) / l; picture cells collect each row's weights per column.
    for (std::size_t bin = firstBin; bin < lastBin; ++bin) {
      float* cells = summary.picture.data() + (head * pictureRows + bin) * pictureCols;
      std::fill_n(cells, pictureCols, 0.0f);
      const std::size_t binEnd = summary.rowStart(bin + 1);
      for (std::size_t i = summary.rowStart(bin); i < binEnd; ++i) {
        const std::size_t r = i - first;
        const float scale = 1.0f / s.states[r].sum;
        const float* sums = s.accumulator.data() + r * dk;
        float* context = summary.context.data() + i * shape.modelWidth + head * dk;
        for (std::size_t f = 0; f < dk; ++f) context[f] = sums[f] * scale;
        const float* bins = s.bins.data() + r * pictureCols;
        for (std::size_t c = 0; c < pictureCols; ++c) cells[c] += bins[c] * scale;
      }
      for (std::size_t c = 0; c < pictureCols; ++c) {
        cells[c] /= float((binEnd - summary.rowStart(bin)) *
                          (summary.columnStart(c + 1) - summary.columnStart(c)));
      }
    }
  });
}

const AttentionSummary& AttentionEngine::runStreaming(const AttentionWeights& weights,
                                                      const Matrix& query, const Matrix& keyValue,
                                                      const MaskSpec& mask, int heads, int threads,
                                                      std::size_t pictureSize) {
  if (pictureSize < 1) {
    throw Error(ErrorKind::InvalidArgument, "the picture needs at least one cell per side");
  }
  const Shape shape = prepare(weights, query, keyValue, heads, threads);
  const ResolvedMask resolved(mask, heads, shape.queryLength, shape.keyLength);
  m_trace = AttentionTrace();  // one result at a time: the summary now
  AttentionSummary& summary = m_summary;
  summary.heads = heads;
  summary.headWidth = shape.headWidth;
  summary.queryLength = shape.queryLength;
  summary.keyLength = shape.keyLength;
  allocating(
      "the streaming buffers of " + std::to_string(heads) + " heads × " +
          std::to_string(shape.queryLength) + " × " + std::to_string(shape.keyLength),
      [&] {
        summary.context.resize(Eigen::Index(shape.queryLength), Eigen::Index(shape.modelWidth));
        summary.output.resize(Eigen::Index(shape.queryLength), Eigen::Index(shape.outputWidth));
        fitTensor(summary.picture, std::size_t(heads), std::min(shape.queryLength, pictureSize),
                  std::min(shape.keyLength, pictureSize));
        fitBuffer(m_paddedValues, std::size_t(heads) * shape.keyLength * shape.valueStride);
      });

  const Clock::time_point start = Clock::now();
  projectKeysForStreaming(shape, keyValue);
  m_overflow.throwIfNoted();
  const Clock::time_point projected = Clock::now();
  attendStreaming(shape, query, mask, resolved);
  m_overflow.throwIfNoted();
  const Clock::time_point attended = Clock::now();
  projectOutput(shape, summary.context, summary.output);
  m_overflow.throwIfNoted();
  m_times = phaseTimes(start, projected, attended, Clock::now());
  return summary;
}

}  // namespace attnscope
