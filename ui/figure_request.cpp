#include "ui/figure_request.h"

#include <array>

namespace attnscope {
namespace {

constexpr std::array<FigureStyle, 3> kStyles = {FigureStyle::Paper, FigureStyle::Slide,
                                                FigureStyle::Grayscale};
constexpr std::array<ScoreStage, 4> kStages = {ScoreStage::Scores, ScoreStage::Scaled,
                                               ScoreStage::Masked, ScoreStage::Weights};
constexpr std::array<TraceMatrix, 6> kMatrices = {TraceMatrix::Input,   TraceMatrix::Queries,
                                                  TraceMatrix::Keys,    TraceMatrix::Values,
                                                  TraceMatrix::Context, TraceMatrix::Output};

}  // namespace

QString figureStyleKey(FigureStyle style) {
  switch (style) {
    case FigureStyle::Paper:
      return QStringLiteral("paper");
    case FigureStyle::Slide:
      return QStringLiteral("slide");
    case FigureStyle::Grayscale:
      break;
  }
  return QStringLiteral("grayscale");
}

std::optional<FigureStyle> figureStyleFromKey(QStringView key) {
  for (const FigureStyle style : kStyles) {
    if (key.compare(figureStyleKey(style), Qt::CaseInsensitive) == 0) return style;
  }
  return std::nullopt;
}

QString scoreStageKey(ScoreStage stage) {
  const std::string_view key = sessionStepKey(stage);
  return QString::fromLatin1(key.data(), qsizetype(key.size()));
}

std::optional<ScoreStage> scoreStageFromKey(QStringView key) {
  for (const ScoreStage stage : kStages) {
    if (key.compare(scoreStageKey(stage), Qt::CaseInsensitive) == 0) return stage;
  }
  return std::nullopt;
}

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

QString figureStepKey(const FigureRequest& request) {
  return request.matrix ? traceMatrixKey(*request.matrix) : scoreStageKey(request.stage);
}

QString headChoiceKey(const HeadChoice& heads) {
  switch (heads.kind) {
    case HeadChoice::Kind::All:
      return QStringLiteral("all");
    case HeadChoice::Kind::Mean:
      return QStringLiteral("mean");
    case HeadChoice::Kind::One:
      break;
  }
  return QString::number(heads.head + 1);
}

ColorMapName effectiveColorMap(const FigureRequest& request) {
  if (request.style == FigureStyle::Grayscale) return ColorMapName::Grayscale;
  if (request.colorMap) return *request.colorMap;
  return request.stage == ScoreStage::Weights && !request.matrix ? ColorMapName::Viridis
                                                                 : ColorMapName::Diverging;
}

}  // namespace attnscope
