#include "ui/model/trace_matrices.h"

#include <QCoreApplication>
#include <array>

#include "ui/model/formula_text.h"

namespace attnscope {
namespace {

constexpr std::array<TraceMatrix, 6> kMatrices = {TraceMatrix::Input,   TraceMatrix::Queries,
                                                  TraceMatrix::Keys,    TraceMatrix::Values,
                                                  TraceMatrix::Context, TraceMatrix::Output};

// Gives these free functions tr(), under a context lupdate sees.
class TraceMatrices {
  Q_DECLARE_TR_FUNCTIONS(attnscope::TraceMatrices)
};

template <typename Values>
HeatmapData heatmapOf(const Values& values, QStringList rows, QString title) {
  HeatmapData data;
  data.rows = int(values.rows());
  data.cols = int(values.cols());
  data.values.reserve(std::size_t(values.size()));
  // Element by element: a block of a row-major matrix is not contiguous.
  for (Eigen::Index row = 0; row < values.rows(); ++row) {
    for (Eigen::Index col = 0; col < values.cols(); ++col) data.values.push_back(values(row, col));
  }
  data.rowLabels = std::move(rows);
  for (int col = 0; col < data.cols; ++col) data.colLabels << QString::number(col + 1);
  data.title = std::move(title);
  return data;
}

// Q, K or V: one head's slice, or all heads side by side (column h·d_k + c is column c of head h).
HeatmapData splitHeatmap(const HeadTensor& split, QStringList rows, const QString& name,
                         const HeadChoice& heads) {
  if (heads.kind == HeadChoice::Kind::One) {
    return heatmapOf(split.head(std::size_t(heads.head)), std::move(rows),
                     name + subscript(heads.head + 1));
  }
  const auto width = Eigen::Index(split.cols());
  Matrix joined(Eigen::Index(split.rows()), width * Eigen::Index(split.heads()));
  for (std::size_t h = 0; h < split.heads(); ++h) {
    joined.middleCols(Eigen::Index(h) * width, width) = split.head(h);
  }
  return heatmapOf(joined, std::move(rows), name);
}

}  // namespace

QString traceMatrixKey(TraceMatrix matrix) {
  switch (matrix) {
    case TraceMatrix::Input:
      return QStringLiteral("x");
    case TraceMatrix::Queries:
      return QStringLiteral("q");
    case TraceMatrix::Keys:
      return QStringLiteral("k");
    case TraceMatrix::Values:
      return QStringLiteral("v");
    case TraceMatrix::Context:
      return QStringLiteral("context");
    case TraceMatrix::Output:
      break;
  }
  return QStringLiteral("output");
}

std::optional<TraceMatrix> traceMatrixFromKey(QStringView key) {
  for (const TraceMatrix matrix : kMatrices) {
    if (key.compare(traceMatrixKey(matrix), Qt::CaseInsensitive) == 0) return matrix;
  }
  return std::nullopt;
}

bool splitIntoHeads(TraceMatrix matrix) {
  return matrix != TraceMatrix::Input && matrix != TraceMatrix::Output;
}

HeatmapData traceMatrixHeatmap(const AttentionResult& result, TraceMatrix matrix,
                               const HeadChoice& heads) {
  const AttentionTrace& trace = *result.trace;
  const QStringList queries = result.queryLabels;
  const QStringList keys = result.keyLabels;
  switch (matrix) {
    case TraceMatrix::Input:
      return heatmapOf(result.queryEmbeddings + result.queryPositions, queries,
                       QStringLiteral("X"));
    case TraceMatrix::Queries:
      return splitHeatmap(trace.q, queries, QStringLiteral("Q"), heads);
    case TraceMatrix::Keys:
      return splitHeatmap(trace.k, keys, QStringLiteral("K"), heads);
    case TraceMatrix::Values:
      return splitHeatmap(trace.v, keys, QStringLiteral("V"), heads);
    case TraceMatrix::Context:
      if (heads.kind == HeadChoice::Kind::One) {
        const auto width = Eigen::Index(trace.headWidth);
        return heatmapOf(trace.context.middleCols(Eigen::Index(heads.head) * width, width), queries,
                         QStringLiteral("head") + subscript(heads.head + 1));
      }
      return heatmapOf(trace.context, queries, QStringLiteral("Concat(head₁ … head_h)"));
    case TraceMatrix::Output:
      break;
  }
  return heatmapOf(trace.output, queries, QStringLiteral("MultiHead(X)"));
}

QString traceMatrixProblem(const AttentionResult& result, TraceMatrix matrix,
                           const HeadChoice& heads) {
  const int count = result.trace->heads;
  switch (heads.kind) {
    case HeadChoice::Kind::All:
      return {};
    case HeadChoice::Kind::Mean:
      return TraceMatrices::tr("the mean of the heads is drawn for the attention weights only");
    case HeadChoice::Kind::One:
      break;
  }
  if (!splitIntoHeads(matrix)) {
    return TraceMatrices::tr("%1 is not split into heads: choose all heads")
        .arg(traceMatrixKey(matrix));
  }
  if (heads.head < 0 || heads.head >= count) {
    return TraceMatrices::tr("there is no head %1; the heads are 1 to %2")
        .arg(heads.head + 1)
        .arg(count);
  }
  return {};
}

}  // namespace attnscope
