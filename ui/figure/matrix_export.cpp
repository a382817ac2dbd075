#include "ui/figure/matrix_export.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <cstdio>

#include "core/error.h"
#include "core/npy.h"
#include "core/trace_files.h"
#include "ui/model/atomic_save.h"
#include "ui/model/error_text.h"
#include "ui/model/trace_matrices.h"

namespace attnscope {
namespace {

// Gives these free functions tr(), under a context lupdate sees.
class MatrixExport {
  Q_DECLARE_TR_FUNCTIONS(attnscope::MatrixExport)
};

QByteArray csvField(const QString& text) {
  QString quoted = text;
  quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return '"' + quoted.toUtf8() + '"';
}

QByteArray csvBytes(const HeatmapData& data, bool byteOrderMark = true) {
  QByteArray csv(byteOrderMark ? "\xEF\xBB\xBF" : "");  // so spreadsheets read UTF-8
  csv += csvField(QString());
  for (int col = 0; col < data.cols; ++col) csv += ',' + csvField(data.colLabels.value(col));
  csv += "\r\n";
  char number[32];
  for (int row = 0; row < data.rows; ++row) {
    csv += csvField(data.rowLabels.value(row));
    for (int col = 0; col < data.cols; ++col) {
      // %.9g round-trips every float32.
      std::snprintf(
          number, sizeof number, "%.9g",
          double(data.values[std::size_t(row) * std::size_t(data.cols) + std::size_t(col)]));
      csv += ',';
      csv += number;
    }
    csv += "\r\n";
  }
  return csv;
}

QByteArray npyBytes(std::span<const std::size_t> shape, std::span<const float> values) {
  const std::vector<std::byte> bytes = npy::encodeFloat32(shape, values);
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

// ".csv" → true, ".npy" → false, anything else → nullopt.
std::optional<bool> isCsvPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("csv")) return true;
  if (suffix == QLatin1String("npy")) return false;
  return std::nullopt;
}

QString wrongSuffix(const QString& path) {
  return MatrixExport::tr("%1: choose a file name ending in .csv or .npy").arg(path);
}

QByteArray heatmapBytes(const HeatmapData& data, bool csv) {
  const std::size_t shape[] = {std::size_t(data.rows), std::size_t(data.cols)};
  return csv ? csvBytes(data) : npyBytes(shape, data.values);
}

QByteArray matrixBytes(const AttentionResult& result, ScoreStage stage, const HeadChoice& heads,
                       bool csv) {
  if (heads.kind != HeadChoice::Kind::All) {
    const HeatmapData data = heads.kind == HeadChoice::Kind::Mean
                                 ? averageHeatmap(result)
                                 : headHeatmap(result, heads.head, stage);
    return heatmapBytes(data, csv);
  }
  const AttentionTrace& trace = *result.trace;
  switch (stage) {
    case ScoreStage::Scores:
      return npyBytes(trace.scores.shape(), trace.scores.values());
    case ScoreStage::Weights:
      return npyBytes(trace.weights.shape(), trace.weights.values());
    case ScoreStage::Scaled: {
      const HeadTensor scaled = trace.scaledScores();
      return npyBytes(scaled.shape(), scaled.values());
    }
    case ScoreStage::Masked:
      break;
  }
  const HeadTensor masked = trace.maskedScores();
  return npyBytes(masked.shape(), masked.values());
}

QString noTraceProblem(const AttentionResult& result) {
  if (result.pooled())
    return MatrixExport::tr(
        "the text is too long for the full trace, which holds the matrices: "
        "shorten it to export them");
  return MatrixExport::tr("there is no computed attention to export");
}

}  // namespace

QString exportHeatmap(const HeatmapData& data, const QString& path) {
  const std::optional<bool> csv = isCsvPath(path);
  if (!csv) return wrongSuffix(path);
  if (data.isPicture())
    return MatrixExport::tr("a pooled picture holds no matrix: shorten the text to export one");
  QByteArray bytes;
  if (QString problem = problemFrom([&] { bytes = heatmapBytes(data, *csv); }); !problem.isEmpty())
    return problem;
  return saveAtomically(bytes, path);
}

QString heatmapCsvText(const HeatmapData& data) {
  return data.isPicture() ? QString() : QString::fromUtf8(csvBytes(data, false));
}

QString exportTraceMatrix(const AttentionResult& result, TraceMatrix matrix,
                          const HeadChoice& heads, const QString& path) {
  if (!isCsvPath(path)) return wrongSuffix(path);
  if (!result.ok()) return noTraceProblem(result);
  if (const QString problem = traceMatrixProblem(result, matrix, heads); !problem.isEmpty())
    return problem;
  return exportHeatmap(traceMatrixHeatmap(result, matrix, heads), path);
}

QString exportMatrix(const AttentionResult& result, ScoreStage stage, const HeadChoice& heads,
                     const QString& path) {
  const std::optional<bool> isCsv = isCsvPath(path);
  if (!isCsv) return wrongSuffix(path);
  const bool csv = *isCsv;
  if (!result.ok()) return noTraceProblem(result);
  if (heads.kind == HeadChoice::Kind::One &&
      (heads.head < 0 || heads.head >= result.trace->heads)) {
    return MatrixExport::tr("there is no head %1").arg(heads.head + 1);
  }
  if (heads.kind == HeadChoice::Kind::Mean && stage != ScoreStage::Weights) {
    return MatrixExport::tr("the mean of the heads is exported for the attention weights only");
  }
  if (heads.kind == HeadChoice::Kind::All && csv) {
    return MatrixExport::tr(
        "a CSV file holds one matrix: choose a head or the mean, or save as .npy");
  }
  QByteArray bytes;
  if (QString problem = problemFrom([&] { bytes = matrixBytes(result, stage, heads, csv); });
      !problem.isEmpty())
    return problem;
  return saveAtomically(bytes, path);
}

QString exportTrace(const AttentionResult& result, const QString& folder) {
  if (!result.ok()) return noTraceProblem(result);
  return problemFrom([&] {
    std::vector<OutputFile> files = traceFiles(*result.trace);
    const bool separateKeys = result.parameters.crossAttention;
    files.push_back(tokensFile(
        result.queryTokens,
        separateKeys ? std::optional<std::span<const Token>>(result.keyTokens) : std::nullopt));
    files.push_back(matrixFile("x.npy", result.queryEmbeddings + result.queryPositions));
    if (separateKeys) files.push_back(matrixFile("x_kv.npy", result.keyValueInput));
    const QByteArray name = QFile::encodeName(folder);
    publishFiles(std::filesystem::path(std::string(name.constData(), std::size_t(name.size()))),
                 files);
  });
}

}  // namespace attnscope
