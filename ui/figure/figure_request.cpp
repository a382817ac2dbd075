#include "ui/figure/figure_request.h"

#include <array>

namespace attnscope {
namespace {

constexpr std::array<FigureStyle, 3> kStyles = {FigureStyle::Paper, FigureStyle::Slide,
                                                FigureStyle::Grayscale};
constexpr std::array<ScoreStage, 4> kStages = {ScoreStage::Scores, ScoreStage::Scaled,
                                               ScoreStage::Masked, ScoreStage::Weights};

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
